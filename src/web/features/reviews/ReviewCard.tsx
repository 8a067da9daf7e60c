import { useState } from 'react'
import type { Office } from '../../../modules/organisation/organisation.schema.js'
import {
  AnswerRequestSchema,
  AskSchema,
  type CaseReview,
  CompleteReviewSchema,
  type InformationRequest,
  type OfficeReview,
  type Recommendation,
} from '../../../modules/reviews/review.schema.js'
import { FormActions, FormErrors, TextAreaField, useFormSubmission } from '../../components/Form.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { RadioGroup } from '../collaborations/formParts.js'
import { reviewsApi } from './api.js'
import { participantLabel, reasonParts } from './labels.js'
import { ConditionsEditor, DueLine, RecommendationBadge, ReviewStatusBadge } from './parts.js'

const recommendations: readonly Recommendation[] = ['no_objection', 'conditions', 'objection']

/** The office reviewer's form: findings, recommendation and conditions. */
function CompleteForm({
  review,
  onDone,
  onCancel,
}: {
  review: OfficeReview
  onDone: (result: CaseReview) => void
  onCancel: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [findings, setFindings] = useState('')
  const [recommendation, setRecommendation] = useState<Recommendation | null>(null)
  const [conditions, setConditions] = useState<string[]>([''])
  const withConditions = recommendation === 'conditions'
  return (
    <form
      className="form review-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const values = {
          findings,
          recommendation: recommendation ?? undefined,
          conditions: withConditions ? conditions.filter((entry) => entry.trim()) : [],
        }
        void form.submit(CompleteReviewSchema, values, async (data) =>
          onDone(await reviewsApi.complete(review.id, data)),
        )
      }}
    >
      <h4 className="review-form__title">{t('reviews.complete.title')}</h4>
      <FormErrors form={form} />
      <TextAreaField
        label={t('reviews.findings')}
        hint={t('reviews.complete.findingsHint')}
        rows={5}
        value={findings}
        onChange={setFindings}
        error={form.errorFor('findings')}
      />
      <RadioGroup
        legend={t('reviews.recommendation')}
        value={recommendation}
        options={recommendations.map((value) => ({ value, label: t(`reviews.recommendation.${value}`) }))}
        onChange={setRecommendation}
        error={form.errorFor('recommendation')}
      />
      {withConditions && (
        <ConditionsEditor
          legend={t('reviews.conditions')}
          hint={t('reviews.complete.conditionsHint')}
          conditions={conditions}
          onChange={setConditions}
          error={form.errorFor('conditions')}
        />
      )}
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {t('reviews.complete.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** A one-field form: a question to the researcher, or the researcher's answer. */
function TextForm({
  title,
  label,
  hint,
  submitLabel,
  field,
  onSubmit,
  onCancel,
}: {
  title?: string
  label: string
  hint?: string
  submitLabel: string
  field: 'question' | 'answer'
  onSubmit: (text: string) => Promise<void>
  onCancel?: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [text, setText] = useState('')
  return (
    <form
      className="form review-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (field === 'question')
          void form.submit(AskSchema, { question: text }, async (data) => onSubmit(data.question))
        else void form.submit(AnswerRequestSchema, { answer: text }, async (data) => onSubmit(data.answer))
      }}
    >
      {title && <h4 className="review-form__title">{title}</h4>}
      <FormErrors form={form} />
      <TextAreaField
        label={label}
        hint={hint}
        rows={3}
        value={text}
        onChange={setText}
        error={form.errorFor(field)}
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </FormActions>
    </form>
  )
}

/** One request for information with its answer, or the answer form for the case's people. */
function RequestItem({
  request,
  canAnswer,
  onChanged,
}: {
  request: InformationRequest
  canAnswer: boolean
  onChanged: (result: CaseReview) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <li className={request.answeredAt ? 'rfi' : 'rfi rfi--open'}>
      <p className="rfi__meta">
        <span className="rfi__label">{t('reviews.rfi.question')}</span>{' '}
        {t('reviews.rfi.askedBy', { name: request.askedBy, date: formatDateTime(locale, request.askedAt) })}
      </p>
      <p className="rfi__text prewrap">{request.question}</p>
      {request.answeredAt ? (
        <>
          <p className="rfi__meta">
            <span className="rfi__label">{t('reviews.rfi.answer')}</span>{' '}
            {t('reviews.rfi.answeredBy', {
              name: request.answeredBy ?? '–',
              date: formatDateTime(locale, request.answeredAt),
            })}
          </p>
          <p className="rfi__text prewrap">{request.answer}</p>
        </>
      ) : canAnswer ? (
        <TextForm
          label={t('reviews.rfi.yourAnswer')}
          hint={t('reviews.rfi.answerHint')}
          submitLabel={t('reviews.rfi.sendAnswer')}
          field="answer"
          onSubmit={async (answer) => onChanged(await reviewsApi.answer(request.id, answer))}
        />
      ) : (
        <p className="rfi__waiting">{t('reviews.rfi.waiting')}</p>
      )}
    </li>
  )
}

/**
 * One office's review of the case: why the office takes part, its deadline and status, findings,
 * recommendation, conditions and questions; the office's reviewers complete it or ask here.
 */
export function ReviewCard({
  review,
  offices,
  canWork,
  canAnswer,
  onChanged,
}: {
  review: OfficeReview
  offices: readonly Office[]
  /** The reader reviews for this office (or the expert team). */
  canWork: boolean
  /** The reader is one of the case's people and may answer questions. */
  canAnswer: boolean
  onChanged: (result: CaseReview, notice: string) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const [mode, setMode] = useState<'idle' | 'complete' | 'ask'>('idle')
  const name = participantLabel(t, locale, review.participant, offices)
  const titleId = `review-${review.id}`
  const isOpen = review.status === 'open' || review.status === 'waiting_for_information'
  const reasons = review.reasons.map((reason) => ({ id: reason.ruleId, ...reasonParts(t, locale, reason) }))
  const classes = ['review-card', 'card']
  if (review.isOverdue) classes.push('review-card--overdue')
  if (review.status === 'waiting_for_information') classes.push('review-card--paused')
  if (review.status === 'completed') classes.push('review-card--done')
  return (
    <section className={classes.join(' ')} aria-labelledby={titleId}>
      <header className="review-card__head">
        <div>
          <h3 id={titleId} className="review-card__title">
            {name}
          </h3>
          <p className="review-card__role">{t(`collab.does.${review.does}`)}</p>
        </div>
        <ReviewStatusBadge review={review} />
      </header>
      <DueLine review={review} />
      {reasons.length > 0 && (
        <div className="review-card__why">
          <p className="review-card__label">{t('reviews.why')}</p>
          <ul className="plain-list">
            {reasons.map((reason) => (
              <li key={reason.id}>
                {reason.text}
                {reason.facts.length > 0 && (
                  <span className="fact-list">
                    {reason.facts.map((fact) => (
                      <span key={fact} className="fact">
                        {fact}
                      </span>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {review.status === 'completed' && (
        <div className="review-card__result">
          <p className="review-card__recommendation">
            <span className="review-card__label">{t('reviews.recommendation')}</span>{' '}
            <RecommendationBadge recommendation={review.recommendation} />
          </p>
          <p className="review-card__label">{t('reviews.findings')}</p>
          <p className="prewrap">{review.findings}</p>
          {review.conditions.length > 0 && (
            <>
              <p className="review-card__label">{t('reviews.conditions')}</p>
              <ol className="conditions">
                {review.conditions.map((condition) => (
                  <li key={condition}>{condition}</li>
                ))}
              </ol>
            </>
          )}
          <p className="muted review-card__by">
            {t('reviews.completedBy', {
              name: review.completedBy ?? '–',
              date: formatDateTime(locale, review.completedAt),
            })}
          </p>
        </div>
      )}
      {review.requests.length > 0 && (
        <div className="review-card__requests">
          <p className="review-card__label">{t('reviews.rfi.title')}</p>
          <ul className="rfi-list">
            {review.requests.map((request) => (
              <RequestItem
                key={request.id}
                request={request}
                canAnswer={canAnswer}
                onChanged={(result) => onChanged(result, t('reviews.notice.answered'))}
              />
            ))}
          </ul>
        </div>
      )}
      {canWork && isOpen && (
        <div className="review-card__work">
          {mode === 'idle' && (
            <div className="button-row button-row--start">
              {review.status === 'open' && (
                <button
                  type="button"
                  className="button button--primary button--small"
                  onClick={() => setMode('complete')}
                >
                  {t('reviews.complete.open')}
                </button>
              )}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setMode('ask')}
              >
                {t('reviews.ask.open')}
              </button>
            </div>
          )}
          {review.status === 'waiting_for_information' && mode === 'idle' && (
            <p className="muted">{t('reviews.complete.afterAnswer')}</p>
          )}
          {mode === 'complete' && (
            <CompleteForm
              review={review}
              onCancel={() => setMode('idle')}
              onDone={(result) => {
                setMode('idle')
                onChanged(result, t('reviews.notice.completed', { office: name }))
              }}
            />
          )}
          {mode === 'ask' && (
            <TextForm
              title={t('reviews.ask.title')}
              label={t('reviews.ask.question')}
              hint={t('reviews.ask.hint')}
              submitLabel={t('reviews.ask.submit')}
              field="question"
              onCancel={() => setMode('idle')}
              onSubmit={async (question) => {
                const result = await reviewsApi.ask(review.id, question)
                setMode('idle')
                onChanged(result, t('reviews.notice.asked'))
              }}
            />
          )}
        </div>
      )}
    </section>
  )
}
