import { Fragment, useState } from 'react'
import type { AuditEvent, AuditVerification } from '../../../modules/audit/audit.schema.js'
import { api } from '../../api/client.js'
import {
  Alert,
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  PageHeader,
  useErrorMessage,
} from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'

const pageSize = 50

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const t = useT()
  return (
    <div className="json-block">
      <p className="json-block__label">{label}</p>
      {value === null || value === undefined ? (
        <p className="muted">{t('audit.nothing')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard.
        <pre className="json-block__code" tabIndex={0}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  )
}

/** A tone for the action verb, so creations, changes and removals can be told apart at a glance. */
function actionTone(action: string): 'success' | 'info' | 'danger' | 'neutral' {
  if (/create|add|grant/.test(action)) return 'success'
  if (/delete|remove|revoke|deactivate/.test(action)) return 'danger'
  if (/update|change|set|edit/.test(action)) return 'info'
  return 'neutral'
}

/** The audit trail: newest entries first, before/after on demand, and a check of the hash chain. */
export function AuditPage() {
  const t = useT()
  const { locale } = useLocale()
  const errorMessage = useErrorMessage()
  const [expanded, setExpanded] = useState<Set<number>>(new Set())
  const [verification, setVerification] = useState<AuditVerification | null>(null)
  const [verifyError, setVerifyError] = useState<string | null>(null)
  const [isVerifying, setVerifying] = useState(false)
  const [isLoadingMore, setLoadingMore] = useState(false)
  const [hasMore, setHasMore] = useState(true)
  const events = useAsync(async () => {
    const list = await api.audit.list({ limit: pageSize })
    setHasMore(list.length === pageSize)
    return list
  }, [])
  const rows = [...(events.data ?? [])].sort((a, b) => b.seq - a.seq)

  const verify = async () => {
    setVerifying(true)
    setVerifyError(null)
    setVerification(null)
    try {
      setVerification(await api.audit.verify())
    } catch (error) {
      setVerifyError(errorMessage(error))
    } finally {
      setVerifying(false)
    }
  }

  const loadMore = async () => {
    const oldest = rows.at(-1)
    if (!oldest) return
    setLoadingMore(true)
    try {
      const more = await api.audit.list({ limit: pageSize, beforeSeq: oldest.seq })
      setHasMore(more.length === pageSize)
      events.setData((current) => [...(current ?? []), ...more])
    } finally {
      setLoadingMore(false)
    }
  }

  const toggle = (event: AuditEvent) =>
    setExpanded((current) => {
      const next = new Set(current)
      if (next.has(event.seq)) next.delete(event.seq)
      else next.add(event.seq)
      return next
    })

  return (
    <>
      <PageHeader
        eyebrow={t('nav.admin')}
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => void verify()}
            disabled={isVerifying}
          >
            {isVerifying ? t('audit.verifying') : t('audit.verify')}
          </button>
        }
      />
      <div aria-live="polite">
        {verification &&
          (verification.ok ? (
            <Alert tone="success">{t('audit.verifyOk', { count: verification.checked })}</Alert>
          ) : (
            <Alert tone="error">
              {t('audit.verifyBroken', {
                seq: verification.firstBrokenSeq ?? '?',
                reason: verification.reason ?? '',
              })}
            </Alert>
          ))}
        {verifyError && <Alert tone="error">{verifyError}</Alert>}
      </div>
      {events.error ? <ErrorState error={events.error} onRetry={events.reload} /> : null}
      {events.isLoading && !events.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--audit">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="table__number">
                    {t('audit.seq')}
                  </th>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.entity')}</th>
                  <th scope="col" className="table__actions">
                    {t('audit.details')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((event) => {
                  const isOpen = expanded.has(event.seq)
                  const detailsId = `audit-details-${event.seq}`
                  return (
                    <Fragment key={event.seq}>
                      <tr className={isOpen ? 'table__row--open' : undefined}>
                        <td className="table__number">{event.seq}</td>
                        <td className="nowrap">
                          <time dateTime={event.at}>{formatDateTime(locale, event.at)}</time>
                        </td>
                        <td>{event.actorName}</td>
                        <td>
                          <Badge tone={actionTone(event.action)}>{event.action}</Badge>
                        </td>
                        <td>
                          <span className="table__primary">{event.entityType}</span>
                          <code className="table__secondary code" title={event.entityId}>
                            {event.entityId.slice(0, 13)}…
                          </code>
                        </td>
                        <td className="table__actions">
                          <button
                            type="button"
                            className="button button--ghost button--small disclosure"
                            aria-expanded={isOpen}
                            aria-controls={detailsId}
                            aria-label={t('audit.showDetails', { seq: event.seq })}
                            onClick={() => toggle(event)}
                          >
                            <span className="disclosure__icon" aria-hidden="true">
                              ▸
                            </span>
                            {t('audit.details')}
                          </button>
                        </td>
                      </tr>
                      {isOpen && (
                        <tr id={detailsId} className="table__details">
                          <td colSpan={6}>
                            <div className="json-compare">
                              <JsonBlock label={t('audit.before')} value={event.before} />
                              <JsonBlock label={t('audit.after')} value={event.after} />
                            </div>
                            <p className="audit-meta">
                              <span>
                                {t('audit.requestId')}: <code className="code">{event.requestId ?? '–'}</code>
                              </span>
                              <span>
                                {t('audit.hash')}: <code className="code">{event.hash.slice(0, 16)}…</code>
                              </span>
                            </p>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  )
                })}
              </tbody>
            </table>
          </div>
          {hasMore && (
            <p className="center">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void loadMore()}
                disabled={isLoadingMore}
              >
                {t('common.showMore')}
              </button>
            </p>
          )}
        </>
      )}
    </>
  )
}
