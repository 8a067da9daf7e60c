import { useId } from 'react'
import type { OfficeReview } from '../../../modules/reviews/review.schema.js'
import { Badge } from '../../components/Feedback.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'
import { recommendationTone, reviewStatusTone } from './labels.js'

/** An editable list of conditions (one text input each), used by the office review and the decision. */
export function ConditionsEditor({
  legend,
  hint,
  conditions,
  onChange,
  error,
}: {
  legend: string
  hint?: string
  conditions: string[]
  onChange: (conditions: string[]) => void
  error?: string
}) {
  const t = useT()
  const prefix = useId()
  const hintId = `${prefix}-hint`
  const errorId = `${prefix}-error`
  return (
    <fieldset
      className={error ? 'fieldset field--invalid' : 'fieldset'}
      aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="conditions-editor">
        {conditions.map((condition, index) => (
          // Conditions have no id while being written; the position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div key={index} className="input-row">
            <label className="visually-hidden" htmlFor={`${prefix}-${index}`}>
              {t('reviews.conditionN', { n: index + 1 })}
            </label>
            <input
              id={`${prefix}-${index}`}
              className="input"
              value={condition}
              onChange={(event) =>
                onChange(conditions.map((entry, at) => (at === index ? event.target.value : entry)))
              }
            />
            <button
              type="button"
              className="button button--danger-ghost button--small"
              aria-label={t('reviews.removeCondition', { n: index + 1 })}
              onClick={() => onChange(conditions.filter((_, at) => at !== index))}
            >
              {t('reviews.remove')}
            </button>
          </div>
        ))}
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <div>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([...conditions, ''])}
        >
          + {t('reviews.addCondition')}
        </button>
      </div>
    </fieldset>
  )
}

/** The status of one office's review as a badge: open, overdue, clock paused, completed. */
export function ReviewStatusBadge({ review }: { review: Pick<OfficeReview, 'status' | 'isOverdue'> }) {
  const t = useT()
  const label = review.isOverdue ? t('reviews.status.overdue') : t(`reviews.status.${review.status}`)
  return <Badge tone={reviewStatusTone(review.status, review.isOverdue)}>{label}</Badge>
}

/** The office's recommendation as a badge. */
export function RecommendationBadge({ recommendation }: { recommendation: OfficeReview['recommendation'] }) {
  const t = useT()
  if (!recommendation) return <Badge tone="neutral">{t('reviews.recommendation.pending')}</Badge>
  return (
    <Badge tone={recommendationTone(recommendation)}>{t(`reviews.recommendation.${recommendation}`)}</Badge>
  )
}

/** The deadline of a review in words: due date, overdue, or the clock paused while waiting for an answer. */
export function DueLine({ review }: { review: Pick<OfficeReview, 'status' | 'isOverdue' | 'dueAt'> }) {
  const t = useT()
  const { locale } = useLocale()
  if (review.status === 'completed' || review.status === 'cancelled') return null
  if (review.status === 'waiting_for_information')
    return (
      <p className="due due--paused">
        <span aria-hidden="true" className="pause-mark">
          ❚❚{' '}
        </span>
        {t('reviews.due.paused')}
      </p>
    )
  return (
    <p className={review.isOverdue ? 'due due--overdue' : 'due'}>
      {review.isOverdue
        ? t('reviews.due.overdue', { date: formatDate(locale, review.dueAt) })
        : t('reviews.due.until', { date: formatDate(locale, review.dueAt) })}
    </p>
  )
}

/** A message body with `@username` mentions set off. */
export function MentionText({ text }: { text: string }) {
  const parts = text.split(/(@[\w.-]+)/g)
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith('@') ? (
          // The parts of one text never reorder; the position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <strong key={index} className="mention">
            {part}
          </strong>
        ) : (
          part
        ),
      )}
    </>
  )
}
