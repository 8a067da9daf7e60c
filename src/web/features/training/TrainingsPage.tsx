import { Link } from 'react-router'
import type { TrainingStatusItem } from '../../../modules/training/training.schema.js'
import { api } from '../../api/client.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Alert, EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'
import { trainingApi } from './api.js'
import { dueLine, percent, reasonLabel, StateBadge, TopicBadge, useTitle } from './parts.js'

function actionLabel(item: Pick<TrainingStatusItem, 'state'>) {
  if (item.state === 'missing') return 'training.card.start' as const
  if (item.state === 'completed') return 'training.card.repeat' as const
  return 'training.card.renew' as const
}

/** Everyone's trainings page: the trainings required of me with their status, and every module. */
export function TrainingsPage() {
  const t = useT()
  const { locale } = useLocale()
  const title = useTitle()
  const { user } = useSession()
  const mine = useAsync(() => trainingApi.mine(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const isAdmin = hasAnyRole(user, ['admin'])
  const canReport = hasAnyRole(user, ['admin', 'auditor'])

  if (mine.error) return <ErrorState error={mine.error} onRetry={mine.reload} />
  if (!mine.data) return <Loading />
  const { status, modules } = mine.data
  const open = status.items.filter((item) => item.state !== 'completed').length

  return (
    <>
      <PageHeader
        title={t('training.page.title')}
        intro={t('training.page.intro')}
        actions={
          <>
            {isAdmin && (
              <Link to="/admin/training" className="button button--secondary">
                {t('training.nav.admin')}
              </Link>
            )}
            {canReport && (
              <Link to="/admin/training/report" className="button button--secondary">
                {t('training.nav.report')}
              </Link>
            )}
          </>
        }
      />
      <div className="stack">
        <section className="section" aria-labelledby="mine-title">
          <h2 id="mine-title" className="section__title">
            {t('training.mine.title')}
          </h2>
          <p className="section__intro">{t('training.mine.intro')}</p>
          {status.items.length === 0 ? (
            <EmptyState title={t('training.mine.none')} hint={t('training.mine.noneHint')} />
          ) : (
            <>
              {open === 0 ? (
                <Alert tone="success">{t('training.mine.allDone')}</Alert>
              ) : (
                <p className="training-summary">{t('training.mine.open', { count: open })}</p>
              )}
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t('training.mine.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('training.table.training')}</th>
                      <th scope="col">{t('training.table.why')}</th>
                      <th scope="col">{t('training.table.status')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('training.table.action')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {status.items.map((item) => (
                      <tr key={item.moduleKey}>
                        <td>
                          <span className="table__primary">{title(item.title)}</span>
                        </td>
                        <td>
                          <ul className="training-reasons">
                            {item.reasons.map((reason) => (
                              <li key={reason}>{reasonLabel(t, locale, reason, offices.data)}</li>
                            ))}
                          </ul>
                        </td>
                        <td className="nowrap">
                          <StateBadge state={item.state} />
                          <span className="table__secondary">{dueLine(t, locale, item)}</span>
                        </td>
                        <td className="table__number">
                          <Link
                            to={`/training/${item.moduleKey}`}
                            className={`button button--small ${item.state === 'completed' ? 'button--secondary' : 'button--primary'}`}
                            aria-label={`${t(actionLabel(item))}: ${title(item.title)}`}
                          >
                            {t(actionLabel(item))}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>

        <section className="section" aria-labelledby="all-title">
          <h2 id="all-title" className="section__title">
            {t('training.all.title')}
          </h2>
          {modules.length === 0 ? (
            <EmptyState
              title={t('training.all.empty')}
              hint={isAdmin ? t('training.all.emptyHint') : undefined}
            />
          ) : (
            <ul className="training-cards">
              {modules.map((module) => (
                <li key={module.key}>
                  <article className="training-card" aria-labelledby={`module-${module.key}`}>
                    <TopicBadge topic={module.topic} />
                    <h3 id={`module-${module.key}`} className="training-card__title">
                      {title(module.title)}
                    </h3>
                    <p className="training-card__summary">{title(module.summary)}</p>
                    <ul className="training-card__facts">
                      <li>{t('training.card.minutes', { minutes: module.minutes })}</li>
                      <li>{t('training.card.lessons', { count: module.lessonCount })}</li>
                      <li>{t('training.card.questions', { count: module.questionCount })}</li>
                      <li>{t('training.card.passMark', { percent: percent(module.passMark) })}</li>
                    </ul>
                    {module.lastAttempt && (
                      <p className="training-card__last">
                        {module.lastAttempt.passed
                          ? t('training.card.lastPassed', {
                              date: formatDate(locale, module.lastAttempt.takenAt),
                            })
                          : t('training.card.lastFailed', {
                              date: formatDate(locale, module.lastAttempt.takenAt),
                              percent: percent(module.lastAttempt.score),
                            })}
                      </p>
                    )}
                    <div className="training-card__foot">
                      <span className="muted">
                        {t('training.card.valid', { months: module.validityMonths })}
                      </span>
                      <Link
                        to={`/training/${module.key}`}
                        className="button button--secondary button--small"
                        aria-label={`${t(module.lastAttempt?.passed ? 'training.card.repeat' : 'training.card.start')}: ${title(module.title)}`}
                      >
                        {t(module.lastAttempt?.passed ? 'training.card.repeat' : 'training.card.start')}
                      </Link>
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  )
}
