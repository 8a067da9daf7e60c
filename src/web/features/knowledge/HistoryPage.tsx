import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { Alert, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { knowledgeApi } from './api.js'
import { SideBySideDiff } from './parts.js'

/** A document's versions: compare any two side by side, restore an earlier one as a new version. */
export function HistoryPage() {
  const { id = '' } = useParams()
  const t = useT()
  const { locale } = useLocale()
  const message = useErrorMessage()
  const [params, setParams] = useSearchParams()
  const document = useAsync(() => knowledgeApi.document(id), [id])
  const history = useAsync(() => knowledgeApi.history(id), [id])
  const latest = history.data?.[0]?.version ?? 1
  const to = Number(params.get('to')) || latest
  const from = Number(params.get('from')) || Math.max(1, to - 1)
  const diff = useAsync(
    () => (history.data && from !== to ? knowledgeApi.diff(id, from, to) : Promise.resolve(null)),
    [id, from, to, history.data],
  )
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (document.error) return <ErrorState error={document.error} onRetry={document.reload} />
  if (!document.data || !history.data) return <Loading />
  const doc = document.data
  const versions = history.data

  const restore = async (version: number) => {
    setError(null)
    try {
      const restored = await knowledgeApi.restore(id, version, doc.version)
      setNotice(t('knowledge.history.restored', { version, newVersion: restored.version }))
      document.reload()
      history.reload()
      setParams(new URLSearchParams({ from: String(version), to: String(restored.version) }))
    } catch (caught) {
      setError(message(caught))
    }
  }
  const choose = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params)
    next.set('from', String(key === 'from' ? value : from))
    next.set('to', String(key === 'to' ? value : to))
    setParams(next)
  }

  return (
    <>
      <PageHeader
        eyebrow={t('knowledge.nav.history')}
        title={t('knowledge.history.title', { title: doc.title })}
        intro={t('knowledge.history.intro')}
        actions={
          <Link to={`/knowledge/documents/${id}`} className="button button--secondary">
            {t('knowledge.history.back')}
          </Link>
        }
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <div className="kn-layout">
        <section className="card card--padded" aria-labelledby="kn-diff-title">
          <div className="filters filters--row">
            <div className="field">
              <label className="field__label" htmlFor="kn-from">
                {t('knowledge.history.from')}
              </label>
              <select
                id="kn-from"
                className="input"
                value={from}
                onChange={(event) => choose('from', event.target.value)}
              >
                {versions.map((entry) => (
                  <option key={entry.version} value={entry.version}>
                    {entry.version}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="kn-to">
                {t('knowledge.history.to')}
              </label>
              <select
                id="kn-to"
                className="input"
                value={to}
                onChange={(event) => choose('to', event.target.value)}
              >
                {versions.map((entry) => (
                  <option key={entry.version} value={entry.version}>
                    {entry.version}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <h2 id="kn-diff-title" className="section__title">
            {t('knowledge.diff.title', { from, to })}
          </h2>
          {diff.error ? <ErrorState error={diff.error} onRetry={diff.reload} /> : null}
          {from === to ? (
            <p className="muted">{t('knowledge.diff.noChanges')}</p>
          ) : diff.data ? (
            <SideBySideDiff diff={diff.data} />
          ) : (
            <Loading />
          )}
        </section>
        <aside className="card card--padded" aria-label={t('knowledge.nav.history')}>
          <ol className="kn-versions">
            {versions.map((entry) => (
              <li key={entry.version}>
                <div>
                  <strong>{t('knowledge.history.versionLine', { version: entry.version })}</strong>
                  <br />
                  <span className="muted">
                    {t('knowledge.history.by', {
                      name: entry.createdByName,
                      date: formatDateTime(locale, entry.createdAt),
                    })}
                  </span>
                  {entry.changeNote && <p className="muted">{entry.changeNote}</p>}
                  {entry.restoredFrom !== null && (
                    <p className="muted">
                      {t('knowledge.history.restoredFrom', { version: entry.restoredFrom })}
                    </p>
                  )}
                  {doc.canEdit && entry.version !== doc.version && (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      onClick={() => restore(entry.version)}
                    >
                      {t('knowledge.history.restore', { version: entry.version })}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </>
  )
}
