import { Link } from 'react-router'
import { api } from '../../api/client.js'
import { hasAnyRole, hasRole, useSession } from '../../api/session.js'
import { PageHeader } from '../../components/Feedback.js'
import { roleList } from '../../components/labels.js'
import { useAsync } from '../../components/useAsync.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { reviewingRoles, stepLabel, whoLabel } from '../collaborations/labels.js'
import { StatusBadge } from '../collaborations/parts.js'
import { MyOpenTrainings } from '../training/MyOpenTrainings.js'

const closedStatuses = ['ended', 'withdrawn', 'declined']

const steps: { title: TextKey; text: TextKey }[] = [
  { title: 'start.step1.title', text: 'start.step1.text' },
  { title: 'start.step2.title', text: 'start.step2.text' },
  { title: 'start.step3.title', text: 'start.step3.text' },
  { title: 'start.step4.title', text: 'start.step4.text' },
]

/** The start page: a greeting with the user's roles, the review process in four steps and where to go next. */
export function StartPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const offices = useAsync(() => api.offices.list(), [])
  const cases = useAsync(() => api.collaborations.list({ scope: 'mine', limit: 50 }), [])
  if (!user) return null
  const isAdmin = hasAnyRole(user, ['admin', 'auditor'])
  const isResearcher = hasRole(user, 'researcher')
  const isReviewer = hasAnyRole(user, reviewingRoles)
  const openCases = (cases.data ?? []).filter((entry) => !closedStatuses.includes(entry.status)).slice(0, 5)

  return (
    <>
      <PageHeader
        eyebrow={t('start.title')}
        title={t('start.greeting', { name: user.displayName })}
        intro={t('start.roles', { roles: roleList(t, locale, user.roles, offices.data) })}
      />

      <MyOpenTrainings />

      {isResearcher && (
        <section className="section start-cases" aria-labelledby="cases-title">
          <div className="start-cases__head">
            <h2 id="cases-title" className="section__title">
              {t('start.casesTitle')}
            </h2>
            <Link to="/collaborations/new" className="button button--primary">
              + {t('collab.list.create')}
            </Link>
          </div>
          {openCases.length === 0 ? (
            <p className="start-cases__empty">{cases.isLoading ? t('app.loading') : t('start.noCases')}</p>
          ) : (
            <ul className="case-cards">
              {openCases.map((entry) => (
                <li key={entry.id}>
                  <Link to={`/collaborations/${entry.id}`} className="case-card">
                    <span className="case-card__top">
                      <span className="case-card__ref">{entry.reference}</span>
                      <StatusBadge status={entry.status} />
                    </span>
                    <span className="case-card__title">
                      {entry.acronym ? `${entry.acronym} – ` : ''}
                      {entry.title || t('collab.untitled')}
                    </span>
                    <span className="case-card__next">
                      {stepLabel(t, entry.nextStep.step)} ·{' '}
                      {t('collab.list.holder', {
                        holder: whoLabel(t, locale, entry.nextStep.holder, offices.data ?? [], true),
                      })}
                    </span>
                    <span className="case-card__date">{formatDateTime(locale, entry.updatedAt)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <p className="start-cases__all">
            <Link to="/collaborations">{t('start.allCases')}</Link>
          </p>
        </section>
      )}

      <section className="section" aria-labelledby="process-title">
        <h2 id="process-title" className="section__title">
          {t('start.processTitle')}
        </h2>
        <ol className="steps">
          {steps.map((step, index) => (
            <li key={step.title} className="steps__item">
              <span className="steps__number" aria-hidden="true">
                {index + 1}
              </span>
              <h3 className="steps__title">{t(step.title)}</h3>
              <p className="steps__text">{t(step.text)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="cards-title">
        <h2 id="cards-title" className="section__title">
          {t('start.cardsTitle')}
        </h2>
        <ul className="link-cards">
          {isReviewer && (
            <li>
              <Link to="/collaborations?scope=all" className="link-card link-card--primary">
                <span className="link-card__title">{t('start.card.allCases.title')}</span>
                <span className="link-card__text">{t('start.card.allCases.text')}</span>
                <span className="link-card__arrow" aria-hidden="true">
                  →
                </span>
              </Link>
            </li>
          )}
          {hasAnyRole(user, ['office_reviewer', 'expert', 'admin']) && (
            <li>
              <Link to="/reviews" className="link-card link-card--primary">
                <span className="link-card__title">{t('reviews.start.queue.title')}</span>
                <span className="link-card__text">{t('reviews.start.queue.text')}</span>
                <span className="link-card__arrow" aria-hidden="true">
                  →
                </span>
              </Link>
            </li>
          )}
          <li>
            <Link to="/process" className="link-card">
              <span className="link-card__title">{t('reviews.start.process.title')}</span>
              <span className="link-card__text">{t('reviews.start.process.text')}</span>
              <span className="link-card__arrow" aria-hidden="true">
                →
              </span>
            </Link>
          </li>
          <li>
            <Link to="/whom-to-ask" className={isReviewer ? 'link-card' : 'link-card link-card--primary'}>
              <span className="link-card__title">{t('start.card.contacts.title')}</span>
              <span className="link-card__text">{t('start.card.contacts.text')}</span>
              <span className="link-card__arrow" aria-hidden="true">
                →
              </span>
            </Link>
          </li>
          {isAdmin && (
            <li>
              <Link to="/admin" className="link-card">
                <span className="link-card__title">{t('start.card.admin.title')}</span>
                <span className="link-card__text">{t('start.card.admin.text')}</span>
                <span className="link-card__arrow" aria-hidden="true">
                  →
                </span>
              </Link>
            </li>
          )}
          <li>
            <Link to="/account" className="link-card">
              <span className="link-card__title">{t('start.card.account.title')}</span>
              <span className="link-card__text">{t('start.card.account.text')}</span>
              <span className="link-card__arrow" aria-hidden="true">
                →
              </span>
            </Link>
          </li>
        </ul>
        <p className="note">{t('start.moreSoon')}</p>
      </section>
    </>
  )
}
