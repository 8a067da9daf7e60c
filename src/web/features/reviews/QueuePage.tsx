import { useState } from 'react'
import { Link } from 'react-router'
import type { Office } from '../../../modules/organisation/organisation.schema.js'
import type { QueueItem } from '../../../modules/reviews/review.schema.js'
import { api } from '../../api/client.js'
import { hasAnyRole, hasRole, useSession } from '../../api/session.js'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { countryName } from '../collaborations/labels.js'
import { QueueTrainingCell, useCaseTrainingSummaries } from '../training/QueueTraining.js'
import { type QueueSort, reviewsApi } from './api.js'
import { participantLabel } from './labels.js'
import { DueLine, ReviewStatusBadge } from './parts.js'

const sorts: readonly QueueSort[] = ['due', 'waiting', 'trl']

/** Submitted cases waiting for the intake check, for research security and administrators. */
function IntakeList() {
  const t = useT()
  const { locale } = useLocale()
  const cases = useAsync(() => api.collaborations.list({ scope: 'all', status: 'submitted', limit: 100 }), [])
  return (
    <section className="section" aria-labelledby="intake-title">
      <h2 id="intake-title" className="section__title">
        {t('reviews.queue.intakeTitle')}
      </h2>
      <p className="section__intro">{t('reviews.queue.intakeIntro')}</p>
      {cases.error ? (
        <ErrorState error={cases.error} onRetry={cases.reload} />
      ) : !cases.data ? (
        <Loading />
      ) : cases.data.length === 0 ? (
        <p className="muted">{t('reviews.queue.intakeEmpty')}</p>
      ) : (
        <ul className="intake-list">
          {cases.data.map((entry) => (
            <li key={entry.id}>
              <Link to={`/collaborations/${entry.id}`} className="intake-list__link">
                <span className="table__primary">
                  {entry.acronym ? `${entry.acronym} – ` : ''}
                  {entry.title || t('collab.untitled')}
                </span>
                <span className="table__secondary">
                  <span className="code">{entry.reference}</span> ·{' '}
                  {t('reviews.queue.submittedAt', { date: formatDateTime(locale, entry.submittedAt) })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function QueueRow({
  item,
  showOffice,
  offices,
  training,
}: {
  item: QueueItem
  showOffice: boolean
  offices: readonly Office[]
  training: ReturnType<typeof useCaseTrainingSummaries>
}) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <tr className={item.isOverdue ? 'queue__row queue__row--overdue' : 'queue__row'}>
      <td>
        <Link to={`/collaborations/${item.collaborationId}`} className="table__primary">
          {item.title || t('collab.untitled')}
        </Link>
        <span className="table__secondary code">{item.reference}</span>
      </td>
      {showOffice && (
        <td>
          {participantLabel(t, locale, item.participant, offices)}
          <span className="table__secondary">{t(`collab.does.${item.does}`)}</span>
        </td>
      )}
      <td>
        <ReviewStatusBadge review={item} />
      </td>
      <td className="nowrap">
        <span className="table__primary">{formatDate(locale, item.dueAt)}</span>
        {item.status === 'waiting_for_information' && <DueLine review={item} />}
      </td>
      <td className="table__number">{t('reviews.queue.days', { count: item.waitingDays })}</td>
      <td className="table__number">{item.trl ?? t('common.none')}</td>
      <td>{item.countries.map((code) => countryName(locale, code)).join(', ') || t('common.none')}</td>
      <td>
        <QueueTrainingCell summaries={training} caseId={item.collaborationId} />
      </td>
    </tr>
  )
}

/** The office queue: the cases that need my office (or the expert team), sortable, overdue ones marked. */
export function QueuePage() {
  const t = useT()
  const { user } = useSession()
  const [sort, setSort] = useState<QueueSort>('due')
  const queue = useAsync(() => reviewsApi.queue(sort), [sort])
  const offices = useAsync(() => api.offices.list(), [])
  const securityOffice = offices.data?.find((office) => office.key === 'research_security')
  const doesIntake =
    hasRole(user, 'admin') ||
    (user?.roles.some((grant) => grant.role === 'office_reviewer' && grant.officeId === securityOffice?.id) ??
      false)
  const items = queue.data ?? []
  const training = useCaseTrainingSummaries(items.map((item) => item.collaborationId))
  const overdue = items.filter((item) => item.isOverdue).length
  const showOffice = hasRole(user, 'admin') || new Set(items.map((item) => item.participant)).size > 1
  return (
    <>
      <PageHeader title={t('reviews.queue.title')} intro={t('reviews.queue.intro')} />
      <div className="stack">
        {doesIntake && <IntakeList />}
        <section className="section" aria-labelledby="queue-title">
          <div className="queue__head">
            <h2 id="queue-title" className="section__title">
              {t('reviews.queue.reviewsTitle')}
            </h2>
            <fieldset className="segmented">
              <legend className="segmented__legend">{t('reviews.queue.sortBy')}</legend>
              {sorts.map((value) => (
                <button
                  key={value}
                  type="button"
                  className="segmented__option"
                  aria-pressed={sort === value}
                  onClick={() => setSort(value)}
                >
                  {t(`reviews.queue.sort.${value}`)}
                </button>
              ))}
            </fieldset>
          </div>
          {queue.error ? (
            <ErrorState error={queue.error} onRetry={queue.reload} />
          ) : !queue.data ? (
            <Loading />
          ) : items.length === 0 ? (
            <EmptyState
              title={t('reviews.queue.empty')}
              hint={
                hasAnyRole(user, ['office_reviewer', 'expert']) ? t('reviews.queue.emptyHint') : undefined
              }
            />
          ) : (
            <>
              <p className="result-count" aria-live="polite">
                {t('reviews.queue.count', { count: items.length })}
                {overdue > 0 && (
                  <strong className="queue__overdue-count">
                    {' '}
                    · {t('reviews.queue.overdue', { count: overdue })}
                  </strong>
                )}
              </p>
              <div className="table-wrap">
                <table className="table queue">
                  <caption className="visually-hidden">{t('reviews.queue.reviewsTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reviews.queue.case')}</th>
                      {showOffice && <th scope="col">{t('reviews.queue.office')}</th>}
                      <th scope="col">{t('reviews.queue.status')}</th>
                      <th scope="col" aria-sort={sort === 'due' ? 'ascending' : undefined}>
                        {t('reviews.queue.due')}
                      </th>
                      <th scope="col" aria-sort={sort === 'waiting' ? 'descending' : undefined}>
                        {t('reviews.queue.waiting')}
                      </th>
                      <th scope="col" aria-sort={sort === 'trl' ? 'descending' : undefined}>
                        {t('reviews.queue.trl')}
                      </th>
                      <th scope="col">{t('reviews.queue.countries')}</th>
                      <th scope="col">{t('training.queue.column')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <QueueRow
                        key={item.reviewId}
                        item={item}
                        showOffice={showOffice}
                        offices={offices.data ?? []}
                        training={training}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      </div>
    </>
  )
}
