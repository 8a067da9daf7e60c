import { useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { type Collaboration, ReasonSchema } from '../../../modules/collaborations/collaboration.schema.js'
import { api } from '../../api/client.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { FormActions, FormErrors, TextAreaField, useFormSubmission } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { CaseAssessment } from '../assessment/CaseAssessment.js'
import { CaseReportLink } from '../reportdocs/CaseDocuments.js'
import { Discussion } from '../reviews/Discussion.js'
import { ReviewSection } from '../reviews/ReviewSection.js'
import { CaseScreening } from '../screening/CaseScreening.js'
import { CaseTrainings } from '../training/CaseTrainings.js'
import { fieldLabel, normaliseField, problemMessage, stepOfField } from './labels.js'
import { DecisionPanel, DiffTable, HistoryList, isOwnCase, WherePanel } from './parts.js'
import { SheetView } from './SheetView.js'
import { AttachmentList } from './steps/AttachmentsStep.js'

type Pending = 'withdraw' | 'end' | 'withdrawAmendment' | null

function ReasonForm({
  label,
  hint,
  submitLabel,
  danger,
  onCancel,
  onSubmit,
}: {
  label: string
  hint: string
  submitLabel: string
  danger?: boolean
  onCancel: () => void
  onSubmit: (reason: string) => Promise<void>
}) {
  const t = useT()
  const form = useFormSubmission()
  const [reason, setReason] = useState('')
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void form.submit(ReasonSchema, { reason }, async (data) => onSubmit(data.reason))
      }}
    >
      <FormErrors form={form} />
      <TextAreaField
        label={label}
        hint={hint}
        rows={4}
        value={reason}
        onChange={setReason}
        error={form.errorFor('reason')}
      />
      <FormActions>
        <button
          type="submit"
          className={danger ? 'button button--danger' : 'button button--primary'}
          disabled={form.isSubmitting}
        >
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/**
 * The case page: where the case stands and who holds it, the decision, the data sheet, files,
 * versions, the changes of an amendment, the full history, and the actions open to the reader.
 */
export function CollaborationPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const errorMessage = useErrorMessage()
  const { id = '' } = useParams()
  const [pending, setPending] = useState<Pending>(null)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(() => {
    const state: unknown = location.state
    const flash = state && typeof state === 'object' && 'notice' in state ? String(state.notice) : ''
    if (flash === 'submitted') return { tone: 'success', text: t('collab.notice.submitted') }
    return null
  })
  const [isBusy, setBusy] = useState(false)

  const collaboration = useAsync(() => api.collaborations.get(id), [id])
  const record = collaboration.data
  const history = useAsync(() => api.collaborations.history(id), [id, record?.updatedAt, record?.status])
  const versions = useAsync(() => api.collaborations.versions(id), [id, record?.version])
  const attachments = useAsync(() => api.collaborations.attachments(id), [id])
  const questionnaire = useAsync(() => api.questionnaire.current(), [])
  const areas = useAsync(() => api.reference.researchAreas(), [])
  const units = useAsync(() => api.units.list(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const showDiff =
    record !== undefined &&
    record.decidedVersion !== null &&
    ['amendment_draft', 'submitted', 'in_review'].includes(record.status)
  const diff = useAsync(
    () => (showDiff ? api.collaborations.diff(id) : Promise.resolve([])),
    [id, showDiff, record?.updatedAt],
  )

  if (collaboration.error) return <ErrorState error={collaboration.error} onRetry={collaboration.reload} />
  if (!record) return <Loading />

  const isMine = isOwnCase(user, record)
  const canReview = hasAnyRole(user, ['admin', 'office_reviewer'])
  const status = record.status
  const questions = [
    ...(questionnaire.data?.questions ?? []),
    ...(record?.checklists ?? []).flatMap((checklist) => checklist.questions),
  ]

  const run = async (
    action: () => Promise<Collaboration>,
    success: string,
    then?: (c: Collaboration) => void,
  ) => {
    setBusy(true)
    setNotice(null)
    try {
      const result = await action()
      setPending(null)
      if (then) then(result)
      else {
        collaboration.setData(() => result)
        setNotice({ tone: 'success', text: success })
      }
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    } finally {
      setBusy(false)
    }
  }

  const apply = (result: Collaboration, text: string) => {
    collaboration.setData(() => result)
    setPending(null)
    setNotice({ tone: 'success', text })
  }

  const amend = () =>
    run(
      () => api.collaborations.amend(record.id),
      '',
      (result) => navigate(`/collaborations/${result.id}/edit?step=1`),
    )
  const followUp = () =>
    run(
      () => api.collaborations.followUp(record.id),
      '',
      (result) => navigate(`/collaborations/${result.id}/edit?step=1`),
    )

  const actions: React.ReactNode[] = []
  const button = (key: string, label: string, onClick: () => void, kind = 'secondary') =>
    actions.push(
      <button
        key={key}
        type="button"
        className={`button button--${kind}`}
        disabled={isBusy}
        onClick={onClick}
      >
        {label}
      </button>,
    )
  if (record.canEdit) {
    actions.push(
      <Link key="edit" to={`/collaborations/${record.id}/edit`} className="button button--primary">
        {status === 'amendment_draft' ? t('collab.action.editAmendment') : t('collab.action.continue')}
      </Link>,
    )
    if (record.submissionProblems.length === 0)
      button(
        'submit',
        t('collab.action.submit'),
        () => void run(() => api.collaborations.submit(record.id), t('collab.notice.submitted')),
      )
  }
  if (isMine) {
    if (status === 'amendment_draft')
      button(
        'withdrawAmendment',
        t('collab.action.withdrawAmendment'),
        () => setPending('withdrawAmendment'),
        'danger-ghost',
      )
    if (status === 'approved' || status === 'approved_with_conditions')
      button(
        'activate',
        t('collab.action.activate'),
        () => void run(() => api.collaborations.activate(record.id), t('collab.notice.activated')),
        'primary',
      )
    if (['approved', 'approved_with_conditions', 'active'].includes(status))
      button('amend', t('collab.action.amend'), () => void amend())
    if (['approved', 'approved_with_conditions', 'active'].includes(status))
      button('end', t('collab.action.end'), () => setPending('end'))
    if (['approved', 'approved_with_conditions', 'active', 'ended', 'declined', 'withdrawn'].includes(status))
      button('followUp', t('collab.action.followUp'), () => void followUp(), 'ghost')
    if (['draft', 'submitted', 'in_review'].includes(status))
      button('withdraw', t('collab.action.withdraw'), () => setPending('withdraw'), 'danger-ghost')
  }
  if (canReview && status === 'submitted')
    button(
      'startReview',
      t('collab.action.startReview'),
      () => void run(() => api.collaborations.startReview(record.id), t('collab.notice.reviewStarted')),
      'primary',
    )

  if (status !== 'draft') actions.push(<CaseReportLink key="report" caseId={record.id} status={status} />)

  const title = [record.sheet.acronym, record.sheet.title].filter(Boolean).join(' – ') || t('collab.untitled')

  return (
    <>
      <PageHeader
        eyebrow={`${t('collab.case.eyebrow')} ${record.reference}`}
        title={title}
        intro={t('collab.case.meta', {
          created: formatDateTime(locale, record.createdAt),
          updated: formatDateTime(locale, record.updatedAt),
        })}
        actions={actions.length > 0 ? <div className="action-bar">{actions}</div> : undefined}
      />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <div className="stack">
        <WherePanel record={record} offices={offices.data ?? []} isMine={isMine} />

        {record.canEdit && record.submissionProblems.length > 0 && (
          <Alert
            tone="info"
            title={t('collab.case.missingTitle', { count: record.submissionProblems.length })}
          >
            <ul className="problem-list">
              {record.submissionProblems.slice(0, 8).map((problem) => (
                <li key={`${problem.field}:${problem.message}`}>
                  <Link
                    to={`/collaborations/${record.id}/edit?step=${stepOfField(problem.field)}&field=${encodeURIComponent(normaliseField(problem.field))}`}
                  >
                    {fieldLabel(t, locale, problem.field, { sheet: record.sheet, questions })}
                  </Link>
                  {' – '}
                  {problemMessage(t, problem, record.sheet)}
                </li>
              ))}
            </ul>
            {record.submissionProblems.length > 8 && (
              <p>{t('collab.case.moreMissing', { count: record.submissionProblems.length - 8 })}</p>
            )}
          </Alert>
        )}

        {record.decision && <DecisionPanel decision={record.decision} decidedAt={record.decidedAt} />}

        <CaseTrainings caseId={record.id} editable={record.canEdit} />

        <ReviewSection
          record={record}
          offices={offices.data ?? []}
          isMine={isMine}
          onDecided={(result) => {
            collaboration.setData(() => result)
            setNotice({ tone: 'success', text: t('collab.notice.decided') })
          }}
        />

        <Discussion caseId={record.id} />

        {showDiff && (
          <section className="section" aria-labelledby="diff-title">
            <h2 id="diff-title" className="section__title">
              {t('collab.diff.title')}
            </h2>
            <p className="section__intro">
              {t('collab.diff.intro', { version: record.decidedVersion ?? 1 })}
            </p>
            {diff.error ? (
              <ErrorState error={diff.error} onRetry={diff.reload} />
            ) : diff.isLoading ? (
              <Loading />
            ) : (
              <DiffTable
                changes={diff.data ?? []}
                sheet={record.sheet}
                questions={questions}
                areas={areas.data ?? []}
              />
            )}
          </section>
        )}

        <CaseAssessment record={record} />

        <CaseScreening record={record} />

        <section className="section" aria-labelledby="sheet-title">
          <h2 id="sheet-title" className="section__title">
            {t('collab.case.sheet')}
          </h2>
          <SheetView
            sheet={record.sheet}
            areas={areas.data ?? []}
            units={units.data ?? []}
            questions={questions}
          />
        </section>

        <div className="two-columns">
          <section className="section card card--padded" aria-labelledby="files-title">
            <h2 id="files-title" className="section__title">
              {t('collab.case.attachments')}
            </h2>
            {attachments.error ? (
              <ErrorState error={attachments.error} onRetry={attachments.reload} />
            ) : (
              <AttachmentList caseId={record.id} attachments={attachments.data ?? []} />
            )}
          </section>
          <section className="section card card--padded" aria-labelledby="versions-title">
            <h2 id="versions-title" className="section__title">
              {t('collab.case.versions')}
            </h2>
            {(versions.data ?? []).length === 0 ? (
              <p className="muted">{t('collab.case.noVersions')}</p>
            ) : (
              <ul className="version-list">
                {(versions.data ?? []).map((version) => (
                  <li key={version.version}>
                    <span className="table__primary">
                      {t('collab.case.version', { n: version.version })}
                      {version.version === record.decidedVersion && ` · ${t('collab.case.decidedVersion')}`}
                    </span>
                    <span className="table__secondary">
                      {t(
                        version.kind === 'amendment'
                          ? 'collab.case.kindAmendment'
                          : 'collab.case.kindSubmission',
                      )}{' '}
                      · {formatDateTime(locale, version.createdAt)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <section className="section" aria-labelledby="history-title">
          <h2 id="history-title" className="section__title">
            {t('collab.case.history')}
          </h2>
          {history.error ? (
            <ErrorState error={history.error} onRetry={history.reload} />
          ) : (
            <HistoryList entries={history.data ?? []} />
          )}
        </section>
      </div>

      <Dialog
        title={
          pending === 'withdraw'
            ? t('collab.action.withdraw')
            : pending === 'end'
              ? t('collab.action.end')
              : t('collab.action.withdrawAmendment')
        }
        isOpen={pending !== null}
        onClose={() => setPending(null)}
      >
        {pending === 'withdraw' && (
          <ReasonForm
            label={t('collab.withdraw.reason')}
            hint={t('collab.withdraw.hint')}
            submitLabel={t('collab.action.withdraw')}
            danger
            onCancel={() => setPending(null)}
            onSubmit={async (reason) =>
              apply(await api.collaborations.withdraw(record.id, reason), t('collab.notice.withdrawn'))
            }
          />
        )}
        {pending === 'end' && (
          <ReasonForm
            label={t('collab.end.reason')}
            hint={t('collab.end.hint')}
            submitLabel={t('collab.action.end')}
            onCancel={() => setPending(null)}
            onSubmit={async (reason) =>
              apply(await api.collaborations.end(record.id, reason), t('collab.notice.ended'))
            }
          />
        )}
        {pending === 'withdrawAmendment' && (
          <div className="form">
            <p>{t('collab.withdrawAmendment.text')}</p>
            <FormActions>
              <button
                type="button"
                className="button button--danger"
                disabled={isBusy}
                onClick={() =>
                  void run(
                    () => api.collaborations.withdrawAmendment(record.id),
                    t('collab.notice.amendmentWithdrawn'),
                  )
                }
              >
                {t('collab.action.withdrawAmendment')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </button>
            </FormActions>
          </div>
        )}
      </Dialog>
    </>
  )
}
