import { useState } from 'react'
import type { CollaborationStatus } from '../../../modules/collaborations/collaboration.schema.js'
import { Alert, useErrorMessage } from '../../components/Feedback.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { reportdocsApi } from './api.js'

/** The download of a case's assessment report (PDF) in the reader's language; not offered for drafts. */
export function CaseReportLink({ caseId, status }: { caseId: string; status: CollaborationStatus }) {
  const t = useT()
  const { locale } = useLocale()
  if (status === 'draft') return null
  return (
    <a
      className="button button--secondary"
      href={reportdocsApi.caseReportUrl(caseId, locale)}
      download
      title={t('reportdocs.report.hint')}
    >
      {t('reportdocs.report.download')}
    </a>
  )
}

/**
 * At the "inform the funder" step: the advance notice as PDF and as text for an e-mail. Sending
 * is recorded below with the funder notices.
 */
export function FunderNoticeDocuments({ caseId, status }: { caseId: string; status: CollaborationStatus }) {
  const t = useT()
  const { locale } = useLocale()
  const errorMessage = useErrorMessage()
  const [copied, setCopied] = useState<string | null>(null)
  const [fallbackText, setFallbackText] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  if (status !== 'submitted' && status !== 'in_review') return null
  const copy = async () => {
    setBusy(true)
    setError(null)
    setCopied(null)
    setFallbackText(null)
    try {
      const notice = await reportdocsApi.funderNoticeText(caseId, locale)
      try {
        await navigator.clipboard.writeText(`${notice.subject}\n\n${notice.text}`)
        setCopied(notice.subject)
      } catch {
        // Clipboard access needs a secure context and permission; the text is shown to copy by hand.
        setFallbackText(`${notice.subject}\n\n${notice.text}`)
      }
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="notice-documents">
      <h3 className="notice-documents__title">{t('reportdocs.notice.title')}</h3>
      <p className="muted">{t('reportdocs.notice.intro')}</p>
      <div className="button-row button-row--start">
        <a
          className="button button--secondary"
          href={reportdocsApi.funderNoticePdfUrl(caseId, locale)}
          download
        >
          {t('reportdocs.notice.pdf')}
        </a>
        <button type="button" className="button button--ghost" disabled={isBusy} onClick={() => void copy()}>
          {t('reportdocs.notice.copy')}
        </button>
      </div>
      <div aria-live="polite">
        {copied && <Alert tone="success">{t('reportdocs.notice.copied', { subject: copied })}</Alert>}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
      {fallbackText && (
        <>
          <Alert tone="info">{t('reportdocs.notice.copyFailed')}</Alert>
          <label className="field__label" htmlFor="funder-notice-text">
            {t('reportdocs.notice.textLabel')}
          </label>
          <textarea
            id="funder-notice-text"
            className="input textarea"
            rows={12}
            readOnly
            value={fallbackText}
          />
        </>
      )}
    </div>
  )
}
