import type { Collaboration } from '../../../modules/collaborations/collaboration.schema.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Alert, ErrorState, Loading } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { privacyApi } from './api.js'

/** The mark of a case archived by retention. */
export function ArchivedBanner({ record }: { record: Collaboration }) {
  const t = useT()
  const { locale } = useLocale()
  if (!record.archivedAt) return null
  return (
    <Alert tone="info" title={t('privacy.archived')}>
      {t('privacy.archived.banner', { date: formatDateTime(locale, record.archivedAt) })}
    </Alert>
  )
}

/** Who opened the case, for the security administration (admins) and auditors. */
export function AccessLogSection({ caseId }: { caseId: string }) {
  const t = useT()
  const { user } = useSession()
  if (!hasAnyRole(user, ['admin', 'auditor'])) return null
  return <AccessLog caseId={caseId} title={t('privacy.accessLog.title')} />
}

function AccessLog({ caseId, title }: { caseId: string; title: string }) {
  const t = useT()
  const { locale } = useLocale()
  const log = useAsync(() => privacyApi.accessLog(caseId), [caseId])
  return (
    <section className="section card card--padded" aria-labelledby="access-log-title">
      <h2 id="access-log-title" className="section__title">
        {title}
      </h2>
      <p className="muted">{t('privacy.accessLog.text')}</p>
      {log.error ? (
        <ErrorState error={log.error} onRetry={log.reload} />
      ) : log.isLoading && !log.data ? (
        <Loading />
      ) : (log.data ?? []).length === 0 ? (
        <p className="muted">{t('privacy.accessLog.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard.
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.accessLog.at')}</th>
                <th scope="col">{t('privacy.accessLog.user')}</th>
                <th scope="col">{t('privacy.accessLog.via')}</th>
              </tr>
            </thead>
            <tbody>
              {(log.data ?? []).slice(0, 100).map((entry) => (
                <tr key={`${entry.at}-${entry.userId}`}>
                  <td>{formatDateTime(locale, entry.at)}</td>
                  <td>{entry.userName}</td>
                  <td>
                    {entry.via === 'token'
                      ? t('privacy.accessLog.via.token')
                      : t('privacy.accessLog.via.session')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
