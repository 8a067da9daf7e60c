import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import type { Collaboration } from '../../../modules/collaborations/collaboration.schema.js'
import type {
  DispositionInput,
  PartnerScreening,
  ScreeningHit,
  ScreeningList,
} from '../../../modules/screening/screening.schema.js'
import { isApiError } from '../../api/client.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, Badge, ErrorState, Loading, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { countryName, reviewingRoles } from '../collaborations/labels.js'
import { screeningApi } from './api.js'
import { DispositionForm, DispositionLine, MatchDetails, StaleWarning } from './parts.js'

/** How often and how long the section asks again while partners wait for the background screening. */
const pollMs = 3000
const maxPolls = 40

/** The partner's status in words, never "no hits" for a partner that was not screened. */
function PartnerStatus({ partner, hasLists }: { partner: PartnerScreening; hasLists: boolean }) {
  const t = useT()
  const open = partner.hits.filter((hit) => hit.disposition === null).length
  if (!hasLists) return <Badge tone="warning">{t('screening.status.noLists')}</Badge>
  if (partner.status === 'not_screened')
    return <Badge tone="warning">{t('screening.status.not_screened')}</Badge>
  if (partner.status === 'no_hits') return <Badge tone="success">{t('screening.status.no_hits')}</Badge>
  if (partner.status === 'open_hits')
    return (
      <Badge tone="danger">{t('screening.status.open_hits', { count: partner.hits.length, open })}</Badge>
    )
  return <Badge tone="info">{t('screening.status.hits', { count: partner.hits.length })}</Badge>
}

/** Every disposition of this partner for this list entry (all versions), loaded when asked for. */
function DispositionHistory({
  partnerId,
  hit,
  revision,
}: {
  partnerId: string
  hit: ScreeningHit
  revision: number
}) {
  const t = useT()
  const [isOpen, setOpen] = useState(false)
  const page = useAsync(
    () => (isOpen ? screeningApi.partner(partnerId) : Promise.resolve(null)),
    [partnerId, isOpen, revision],
  )
  const entries = (page.data?.dispositions ?? [])
    .filter((item) => item.listKey === hit.listKey && item.entityKey === hit.entityKey)
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
  const panelId = `history-${hit.id}`
  return (
    <div className="screening-history">
      <button
        type="button"
        className="link-button disclosure"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen(!isOpen)}
      >
        <span className="disclosure__icon" aria-hidden="true">
          ›
        </span>{' '}
        {t('screening.history.toggle')}
      </button>
      {isOpen && (
        <div id={panelId}>
          {page.error ? (
            <ErrorState error={page.error} onRetry={page.reload} />
          ) : page.isLoading && !page.data ? (
            <Loading />
          ) : entries.length === 0 ? (
            <p className="muted">{t('screening.history.none')}</p>
          ) : (
            <ol className="screening-history__list">
              {entries.map((entry) => (
                <li key={entry.id}>
                  <DispositionLine disposition={entry} />
                  {entry.entryHash !== hit.entryHash && (
                    <span className="screening-history__older">{t('screening.history.olderEntry')}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  )
}

/** The lists a partner was checked against, as far as the API tells (current versions). */
function ListVersions({ lists, screenedAt }: { lists: readonly ScreeningList[]; screenedAt: string | null }) {
  const t = useT()
  const current = lists.filter((list) => list.currentVersion !== null)
  const newer = current.filter((list) => screenedAt !== null && (list.importedAt ?? '') > screenedAt)
  return (
    <>
      <p className="screening-partner__lists">
        {t('screening.case.listVersions', {
          lists: current.map((list) => `${list.name} v${list.currentVersion}`).join(', '),
        })}
      </p>
      {newer.length > 0 && (
        <p className="screening-partner__lists">
          {t('screening.case.newerLists', { lists: newer.map((list) => list.name).join(', ') })}
        </p>
      )}
    </>
  )
}

/**
 * The partner screening of a case: for every partner whether and when it was screened, each hit
 * with its list, the list's kind in words, the names, score, verdict and explanation, and the
 * reviewers' dispositions. Researchers read; office reviewers and admins disposition and screen again.
 */
export function CaseScreening({ record }: { record: Collaboration }) {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const errorMessage = useErrorMessage()
  const results = useAsync(() => screeningApi.caseResults(record.id), [record.id, record.updatedAt])
  const lists = useAsync(() => screeningApi.lists(), [])
  const [polls, setPolls] = useState(0)
  const [isScreening, setScreening] = useState(false)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [target, setTarget] = useState<{ partner: PartnerScreening; hit: ScreeningHit } | null>(null)
  const [revision, setRevision] = useState(0)
  const canDispose = hasAnyRole(user, ['admin', 'office_reviewer'])
  const canReadPartners = hasAnyRole(user, reviewingRoles)

  const data = results.data
  const isWaiting =
    data !== undefined &&
    data.listsScreened > 0 &&
    data.partners.some((partner) => partner.status === 'not_screened')
  const { reload } = results
  useEffect(() => {
    if (!isWaiting || polls >= maxPolls) return
    const timer = window.setTimeout(() => {
      setPolls((count) => count + 1)
      reload()
    }, pollMs)
    return () => window.clearTimeout(timer)
  }, [isWaiting, polls, reload])

  if (isApiError(results.error, 403)) return null

  const screenAgain = async () => {
    setScreening(true)
    setNotice(null)
    try {
      const fresh = await screeningApi.screenCase(record.id)
      results.setData(() => fresh)
      lists.reload()
      setNotice({ tone: 'success', text: t('screening.case.screened') })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    } finally {
      setScreening(false)
    }
  }

  const dispose = async (input: DispositionInput) => {
    await screeningApi.dispose(input)
    setTarget(null)
    setRevision((count) => count + 1)
    results.reload()
    setNotice({ tone: 'success', text: t('screening.disposition.saved') })
  }

  const hasLists = (data?.listsScreened ?? 0) > 0
  const blocking = (data?.partners ?? []).some((partner) =>
    partner.hits.some(
      (hit) => hit.listKind === 'binding_sanctions' && hit.disposition?.decision !== 'false_positive',
    ),
  )

  return (
    <section className="section card card--padded screening-case" aria-labelledby="screening-title">
      <div className="screening-case__head">
        <div>
          <h2 id="screening-title" className="section__title">
            {t('screening.case.title')}
          </h2>
          <p className="section__intro">{t('screening.case.intro')}</p>
        </div>
        {canDispose && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={isScreening}
            onClick={() => void screenAgain()}
          >
            {isScreening ? t('screening.case.screening') : t('screening.case.screenAgain')}
          </button>
        )}
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {results.error ? (
        <ErrorState error={results.error} onRetry={results.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <StaleWarning names={data.staleLists} />
          {!hasLists && (
            <Alert tone="warning" title={t('screening.case.noListsTitle')}>
              <p>{t('screening.case.noLists')}</p>
            </Alert>
          )}
          {blocking && (
            <Alert tone="error" title={t('screening.case.blockingTitle')}>
              <p>{t('screening.case.blocking')}</p>
            </Alert>
          )}
          {data.partners.length === 0 ? (
            <p className="muted">{t('screening.case.noPartners')}</p>
          ) : (
            <ul className="screening-partners">
              {data.partners.map((partner) => (
                <li key={partner.partnerRef} className="screening-partner">
                  <div className="screening-partner__head">
                    <h3 className="screening-partner__name">
                      {canReadPartners && partner.partnerId ? (
                        <Link to={`/partners/${partner.partnerId}`}>{partner.name}</Link>
                      ) : (
                        partner.name
                      )}
                      {partner.country && (
                        <span className="screening-partner__country">
                          {' '}
                          · {countryName(locale, partner.country)}
                        </span>
                      )}
                    </h3>
                    <PartnerStatus partner={partner} hasLists={hasLists} />
                  </div>
                  {hasLists && partner.status === 'not_screened' && (
                    <p className="muted" role="status">
                      {t('screening.case.pending')}
                    </p>
                  )}
                  {hasLists && partner.screenedAt && (
                    <p className="screening-partner__meta">
                      {t('screening.case.screenedAt', { at: formatDateTime(locale, partner.screenedAt) })}
                    </p>
                  )}
                  {hasLists && partner.status !== 'not_screened' && (
                    <ListVersions lists={lists.data ?? []} screenedAt={partner.screenedAt} />
                  )}
                  {partner.hits.length > 0 && (
                    <div className="screening-hits">
                      {partner.hits.map((hit) => (
                        <MatchDetails
                          key={hit.id}
                          heading="h4"
                          listName={hit.listName}
                          listKind={hit.listKind}
                          listVersion={hit.listVersion}
                          name={hit.name}
                          matchedName={hit.matchedName}
                          score={hit.score}
                          verdict={hit.verdict}
                          explanation={hit.explanation}
                        >
                          <div className="screening-hit__decision">
                            {hit.disposition ? (
                              <DispositionLine disposition={hit.disposition} />
                            ) : (
                              <p className="screening-hit__open">
                                <Badge tone="warning">{t('screening.disposition.open')}</Badge>{' '}
                                {canDispose
                                  ? t('screening.disposition.openHint')
                                  : t('screening.disposition.openReader')}
                              </p>
                            )}
                            {canDispose && partner.partnerId && (
                              <button
                                type="button"
                                className="button button--secondary button--small"
                                onClick={() => setTarget({ partner, hit })}
                              >
                                {hit.disposition
                                  ? t('screening.disposition.change')
                                  : t('screening.disposition.action')}
                                <span className="visually-hidden">
                                  {' '}
                                  {t('screening.disposition.actionFor', {
                                    name: hit.name,
                                    list: hit.listName,
                                  })}
                                </span>
                              </button>
                            )}
                          </div>
                          {canReadPartners && partner.partnerId && (
                            <DispositionHistory partnerId={partner.partnerId} hit={hit} revision={revision} />
                          )}
                        </MatchDetails>
                      ))}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Dialog
        title={t('screening.disposition.title')}
        isOpen={target !== null}
        onClose={() => setTarget(null)}
        wide
      >
        {target?.partner.partnerId && (
          <>
            <p className="screening-dialog__subject">
              {t('screening.disposition.subject', {
                partner: target.partner.name,
                name: target.hit.name,
                list: target.hit.listName,
              })}
            </p>
            <DispositionForm
              target={{
                partnerId: target.partner.partnerId,
                listKey: target.hit.listKey,
                entityKey: target.hit.entityKey,
                entryHash: target.hit.entryHash,
              }}
              onCancel={() => setTarget(null)}
              onSubmit={dispose}
            />
          </>
        )}
      </Dialog>
    </section>
  )
}
