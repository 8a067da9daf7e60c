import { Link } from 'react-router'
import { useAsync } from '../../components/useAsync.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { trainingApi } from './api.js'
import { dueLine, StateBadge, useTitle } from './parts.js'

/** On the start page: my required trainings that are open, expired or expiring soon (nothing when none). */
export function MyOpenTrainings() {
  const t = useT()
  const { locale } = useLocale()
  const title = useTitle()
  const mine = useAsync(() => trainingApi.mine(), [])
  const open = (mine.data?.status.items ?? []).filter((item) => item.state !== 'completed')
  if (open.length === 0) return null
  return (
    <section className="section" aria-labelledby="open-trainings-title">
      <h2 id="open-trainings-title" className="section__title">
        {t('training.start.title')}
      </h2>
      <p className="section__intro">{t('training.start.intro')}</p>
      <ul className="training-cards">
        {open.map((item) => (
          <li key={item.moduleKey}>
            <div className="training-card">
              <StateBadge state={item.state} />
              <h3 className="training-card__title">{title(item.title)}</h3>
              <p className="training-card__summary">{dueLine(t, locale, item)}</p>
              <div className="training-card__foot">
                <Link to="/training" className="muted">
                  {t('training.start.all')}
                </Link>
                <Link to={`/training/${item.moduleKey}`} className="button button--primary button--small">
                  {item.state === 'missing' ? t('training.card.start') : t('training.card.renew')}
                </Link>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
