import { Link } from 'react-router'
import { Badge, EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'
import { knowledgeApi } from './api.js'

/** Regulations by effective date, each with the collaborations it touches and why. */
export function RegulationWatchPage() {
  const t = useT()
  const { locale } = useLocale()
  const watch = useAsync(() => knowledgeApi.regulationWatch(), [])
  return (
    <>
      <PageHeader title={t('knowledge.watch.title')} intro={t('knowledge.watch.intro')} />
      {watch.error ? <ErrorState error={watch.error} onRetry={watch.reload} /> : null}
      {!watch.data ? (
        <Loading />
      ) : watch.data.length === 0 ? (
        <EmptyState title={t('knowledge.watch.empty')} />
      ) : (
        <ol className="kn-results">
          {watch.data.map(({ regulation, cases, totalCases }) => (
            <li key={regulation.documentId} className="card kn-result">
              <div className="kn-meta">
                <Badge tone="accent">{regulation.jurisdiction ?? '–'}</Badge>
                <span>
                  {t('knowledge.doc.effective')}{' '}
                  {regulation.effectiveDate ? formatDate(locale, regulation.effectiveDate) : '–'}
                </span>
                <span>{t(`knowledge.language.${regulation.language}`)}</span>
              </div>
              <h2 className="kn-result__title">
                <Link to={`/knowledge/documents/${regulation.documentId}`}>{regulation.title}</Link>
              </h2>
              {regulation.summary && <p className="kn-result__snippet">{regulation.summary}</p>}
              <div className="badge-row">
                {regulation.topics.map((topic) => (
                  <Badge key={topic} tone="neutral">
                    {t(`knowledge.topic.${topic}`)}
                  </Badge>
                ))}
              </div>
              <p>
                <strong>
                  {totalCases > 0
                    ? t('knowledge.watch.cases', { count: totalCases.toLocaleString(locale) })
                    : t('knowledge.watch.noCases')}
                </strong>
              </p>
              {cases.length > 0 && (
                <ul>
                  {cases.map((entry) => (
                    <li key={entry.collaborationId}>
                      <Link to={`/collaborations/${entry.collaborationId}`}>
                        {entry.reference} – {entry.title}
                      </Link>{' '}
                      <span className="muted">
                        (
                        {[...new Set(entry.evidence.map((item) => t(`knowledge.topic.${item.topic}`)))].join(
                          ', ',
                        )}
                        )
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {totalCases > cases.length && (
                <p>
                  <Link to={`/knowledge/documents/${regulation.documentId}`}>
                    {t('knowledge.watch.more', { count: (totalCases - cases.length).toLocaleString(locale) })}
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
