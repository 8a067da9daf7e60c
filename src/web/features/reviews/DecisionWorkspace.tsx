import { useState } from 'react'
import {
  type Collaboration,
  DecideSchema,
  type DecisionOutcome,
} from '../../../modules/collaborations/collaboration.schema.js'
import type { Office } from '../../../modules/organisation/organisation.schema.js'
import type { CaseReview } from '../../../modules/reviews/review.schema.js'
import { api } from '../../api/client.js'
import { Alert } from '../../components/Feedback.js'
import { FormActions, FormErrors, TextAreaField, useFormSubmission } from '../../components/Form.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { RadioGroup } from '../collaborations/formParts.js'
import { participantLabel } from './labels.js'
import { ConditionsEditor, RecommendationBadge, ReviewStatusBadge } from './parts.js'

const outcomes: readonly DecisionOutcome[] = ['approved', 'approved_with_conditions', 'declined']

/**
 * The decision-maker's page part: every office's and the expert team's advice side by side, the
 * exit clauses and reciprocity from the data sheet, whether the case is ready, and the decision form.
 */
export function DecisionWorkspace({
  record,
  review,
  offices,
  onDecided,
}: {
  record: Collaboration
  review: CaseReview
  offices: readonly Office[]
  onDecided: (record: Collaboration) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null)
  const [reasons, setReasons] = useState('')
  const [conditions, setConditions] = useState<string[]>([''])
  const current = review.reviews.filter(
    (entry) => entry.round === review.round && entry.status !== 'cancelled',
  )
  const pending = current.filter((entry) => entry.status !== 'completed')
  const officeConditions = [...new Set(current.flatMap((entry) => entry.conditions))]
  const needsConditions = outcome === 'approved_with_conditions'
  const { interests } = record.sheet
  return (
    <section className="section card card--padded decide" aria-labelledby="decide-title">
      <h2 id="decide-title" className="section__title">
        {t('reviews.decide.title')}
      </h2>
      <p className="section__intro">{t('reviews.decide.intro')}</p>
      {review.readyForDecision ? (
        <Alert tone="success">{t('reviews.decide.ready')}</Alert>
      ) : (
        <Alert tone="warning" title={t('reviews.decide.notReady')}>
          <p>
            {t('reviews.decide.pending', {
              offices: pending
                .map((entry) => participantLabel(t, locale, entry.participant, offices))
                .join(', '),
            })}
          </p>
        </Alert>
      )}

      <h3 className="decide__subtitle">{t('reviews.decide.advice')}</h3>
      {current.length === 0 ? (
        <p className="muted">{t('reviews.decide.noAdvice')}</p>
      ) : (
        <ul className="advice-grid">
          {current.map((entry) => (
            <li key={entry.id} className="advice">
              <p className="advice__office">{participantLabel(t, locale, entry.participant, offices)}</p>
              <p className="advice__badges">
                {entry.status === 'completed' ? (
                  <RecommendationBadge recommendation={entry.recommendation} />
                ) : (
                  <ReviewStatusBadge review={entry} />
                )}
              </p>
              {entry.status === 'completed' && <p className="advice__findings prewrap">{entry.findings}</p>}
              {entry.conditions.length > 0 && (
                <ol className="conditions advice__conditions">
                  {entry.conditions.map((condition) => (
                    <li key={condition}>{condition}</li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3 className="decide__subtitle">{t('reviews.decide.fromSheet')}</h3>
      <dl className="sheet-facts">
        <div>
          <dt>{t('reviews.decide.exits')}</dt>
          <dd className="prewrap">{interests.exitOptions || t('reviews.decide.notStated')}</dd>
        </div>
        <div>
          <dt>{t('reviews.decide.reciprocity')}</dt>
          <dd className="prewrap">{interests.reciprocity || t('reviews.decide.notStated')}</dd>
        </div>
      </dl>

      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          const values = {
            outcome: outcome ?? undefined,
            reasons,
            conditions: needsConditions ? conditions.filter((entry) => entry.trim()) : [],
          }
          void form.submit(DecideSchema, values, async (data) =>
            onDecided(await api.collaborations.decide(record.id, data)),
          )
        }}
      >
        <h3 className="decide__subtitle">{t('reviews.decide.form')}</h3>
        <FormErrors form={form} />
        <RadioGroup
          legend={t('reviews.decide.outcome')}
          value={outcome}
          options={outcomes.map((value) => ({ value, label: t(`collab.status.${value}`) }))}
          onChange={setOutcome}
          error={form.errorFor('outcome')}
        />
        <TextAreaField
          label={t('reviews.decide.reasons')}
          hint={t('reviews.decide.reasonsHint')}
          rows={4}
          value={reasons}
          onChange={setReasons}
          error={form.errorFor('reasons')}
        />
        {needsConditions && (
          <>
            <ConditionsEditor
              legend={t('reviews.decide.conditions')}
              hint={t('reviews.decide.conditionsHint')}
              conditions={conditions}
              onChange={setConditions}
              error={form.errorFor('conditions')}
            />
            {officeConditions.length > 0 && (
              <div>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() =>
                    setConditions([
                      ...conditions.filter((entry) => entry.trim()),
                      ...officeConditions.filter((entry) => !conditions.includes(entry)),
                    ])
                  }
                >
                  {t('reviews.decide.takeOver', { count: officeConditions.length })}
                </button>
              </div>
            )}
          </>
        )}
        <FormActions>
          <button
            type="submit"
            className="button button--primary"
            disabled={form.isSubmitting || !review.readyForDecision}
          >
            {t('reviews.decide.submit')}
          </button>
        </FormActions>
      </form>
    </section>
  )
}
