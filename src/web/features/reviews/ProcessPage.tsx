import { Link } from 'react-router'
import type { Locale, Office } from '../../../modules/organisation/organisation.schema.js'
import type { Participant, ProcessConfig, ProcessStep } from '../../../modules/reviews/review.schema.js'
import { api } from '../../api/client.js'
import { hasRole, useSession } from '../../api/session.js'
import { ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDate, pick, type TextValues, useLocale, useT } from '../../i18n/i18n.js'
import { reviewsApi } from './api.js'
import { factLabel, participantLabel } from './labels.js'
import { type DiagramStep, ProcessDiagram } from './ProcessDiagram.js'

type Translate = (key: TextKey, values?: TextValues) => string

/** A participant of a step in words. */
function whoName(t: Translate, locale: Locale, who: Participant, offices: readonly Office[]): string {
  if (who.kind === 'office' || who.kind === 'expert_team')
    return participantLabel(t, locale, who.key, offices)
  return t(`reviews.role.${who.key}`)
}

/** The configured steps as diagram steps in the UI language. */
export function diagramSteps(
  t: Translate,
  locale: Locale,
  steps: readonly ProcessStep[],
  offices: readonly Office[],
): DiagramStep[] {
  return steps.map((step) => ({
    key: step.key,
    label: pick(locale, step.labelDe, step.labelEn),
    description: pick(locale, step.descriptionDe, step.descriptionEn),
    entries: step.responsibilities.map((entry) => ({
      does: entry.does,
      names: [whoName(t, locale, entry.who, offices)],
    })),
    note: step.kind === 'office_reviews' ? t('reviews.process.routedNote') : undefined,
  }))
}

/** The routing rules in sentences: "Ethics takes part when …". */
export function RoutingRules({ config, offices }: { config: ProcessConfig; offices: readonly Office[] }) {
  const t = useT()
  const { locale } = useLocale()
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' })
  return (
    <ul className="rules">
      {config.routingRules.map((rule) => (
        <li key={rule.id} className="rules__item">
          <p className="rules__sentence">
            {t('reviews.process.ruleSentence', {
              office: participantLabel(t, locale, rule.office, offices),
              facts: list.format(rule.whenAny.map((fact) => factLabel(t, fact))),
            })}
          </p>
          <p className="rules__why">{pick(locale, rule.explanationDe, rule.explanationEn)}</p>
        </li>
      ))}
    </ul>
  )
}

/** The process page: the configured process as a diagram, the review periods and the routing rules in words. */
export function ProcessPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const process = useAsync(() => reviewsApi.process(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const officeList = offices.data ?? []
  return (
    <>
      <PageHeader
        title={t('reviews.process.title')}
        intro={t('reviews.process.intro')}
        actions={
          <div className="action-bar">
            <Link to="/partners/process" className="button button--secondary">
              {t('reviews.process.publicLink')}
            </Link>
            {hasRole(user, 'admin') && (
              <Link to="/admin/process" className="button button--primary">
                {t('reviews.process.configure')}
              </Link>
            )}
          </div>
        }
      />
      {process.error ? (
        <ErrorState error={process.error} onRetry={process.reload} />
      ) : !process.data ? (
        <Loading />
      ) : (
        <div className="stack">
          <p className="muted">
            {t('reviews.process.version', {
              version: process.data.version,
              date: formatDate(locale, process.data.createdAt),
            })}
          </p>
          <section className="section" aria-labelledby="flow-title">
            <h2 id="flow-title" className="section__title">
              {t('reviews.process.flowTitle')}
            </h2>
            <ProcessDiagram
              steps={diagramSteps(t, locale, process.data.config.steps, officeList)}
              doesLabel={(does) => t(`collab.does.${does}`)}
              label={t('reviews.process.flowTitle')}
            />
          </section>
          <section className="section card card--padded" aria-labelledby="rules-title">
            <h2 id="rules-title" className="section__title">
              {t('reviews.process.rulesTitle')}
            </h2>
            <p className="section__intro">{t('reviews.process.rulesIntro')}</p>
            <RoutingRules config={process.data.config} offices={officeList} />
          </section>
          <section className="section card card--padded" aria-labelledby="days-title">
            <h2 id="days-title" className="section__title">
              {t('reviews.process.daysTitle')}
            </h2>
            <p className="section__intro">{t('reviews.process.daysIntro')}</p>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('reviews.process.daysTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reviews.queue.office')}</th>
                    <th scope="col">{t('reviews.process.role')}</th>
                    <th scope="col" className="table__number">
                      {t('reviews.process.days')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(process.data.config.offices).map(([key, office]) => (
                    <tr key={key}>
                      <th scope="row">{participantLabel(t, locale, key, officeList)}</th>
                      <td>{t(`collab.does.${office.does}`)}</td>
                      <td className="table__number">
                        {t('reviews.process.workingDays', { count: office.reviewDays })}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('reviews.expertTeam')}</th>
                    <td>{t('collab.does.advises')}</td>
                    <td className="table__number">
                      {t('reviews.process.workingDays', { count: process.data.config.expertTeamDays })}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </>
  )
}
