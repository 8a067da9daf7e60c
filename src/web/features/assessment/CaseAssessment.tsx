import { useState } from 'react'
import type { Assessment } from '../../../modules/assessment/assessment.schema.js'
import type { Collaboration } from '../../../modules/collaborations/collaboration.schema.js'
import { api, isApiError } from '../../api/client.js'
import { useSession } from '../../api/session.js'
import { Alert, ErrorState, Loading, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { AssessmentResultView, VersionsList } from './AssessmentView.js'
import { assessmentApi } from './api.js'

/** The newest stored assessment, or null when the case was never assessed. */
async function loadLatest(caseId: string): Promise<Assessment | null> {
  try {
    return await assessmentApi.latest(caseId)
  } catch (error) {
    if (isApiError(error, 404)) return null
    throw error
  }
}

/**
 * The stored dual-use pre-assessment on the case page: the result with all evidence, when it was
 * made and with which reference versions, and "assess again" for those allowed. Readers without
 * access to the assessment do not see the section at all.
 */
export function CaseAssessment({ record }: { record: Collaboration }) {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const errorMessage = useErrorMessage()
  const latest = useAsync(() => loadLatest(record.id), [record.id])
  const offices = useAsync(() => api.offices.list(), [])
  const [isRunning, setRunning] = useState(false)
  const [runError, setRunError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const canRun = (user?.roles.length ?? 0) > 0

  if (isApiError(latest.error, 403)) return null

  const run = async () => {
    setRunning(true)
    setRunError(null)
    setNotice(null)
    try {
      const stored = await assessmentApi.run(record.id)
      latest.setData(() => stored)
      setNotice(t('assessment.case.done'))
    } catch (error) {
      setRunError(errorMessage(error))
    } finally {
      setRunning(false)
    }
  }

  const assessment = latest.data
  // A submitted case changes its sheet only through a new version; status changes do not make the
  // assessment outdated. A draft is outdated by any later save.
  const isEditable = record.status === 'draft' || record.status === 'amendment_draft'
  const isOutdated = assessment
    ? isEditable
      ? assessment.sheetUpdatedAt < record.updatedAt
      : assessment.collaborationVersion < record.version
    : false
  const madeBy =
    assessment?.createdBy === 'system'
      ? t('assessment.case.bySystem')
      : assessment?.createdBy === user?.id
        ? t('assessment.case.byYou')
        : t('assessment.case.byOther')

  const runButton = canRun ? (
    <button
      type="button"
      className="button button--secondary button--small"
      disabled={isRunning}
      onClick={() => void run()}
    >
      {isRunning
        ? t('assessment.case.running')
        : assessment
          ? t('assessment.case.rerun')
          : t('assessment.case.run')}
    </button>
  ) : null

  return (
    <section className="section card card--padded assessment-case" aria-labelledby="assessment-title">
      <div className="assessment-case__head">
        <div>
          <h2 id="assessment-title" className="section__title">
            {t('assessment.case.title')}
          </h2>
          <p className="section__intro">{t('assessment.case.intro')}</p>
        </div>
        {runButton}
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {runError && <Alert tone="error">{runError}</Alert>}
      {latest.error ? (
        <ErrorState error={latest.error} onRetry={latest.reload} />
      ) : latest.isLoading && assessment === undefined ? (
        <Loading />
      ) : !assessment ? (
        <p className="muted">{t('assessment.case.none')}</p>
      ) : (
        <>
          <p className="assessment-case__meta">
            {assessment.collaborationVersion > 0
              ? t('assessment.case.made', {
                  date: formatDateTime(locale, assessment.createdAt),
                  by: madeBy,
                  version: assessment.collaborationVersion,
                })
              : t('assessment.case.madeDraft', {
                  date: formatDateTime(locale, assessment.createdAt),
                  by: madeBy,
                })}
          </p>
          {isOutdated && (
            <Alert tone="info" title={t('assessment.case.outdatedTitle')}>
              <p>{t('assessment.case.outdated')}</p>
            </Alert>
          )}
          <AssessmentResultView result={assessment.result} offices={offices.data ?? []} />
          <h3 className="assessment-block__title assessment-case__versions">
            {t('assessment.versions.title')}
          </h3>
          <p className="assessment-block__hint">{t('assessment.versions.hint')}</p>
          <VersionsList result={assessment.result} />
        </>
      )}
    </section>
  )
}
