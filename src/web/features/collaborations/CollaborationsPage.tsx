import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { CollaborationStatus } from '../../../modules/collaborations/collaboration.schema.js'
import { api } from '../../api/client.js'
import { hasAnyRole, hasRole, useSession } from '../../api/session.js'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { countryName, reviewingRoles, statusOrder, stepLabel, whoLabel } from './labels.js'
import { StatusBadge } from './parts.js'

/**
 * "My collaborations": every case the user works on, with status, next step and who holds the
 * file; reviewing roles get a second tab with every submitted case.
 */
export function CollaborationsPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const [params, setParams] = useSearchParams()
  const canSeeAll = hasAnyRole(user, reviewingRoles)
  const canCreate = hasRole(user, 'researcher')
  const scope = canSeeAll && params.get('scope') === 'all' ? 'all' : 'mine'
  const status = statusOrder.find((value) => value === params.get('status'))
  const [search, setSearch] = useState(params.get('q') ?? '')
  const [query, setQuery] = useState(search.trim())

  useEffect(() => {
    // Wait for a pause in typing before asking the server.
    const timer = window.setTimeout(() => setQuery(search.trim()), 250)
    return () => window.clearTimeout(timer)
  }, [search])

  const list = useAsync(
    () => api.collaborations.list({ scope, status, q: query || undefined, limit: 200 }),
    [scope, status, query],
  )
  const offices = useAsync(() => api.offices.list(), [])

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }

  const createButton = canCreate ? (
    <Link to="/collaborations/new" className="button button--primary">
      + {t('collab.list.create')}
    </Link>
  ) : undefined
  const canExport = hasAnyRole(user, ['admin', 'decision_maker', 'auditor', 'office_reviewer'])
  const exportLink = canExport ? (
    <Link
      to="/collaborations/export"
      className={canCreate ? 'button button--secondary' : 'button button--primary'}
    >
      {t('reportdocs.export.link')}
    </Link>
  ) : undefined
  const headerActions =
    createButton || exportLink ? (
      <div className="action-bar">
        {exportLink}
        {createButton}
      </div>
    ) : undefined
  const rows = list.data ?? []
  const isFiltered = Boolean(status || query)

  return (
    <>
      <PageHeader
        title={scope === 'all' ? t('collab.list.allTitle') : t('collab.list.title')}
        intro={scope === 'all' ? t('collab.list.allIntro') : t('collab.list.intro')}
        actions={headerActions}
      />
      {canSeeAll && (
        <nav className="tabs" aria-label={t('collab.list.tabs')}>
          <Link
            to="/collaborations"
            className="tabs__tab"
            aria-current={scope === 'mine' ? 'page' : undefined}
          >
            {t('collab.list.tabMine')}
          </Link>
          <Link
            to="/collaborations?scope=all"
            className="tabs__tab"
            aria-current={scope === 'all' ? 'page' : undefined}
          >
            {t('collab.list.tabAll')}
          </Link>
        </nav>
      )}
      <search className="filters filters--row">
        <div className="field">
          <label className="field__label" htmlFor="collab-search">
            {t('collab.list.search')}
          </label>
          <input
            id="collab-search"
            type="search"
            className="input input--search"
            placeholder={t('collab.list.searchPlaceholder')}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value)
              setParam('q', event.target.value.trim() || undefined)
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="collab-status">
            {t('collab.list.status')}
          </label>
          <select
            id="collab-status"
            className="input select"
            value={status ?? ''}
            onChange={(event) => setParam('status', event.target.value || undefined)}
          >
            <option value="">{t('collab.list.allStatuses')}</option>
            {statusOrder.map((value: CollaborationStatus) => (
              <option key={value} value={value}>
                {t(`collab.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </search>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.isLoading && !list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState
          title={isFiltered ? t('collab.list.noMatches') : t('collab.list.empty')}
          hint={isFiltered ? t('collab.list.noMatchesHint') : t('collab.list.emptyHint')}
          action={isFiltered ? undefined : createButton}
        />
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {t('collab.list.count', { count: rows.length })}
          </p>
          <div className="table-wrap">
            <table className="table collab-table">
              <caption className="visually-hidden">
                {scope === 'all' ? t('collab.list.allTitle') : t('collab.list.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('collab.list.project')}</th>
                  <th scope="col">{t('collab.list.partners')}</th>
                  <th scope="col">{t('collab.list.status')}</th>
                  <th scope="col">{t('collab.list.nextStep')}</th>
                  <th scope="col">{t('collab.list.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  // In "mine" every case is the reader's own; in "all" the researcher is named neutrally.
                  const holder = whoLabel(
                    t,
                    locale,
                    row.nextStep.holder,
                    offices.data ?? [],
                    scope === 'mine',
                  )
                  return (
                    <tr key={row.id}>
                      <td>
                        <Link to={`/collaborations/${row.id}`} className="table__primary collab-table__title">
                          {row.acronym ? `${row.acronym} – ` : ''}
                          {row.title || t('collab.untitled')}
                        </Link>
                        <span className="table__secondary code">{row.reference}</span>
                      </td>
                      <td>
                        {row.partnerNames.length === 0 ? (
                          <span className="muted">{t('common.none')}</span>
                        ) : (
                          <>
                            <span className="collab-table__partners">
                              {row.partnerNames.slice(0, 2).join('; ')}
                              {row.partnerNames.length > 2 &&
                                ` ${t('collab.list.morePartners', { count: row.partnerNames.length - 2 })}`}
                            </span>
                            <span className="table__secondary">
                              {row.countries.map((code) => countryName(locale, code)).join(', ')}
                            </span>
                          </>
                        )}
                      </td>
                      <td>
                        <StatusBadge status={row.status} />
                      </td>
                      <td>
                        <span className="table__primary collab-table__step">
                          {stepLabel(t, row.nextStep.step)}
                        </span>
                        {row.nextStep.step !== 'closed' && (
                          <span className="table__secondary">{t('collab.list.holder', { holder })}</span>
                        )}
                      </td>
                      <td className="nowrap">{formatDateTime(locale, row.updatedAt)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
