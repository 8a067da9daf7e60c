import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { type DocumentKind, DocumentKindSchema } from '../../../modules/knowledge/knowledge.schema.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'
import { knowledgeApi } from './api.js'
import { DueLine, Highlighted, KindBadge, kindKey } from './parts.js'

/** The library: full-text search with filters kept in the address, so a search can be shared. */
export function LibraryPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const kindParam = params.get('kind') ?? ''
  const kind = DocumentKindSchema.safeParse(kindParam).success ? (kindParam as DocumentKind) : undefined
  const tag = params.get('tag') ?? ''
  const area = params.get('area') ?? ''
  const due = params.get('due') === '1'
  const [draft, setDraft] = useState({ q, tag, area })
  const results = useAsync(
    () =>
      knowledgeApi.search({
        q: q || undefined,
        kind,
        tag: tag || undefined,
        researchArea: /^\d{3}(-\d{2})?$/.test(area) ? area : undefined,
        dueForReview: due || undefined,
      }),
    [q, kind, tag, area, due],
  )

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params)
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value)
      else next.delete(key)
    }
    setParams(next)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    update({ q: draft.q.trim(), tag: draft.tag.trim(), area: draft.area.trim() })
  }
  const canCreate = hasAnyRole(user, ['admin', 'office_reviewer'])

  return (
    <>
      <PageHeader
        title={t('knowledge.library.title')}
        intro={t('knowledge.library.intro')}
        actions={
          canCreate ? (
            <Link to="/knowledge/new" className="button button--primary">
              {t('knowledge.library.new')}
            </Link>
          ) : undefined
        }
      />
      <search>
        <form className="filters filters--row" onSubmit={onSubmit}>
          <div className="field">
            <label className="field__label" htmlFor="kn-q">
              {t('knowledge.library.search')}
            </label>
            <input
              id="kn-q"
              type="search"
              className="input input--search"
              placeholder={t('knowledge.library.searchPlaceholder')}
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="kn-kind">
              {t('knowledge.library.kind')}
            </label>
            <select
              id="kn-kind"
              className="input"
              value={kind ?? ''}
              onChange={(event) => update({ kind: event.target.value })}
            >
              <option value="">{t('knowledge.library.allKinds')}</option>
              {DocumentKindSchema.options.map((option) => (
                <option key={option} value={option}>
                  {t(kindKey(option))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="kn-tag">
              {t('knowledge.library.tag')}
            </label>
            <input
              id="kn-tag"
              className="input"
              value={draft.tag}
              onChange={(event) => setDraft({ ...draft, tag: event.target.value })}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="kn-area">
              {t('knowledge.library.researchArea')}
            </label>
            <input
              id="kn-area"
              className="input"
              placeholder="343-02"
              value={draft.area}
              onChange={(event) => setDraft({ ...draft, area: event.target.value })}
            />
          </div>
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={due}
                onChange={(event) => update({ due: event.target.checked ? '1' : '' })}
              />{' '}
              {t('knowledge.library.dueOnly')}
            </label>
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t('knowledge.library.submit')}
            </button>
            {params.toString() !== '' && (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setDraft({ q: '', tag: '', area: '' })
                  setParams(new URLSearchParams())
                }}
              >
                {t('knowledge.library.reset')}
              </button>
            )}
          </div>
        </form>
      </search>
      {results.error ? <ErrorState error={results.error} onRetry={results.reload} /> : null}
      {results.isLoading && !results.data ? (
        <Loading />
      ) : (results.data ?? []).length === 0 ? (
        <EmptyState title={t('knowledge.library.empty')} hint={t('knowledge.library.emptyHint')} />
      ) : (
        <section aria-label={t('knowledge.library.results')}>
          <p className="result-count" aria-live="polite">
            {t('knowledge.library.count', { count: results.data?.length ?? 0 })}
          </p>
          <ul className="kn-results">
            {(results.data ?? []).map((hit) => (
              <li key={hit.documentId} className="card kn-result">
                <h2 className="kn-result__title">
                  <Link to={`/knowledge/documents/${hit.documentId}`}>
                    <Highlighted parts={hit.titleParts} />
                  </Link>
                </h2>
                {hit.snippet.length > 0 && (
                  <p className="kn-result__snippet">
                    <Highlighted parts={hit.snippet} />
                  </p>
                )}
                <div className="kn-meta">
                  <KindBadge kind={hit.kind} />
                  <span>{t(`knowledge.language.${hit.language}`)}</span>
                  {hit.effectiveDate && (
                    <span>
                      {t('knowledge.doc.effective')} {formatDate(locale, hit.effectiveDate)} (
                      {hit.jurisdiction})
                    </span>
                  )}
                  {hit.tags.map((item) => (
                    <button
                      key={item}
                      type="button"
                      className="button button--ghost button--small"
                      onClick={() => update({ tag: item })}
                    >
                      #{item}
                    </button>
                  ))}
                  <DueLine
                    isDue={hit.isDueForReview}
                    nextReviewOn={hit.nextReviewOn}
                    lastReviewedAt={hit.lastReviewedAt}
                  />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
