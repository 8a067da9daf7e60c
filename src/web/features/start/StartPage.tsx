import { Link } from 'react-router'
import { api } from '../../api/client.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { PageHeader } from '../../components/Feedback.js'
import { roleList } from '../../components/labels.js'
import { useAsync } from '../../components/useAsync.js'
import type { TextKey } from '../../i18n/de.js'
import { useLocale, useT } from '../../i18n/i18n.js'

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
  if (!user) return null
  const isAdmin = hasAnyRole(user, ['admin', 'auditor'])

  return (
    <>
      <PageHeader
        eyebrow={t('start.title')}
        title={t('start.greeting', { name: user.displayName })}
        intro={t('start.roles', { roles: roleList(t, locale, user.roles, offices.data) })}
      />

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
          <li>
            <Link to="/whom-to-ask" className="link-card link-card--primary">
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
