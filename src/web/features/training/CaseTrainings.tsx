import { Link } from 'react-router'
import { api } from '../../api/client.js'
import { useSession } from '../../api/session.js'
import { Alert, ErrorState, Loading } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { trainingApi } from './api.js'
import { dueLine, reasonLabel, StateBadge, useTitle } from './parts.js'

/**
 * On the case page and in the form's submission step: whether the people involved completed the
 * trainings the case and their roles require, and whether a gap blocks submission or only warns.
 */
export function CaseTrainings({ caseId, editable = false }: { caseId: string; editable?: boolean }) {
  const t = useT()
  const { locale } = useLocale()
  const title = useTitle()
  const { user } = useSession()
  const status = useAsync(() => trainingApi.caseStatus(caseId), [caseId])
  const offices = useAsync(() => api.offices.list(), [])
  if (status.error) return <ErrorState error={status.error} onRetry={status.reload} />
  if (!status.data) return <Loading />
  const { people, complete, enforcement } = status.data
  const anyRequired = people.some((person) => person.items.length > 0)
  return (
    <section className="section card card--padded" aria-labelledby="case-trainings-title">
      <h2 id="case-trainings-title" className="section__title">
        {t('training.case.title')}
      </h2>
      <p className="section__intro">{t('training.case.intro')}</p>
      {people.length === 0 ? (
        <p className="muted">{t('training.case.noPeople')}</p>
      ) : !anyRequired ? (
        <p className="muted">{t('training.case.noneRequired')}</p>
      ) : (
        <>
          {complete ? (
            <Alert tone="success">{t('training.case.complete')}</Alert>
          ) : editable && enforcement === 'block' ? (
            <Alert tone="error" title={t('training.case.blockTitle')}>
              <p>{t('training.case.blockText')}</p>
            </Alert>
          ) : editable ? (
            <Alert tone="warning" title={t('training.case.warnTitle')}>
              <p>{t('training.case.warnText')}</p>
            </Alert>
          ) : null}
          <ul className="training-people">
            {people.map((person) => (
              <li key={person.userId}>
                <p className="training-person__name">{person.displayName}</p>
                <ul className="training-person__items">
                  {person.items.map((item) => (
                    <li key={item.moduleKey} className="training-person__item">
                      <StateBadge state={item.state} />
                      <span>{title(item.title)}</span>
                      <span className="muted">
                        · {dueLine(t, locale, item)} ·{' '}
                        {item.reasons
                          .map((reason) => reasonLabel(t, locale, reason, offices.data))
                          .join('; ')}
                      </span>
                      {person.userId === user?.id && item.state !== 'completed' && (
                        <Link
                          to={`/training/${item.moduleKey}`}
                          className="button button--small button--secondary"
                        >
                          {t('training.case.take')}
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
