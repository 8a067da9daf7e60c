import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import type { RegisterPartner } from '../../../modules/screening/screening.schema.js'
import { Badge, EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { countryName } from '../collaborations/labels.js'
import { screeningApi } from './api.js'

/** Whether a record's names contain the query (case and accents ignored). */
function containsQuery(partner: RegisterPartner, query: string): boolean {
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  const needle = fold(query.trim())
  return [partner.name, partner.nameOriginal, ...partner.aliases].some((name) => fold(name).includes(needle))
}

/** The partner register: every partner organisation the institution works with, searchable. */
export function PartnersPage() {
  const t = useT()
  const { locale } = useLocale()
  const [query, setQuery] = useState('')
  const [debounced, setDebounced] = useState('')
  const partners = useAsync(() => screeningApi.partners(), [])
  const similar = useAsync(
    () => (debounced.trim().length >= 2 ? screeningApi.suggestions(debounced.trim()) : Promise.resolve([])),
    [debounced],
  )

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(query), 300)
    return () => window.clearTimeout(timer)
  }, [query])

  const all = partners.data ?? []
  const literal = query.trim() ? all.filter((partner) => containsQuery(partner, query)) : all
  const literalIds = new Set(literal.map((partner) => partner.id))
  const bySimilarity = query.trim()
    ? (similar.data ?? []).filter((partner) => !literalIds.has(partner.id) && partner.mergedInto === null)
    : []
  const rows = [
    ...literal.map((partner) => ({ partner, isSimilar: false })),
    ...bySimilarity.map((partner) => ({ partner, isSimilar: true })),
  ]

  return (
    <>
      <PageHeader title={t('screening.partners.title')} intro={t('screening.partners.intro')} />
      <search className="filters filters--row">
        <div className="field">
          <label className="field__label" htmlFor="partner-search">
            {t('screening.partners.search')}
          </label>
          <input
            id="partner-search"
            type="search"
            className="input input--search"
            placeholder={t('screening.partners.searchPlaceholder')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
      </search>
      {partners.error ? <ErrorState error={partners.error} onRetry={partners.reload} /> : null}
      {partners.isLoading && !partners.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState
          title={query.trim() ? t('screening.partners.noMatches') : t('screening.partners.empty')}
          hint={query.trim() ? t('screening.partners.noMatchesHint') : t('screening.partners.emptyHint')}
        />
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {t('screening.partners.count', { count: rows.length })}
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('screening.partners.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screening.partners.name')}</th>
                  <th scope="col">{t('screening.partners.aliases')}</th>
                  <th scope="col">{t('screening.partners.country')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ partner, isSimilar }) => (
                  <tr key={partner.id}>
                    <td>
                      <Link to={`/partners/${partner.id}`} className="table__primary">
                        {partner.name}
                      </Link>
                      {partner.nameOriginal && partner.nameOriginal !== partner.name && (
                        <span className="table__secondary">{partner.nameOriginal}</span>
                      )}
                      {isSimilar && <Badge tone="info">{t('screening.partners.similar')}</Badge>}
                    </td>
                    <td>
                      {partner.aliases.length === 0 ? (
                        <span className="muted">{t('common.none')}</span>
                      ) : (
                        <span className="table__secondary">{partner.aliases.join('; ')}</span>
                      )}
                    </td>
                    <td className="nowrap">
                      {partner.country ? countryName(locale, partner.country) : t('common.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
