import { useState } from 'react'
import type { Collaboration } from '../../../modules/collaborations/collaboration.schema.js'
import type { Office } from '../../../modules/organisation/organisation.schema.js'
import {
  AskSchema,
  type CaseReview,
  type FunderNotice,
  type Obligation,
  RecordFunderNoticeSchema,
} from '../../../modules/reviews/review.schema.js'
import { hasAnyRole, hasRole, useSession } from '../../api/session.js'
import { Alert, Badge, ErrorState, Loading, useErrorMessage } from '../../components/Feedback.js'
import {
  FormActions,
  FormErrors,
  TextAreaField,
  TextField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { FunderNoticeDocuments } from '../reportdocs/CaseDocuments.js'
import { reviewsApi } from './api.js'
import { DecisionWorkspace } from './DecisionWorkspace.js'
import { participantLabel } from './labels.js'
import { ReviewCard } from './ReviewCard.js'

/** Whether the user reviews for the participant (an office key, or the expert team). */
function worksFor(
  user: ReturnType<typeof useSession>['user'],
  participant: string,
  offices: readonly Office[],
): boolean {
  if (!user) return false
  if (participant === 'expert_team') return hasRole(user, 'expert')
  const office = offices.find((candidate) => candidate.key === participant)
  return user.roles.some((grant) => grant.role === 'office_reviewer' && grant.officeId === office?.id)
}

/** Asking the expert team (science and administration) for advice on a hard case. */
function ExpertReferral({ caseId, onDone }: { caseId: string; onDone: (result: CaseReview) => void }) {
  const t = useT()
  const form = useFormSubmission()
  const [isOpen, setOpen] = useState(false)
  const [question, setQuestion] = useState('')
  if (!isOpen)
    return (
      <div className="expert-referral">
        <p className="muted">{t('reviews.expert.hint')}</p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(true)}
        >
          {t('reviews.expert.open')}
        </button>
      </div>
    )
  return (
    <form
      className="form review-form expert-referral"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void form.submit(AskSchema, { question }, async (data) => {
          onDone(await reviewsApi.referToExperts(caseId, data.question))
          setOpen(false)
        })
      }}
    >
      <FormErrors form={form} />
      <TextAreaField
        label={t('reviews.expert.question')}
        hint={t('reviews.expert.questionHint')}
        rows={3}
        value={question}
        onChange={setQuestion}
        error={form.errorFor('question')}
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {t('reviews.expert.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** The conditions of the decision as obligations, with "confirm fulfilled" for the confirming office. */
function Obligations({
  obligations,
  offices,
  onChanged,
}: {
  obligations: Obligation[]
  offices: readonly Office[]
  onChanged: (obligation: Obligation) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const errorMessage = useErrorMessage()
  const [confirming, setConfirming] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const canConfirm = (obligation: Obligation) =>
    hasRole(user, 'admin') ||
    (obligation.confirmedByOffice
      ? worksFor(user, obligation.confirmedByOffice, offices)
      : hasRole(user, 'office_reviewer'))
  return (
    <section className="section card card--padded" aria-labelledby="obligations-title">
      <h2 id="obligations-title" className="section__title">
        {t('reviews.obligations.title')}
      </h2>
      <p className="section__intro">{t('reviews.obligations.intro')}</p>
      <ul className="obligations">
        {obligations.map((obligation) => (
          <li key={obligation.id} className={`obligation obligation--${obligation.status}`}>
            <div className="obligation__head">
              <p className="obligation__text">{obligation.text}</p>
              <Badge tone={obligation.status === 'fulfilled' ? 'success' : 'warning'}>
                {t(`reviews.obligations.${obligation.status}`)}
              </Badge>
            </div>
            <p className="obligation__meta">
              {obligation.confirmedByOffice &&
                t('reviews.obligations.confirmer', {
                  office: participantLabel(t, locale, obligation.confirmedByOffice, offices),
                })}
              {obligation.dueAt &&
                ` · ${t('reviews.due.until', { date: formatDate(locale, obligation.dueAt) })}`}
            </p>
            {obligation.status === 'fulfilled' && (
              <p className="obligation__meta">
                {t('reviews.obligations.fulfilledBy', {
                  name: obligation.fulfilledBy ?? '–',
                  date: formatDateTime(locale, obligation.fulfilledAt),
                })}
                {obligation.note && ` – ${obligation.note}`}
              </p>
            )}
            {obligation.status === 'open' && canConfirm(obligation) && confirming !== obligation.id && (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setConfirming(obligation.id)
                  setNote('')
                  setError(null)
                }}
              >
                {t('reviews.obligations.confirm')}
              </button>
            )}
            {confirming === obligation.id && (
              <form
                className="form review-form"
                noValidate
                onSubmit={async (event) => {
                  event.preventDefault()
                  setBusy(true)
                  try {
                    onChanged(await reviewsApi.fulfil(obligation.id, note))
                    setConfirming(null)
                  } catch (caught) {
                    setError(errorMessage(caught))
                  } finally {
                    setBusy(false)
                  }
                }}
              >
                {error && <Alert tone="error">{error}</Alert>}
                <TextField label={t('reviews.obligations.note')} optional value={note} onChange={setNote} />
                <FormActions>
                  <button type="submit" className="button button--primary button--small" disabled={isBusy}>
                    {t('reviews.obligations.confirmSubmit')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setConfirming(null)}
                  >
                    {t('common.cancel')}
                  </button>
                </FormActions>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Informing the funder or supervisory board upfront: the prepared text, edited and recorded as sent. */
function FunderNotices({
  caseId,
  status,
  notices,
  canRecord,
  onRecorded,
}: {
  caseId: string
  status: Collaboration['status']
  notices: FunderNotice[]
  canRecord: boolean
  onRecorded: (notice: FunderNotice) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const errorMessage = useErrorMessage()
  const [draft, setDraft] = useState<{ de: string; en: string } | null>(null)
  const [recipients, setRecipients] = useState('')
  const [text, setText] = useState('')
  const [sentOn, setSentOn] = useState('')
  const [loadError, setLoadError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const load = async () => {
    setLoadError(null)
    setSaved(false)
    try {
      const result = await reviewsApi.funderNoticeDraft(caseId)
      setDraft({ de: result.de, en: result.en })
      setRecipients(result.recipients)
      setText(locale === 'de' ? result.de : result.en)
    } catch (caught) {
      setLoadError(errorMessage(caught))
    }
  }
  return (
    <section className="section card card--padded" aria-labelledby="funder-title">
      <h2 id="funder-title" className="section__title">
        {t('reviews.funder.title')}
      </h2>
      <p className="section__intro">{t('reviews.funder.intro')}</p>
      {canRecord && <FunderNoticeDocuments caseId={caseId} status={status} />}
      {notices.length === 0 ? (
        <p className="muted">{t('reviews.funder.none')}</p>
      ) : (
        <ul className="notice-list">
          {notices.map((notice) => (
            <li key={notice.id} className="notice-list__item">
              <p className="table__primary">
                {t('reviews.funder.sentTo', {
                  recipients: notice.recipients,
                  date: formatDate(locale, notice.sentAt),
                })}
              </p>
              <p className="table__secondary">
                {t('reviews.funder.recordedBy', { name: notice.recordedBy })}
              </p>
              <details className="notice-list__text">
                <summary className="notice-list__summary">{t('reviews.funder.showText')}</summary>
                <p className="prewrap">{notice.text}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
      {saved && <Alert tone="success">{t('reviews.funder.saved')}</Alert>}
      {canRecord && !draft && (
        <div className="button-row button-row--start">
          <button type="button" className="button button--secondary" onClick={() => void load()}>
            {t('reviews.funder.prepare')}
          </button>
        </div>
      )}
      {loadError && <Alert tone="error">{loadError}</Alert>}
      {canRecord && draft && (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            const values = {
              recipients,
              text,
              sentAt: sentOn ? new Date(`${sentOn}T12:00:00`).toISOString() : undefined,
            }
            void form.submit(RecordFunderNoticeSchema, values, async (data) => {
              onRecorded(await reviewsApi.recordFunderNotice(caseId, data))
              setDraft(null)
              setSaved(true)
            })
          }}
        >
          <FormErrors form={form} />
          <TextField
            label={t('reviews.funder.recipients')}
            value={recipients}
            onChange={setRecipients}
            error={form.errorFor('recipients')}
          />
          <div className="button-row button-row--start">
            <span className="muted">{t('reviews.funder.language')}</span>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setText(draft.de)}
            >
              {t('locale.de')}
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setText(draft.en)}
            >
              {t('locale.en')}
            </button>
          </div>
          <TextAreaField
            label={t('reviews.funder.text')}
            hint={t('reviews.funder.textHint')}
            rows={10}
            value={text}
            onChange={setText}
            error={form.errorFor('text')}
          />
          <TextField
            label={t('reviews.funder.sentOn')}
            hint={t('reviews.funder.sentOnHint')}
            type="date"
            optional
            value={sentOn}
            onChange={setSentOn}
            error={form.errorFor('sentAt')}
          />
          <FormActions>
            <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
              {t('reviews.funder.record')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </FormActions>
        </form>
      )}
    </section>
  )
}

/**
 * The review part of the case page, for everyone who may read the case: each office's review of the
 * current round (earlier rounds folded), questions and answers, the decision-maker's workspace,
 * the obligations of the decision and the notices to the funder.
 */
export function ReviewSection({
  record,
  offices,
  isMine,
  onDecided,
}: {
  record: Collaboration
  offices: readonly Office[]
  isMine: boolean
  onDecided: (record: Collaboration) => void
}) {
  const t = useT()
  const { user } = useSession()
  const [notice, setNotice] = useState<string | null>(null)
  const review = useAsync(() => reviewsApi.caseReview(record.id), [record.id, record.status])
  if (record.status === 'draft') return null
  if (review.error) return <ErrorState error={review.error} onRetry={review.reload} />
  const data = review.data
  if (!data) return <Loading />

  const apply = (result: CaseReview, text: string) => {
    review.setData(() => result)
    setNotice(text)
  }
  const current = data.reviews.filter((entry) => entry.round === data.round && entry.status !== 'cancelled')
  const earlier = data.reviews.filter((entry) => entry.round < data.round)
  const rounds = [...new Set(earlier.map((entry) => entry.round))].sort((a, b) => b - a)
  const inReview = record.status === 'in_review'
  const canDecide = hasRole(user, 'decision_maker') && inReview
  const canRefer =
    inReview &&
    hasAnyRole(user, ['admin', 'decision_maker', 'office_reviewer']) &&
    !current.some((entry) => entry.participant === 'expert_team')
  const canRecordNotice = hasAnyRole(user, ['admin', 'office_reviewer']) && record.status !== 'withdrawn'

  return (
    <>
      <section className="section" aria-labelledby="reviews-title">
        <h2 id="reviews-title" className="section__title">
          {t('reviews.case.title')}
        </h2>
        <p className="section__intro">
          {data.processVersion === null
            ? t('reviews.case.notStarted')
            : t('reviews.case.intro', { round: data.round, version: data.processVersion })}
        </p>
        {notice && <Alert tone="success">{notice}</Alert>}
        {current.length > 0 && (
          <div className="review-grid">
            {current.map((entry) => (
              <ReviewCard
                key={entry.id}
                review={entry}
                offices={offices}
                canWork={worksFor(user, entry.participant, offices)}
                canAnswer={isMine}
                onChanged={apply}
              />
            ))}
          </div>
        )}
        {rounds.map((round) => (
          <details key={round} className="disclosure earlier-round">
            <summary className="earlier-round__summary">{t('reviews.case.earlierRound', { round })}</summary>
            <div className="review-grid">
              {earlier
                .filter((entry) => entry.round === round)
                .map((entry) => (
                  <ReviewCard
                    key={entry.id}
                    review={entry}
                    offices={offices}
                    canWork={false}
                    canAnswer={false}
                    onChanged={apply}
                  />
                ))}
            </div>
          </details>
        ))}
        {canRefer && (
          <ExpertReferral
            caseId={record.id}
            onDone={(result) => apply(result, t('reviews.notice.referred'))}
          />
        )}
      </section>

      {canDecide && (
        <DecisionWorkspace record={record} review={data} offices={offices} onDecided={onDecided} />
      )}

      {data.obligations.length > 0 && (
        <Obligations
          obligations={data.obligations}
          offices={offices}
          onChanged={(obligation) =>
            review.setData((currentData) =>
              currentData
                ? {
                    ...currentData,
                    obligations: currentData.obligations.map((entry) =>
                      entry.id === obligation.id ? obligation : entry,
                    ),
                  }
                : currentData,
            )
          }
        />
      )}

      {(data.funderNotices.length > 0 || (canRecordNotice && data.processVersion !== null)) && (
        <FunderNotices
          caseId={record.id}
          status={record.status}
          notices={data.funderNotices}
          canRecord={canRecordNotice}
          onRecorded={(added) =>
            review.setData((currentData) =>
              currentData
                ? { ...currentData, funderNotices: [...currentData.funderNotices, added] }
                : currentData,
            )
          }
        />
      )}
    </>
  )
}
