import type {
  Collaboration,
  CollaborationStatus,
  DataSheet,
  FieldChange,
  HistoryEntry,
  NextStep,
  Question,
  ResearchArea,
} from '../../../modules/collaborations/collaboration.schema.js'
import type { Office, User } from '../../../modules/organisation/organisation.schema.js'
import { Badge } from '../../components/Feedback.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDate, formatDateTime, pick, useLocale, useT } from '../../i18n/i18n.js'
import {
  askedLabel,
  countryName,
  fieldLabel,
  statusTone,
  stepLabel,
  translateKnown,
  whoLabel,
} from './labels.js'

/** The status of a case as a coloured badge. */
export function StatusBadge({ status }: { status: CollaborationStatus }) {
  const t = useT()
  return <Badge tone={statusTone(status)}>{t(`collab.status.${status}`)}</Badge>
}

/** Whether the user is one of the case's people (creator, principal investigator or member). */
export function isOwnCase(user: User | null, record: Pick<Collaboration, 'createdBy' | 'sheet'>): boolean {
  if (!user) return false
  const { sheet } = record
  return (
    record.createdBy === user.id ||
    sheet.principalInvestigators.some((person) => person.userId === user.id) ||
    sheet.members.some((person) => person.userId === user.id)
  )
}

const lifecycle: { key: TextKey; statuses: readonly CollaborationStatus[] }[] = [
  { key: 'collab.life.draft', statuses: ['draft'] },
  { key: 'collab.life.submitted', statuses: ['submitted'] },
  { key: 'collab.life.review', statuses: ['in_review'] },
  {
    key: 'collab.life.decided',
    statuses: ['approved', 'approved_with_conditions', 'declined', 'amendment_draft'],
  },
  { key: 'collab.life.active', statuses: ['active'] },
  { key: 'collab.life.ended', statuses: ['ended', 'withdrawn'] },
]

const doesOrder: readonly NextStep['responsibilities'][number]['does'][] = [
  'completes',
  'assesses',
  'advises',
  'decides',
  'is_informed',
]

/**
 * "Where does it stand?": the current step, who holds the file, who assesses, advises, decides
 * and is informed, and what is asked of the researcher by when.
 */
export function WherePanel({
  record,
  offices,
  isMine,
}: {
  record: Collaboration
  offices: readonly Office[]
  isMine: boolean
}) {
  const t = useT()
  const { locale } = useLocale()
  const next = record.nextStep
  const who = (party: NextStep['holder']) => whoLabel(t, locale, party, offices, isMine)
  const currentPhase = lifecycle.findIndex((phase) => phase.statuses.includes(record.status))
  const isWithdrawn = record.status === 'withdrawn'
  return (
    <section className="where card" aria-labelledby="where-title">
      <div className="where__head">
        <h2 id="where-title" className="where__title">
          {t('collab.where.title')}
        </h2>
        <StatusBadge status={record.status} />
      </div>
      <ol className="lifecycle" aria-label={t('collab.where.lifecycle')}>
        {lifecycle.map((phase, index) => {
          const state = index < currentPhase ? 'done' : index === currentPhase ? 'current' : 'todo'
          return (
            <li
              key={phase.key}
              className={`lifecycle__item lifecycle__item--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="lifecycle__dot" aria-hidden="true" />
              <span className="lifecycle__label">
                {index === lifecycle.length - 1 && isWithdrawn ? t('collab.status.withdrawn') : t(phase.key)}
              </span>
            </li>
          )
        })}
      </ol>
      <div className="where__grid">
        <div className="where__now">
          <p className="where__label">{t('collab.where.currentStep')}</p>
          <p className="where__step">{stepLabel(t, next.step)}</p>
          {next.step !== 'closed' && (
            <p className="where__holder">
              <span className="where__label">{t('collab.where.holder')}</span>{' '}
              <strong>{who(next.holder)}</strong>
            </p>
          )}
          {next.dueAt && (
            <p className="where__due">{t('collab.where.due', { date: formatDate(locale, next.dueAt) })}</p>
          )}
          {next.askedOfResearcher ? (
            <div className="where__asked">
              <p className="where__label">
                {t(isMine ? 'collab.where.askedOfYou' : 'collab.where.askedOfResearcher')}
              </p>
              <p>{askedLabel(t, next.askedOfResearcher)}</p>
            </div>
          ) : (
            next.step !== 'closed' && (
              <p className="where__nothing">
                {t(isMine ? 'collab.where.nothingAsked' : 'collab.where.nothingAskedOther')}
              </p>
            )
          )}
        </div>
        {next.responsibilities.length > 0 && (
          <div className="where__who">
            <p className="where__label">{t('collab.where.responsibilities')}</p>
            <dl className="responsibilities">
              {doesOrder
                .filter((does) => next.responsibilities.some((entry) => entry.does === does))
                .map((does) => (
                  <div key={does} className="responsibilities__row">
                    <dt>{t(`collab.does.${does}`)}</dt>
                    <dd>
                      {next.responsibilities
                        .filter((entry) => entry.does === does)
                        .map((entry) => who(entry.who))
                        .join(', ')}
                    </dd>
                  </div>
                ))}
            </dl>
          </div>
        )}
      </div>
    </section>
  )
}

/** The decision with its reasons and conditions. */
export function DecisionPanel({
  decision,
  decidedAt,
}: {
  decision: NonNullable<Collaboration['decision']>
  decidedAt: string | null
}) {
  const t = useT()
  const { locale } = useLocale()
  const tone =
    decision.outcome === 'approved' ? 'success' : decision.outcome === 'declined' ? 'danger' : 'warning'
  return (
    <section className={`decision decision--${tone} card card--padded`} aria-labelledby="decision-title">
      <h2 id="decision-title" className="section__title">
        {t('collab.decision.title')}: {t(`collab.status.${decision.outcome}`)}
      </h2>
      <p className="muted">
        {t('collab.decision.by', { name: decision.decidedBy || '–', date: formatDate(locale, decidedAt) })}
      </p>
      <h3 className="decision__subtitle">{t('collab.decision.reasons')}</h3>
      <p className="prewrap">{decision.reasons}</p>
      {decision.conditions.length > 0 && (
        <>
          <h3 className="decision__subtitle">{t('collab.decision.conditions')}</h3>
          <ol className="conditions">
            {decision.conditions.map((condition) => (
              <li key={condition}>{condition}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

/** A value of the sheet in words, for the diff. */
function displayValue(
  t: ReturnType<typeof useT>,
  locale: 'de' | 'en',
  field: string,
  value: unknown,
  areas: readonly ResearchArea[],
): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no')
  const leaf = field.split('.').pop() ?? ''
  if (typeof value === 'string') {
    if (leaf === 'country') return countryName(locale, value)
    if (leaf === 'kind' && field.startsWith('partners'))
      return translateKnown(t, `collab.partnerKind.${value}`, value)
    if (leaf === 'answer' || leaf === 'callHasSecurityGuidelines')
      return translateKnown(t, `collab.answer.${value}`, value)
    if (leaf === 'mobilityDirection') return translateKnown(t, `collab.direction.${value}`, value)
    if (leaf === 'startDate' || leaf === 'endDate') return formatDate(locale, value)
    return value
  }
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '—'
    return value
      .map((item: unknown) => {
        if (typeof item === 'string') {
          if (field === 'researchAreas') {
            const area = areas.find((candidate) => candidate.code === item)
            return area ? `${item} ${pick(locale, area.labelDe, area.labelEn)}` : item
          }
          if (field === 'dataSamples.kinds') return translateKnown(t, `collab.dataKind.${item}`, item)
          return item
        }
        if (item && typeof item === 'object' && 'name' in item) return String(item.name)
        return JSON.stringify(item)
      })
      .join(', ')
  }
  return JSON.stringify(value)
}

/** The field-by-field changes of an amendment against the decided version, in readable labels. */
export function DiffTable({
  changes,
  sheet,
  questions,
  areas,
}: {
  changes: readonly FieldChange[]
  sheet: DataSheet
  questions: readonly Question[]
  areas: readonly ResearchArea[]
}) {
  const t = useT()
  const { locale } = useLocale()
  if (changes.length === 0) return <p className="muted">{t('collab.diff.none')}</p>
  return (
    <section
      className="table-wrap"
      aria-label={t('collab.diff.title')}
      // A table wider than the page scrolls; keyboard users must be able to reach it (axe scrollable-region-focusable).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
      tabIndex={0}
    >
      <table className="table diff-table">
        <caption className="visually-hidden">{t('collab.diff.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('collab.diff.field')}</th>
            <th scope="col">{t('collab.diff.before')}</th>
            <th scope="col">{t('collab.diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field}>
              <th scope="row" className="diff-table__field">
                {fieldLabel(t, locale, change.field, { sheet, questions })}
              </th>
              <td>
                <del className="diff-table__before">
                  {displayValue(t, locale, change.field, change.before, areas)}
                </del>
              </td>
              <td>
                <ins className="diff-table__after">
                  {displayValue(t, locale, change.field, change.after, areas)}
                </ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

const historyKeys: Record<string, TextKey> = {
  'collaboration.created': 'collab.history.created',
  'collaboration.follow_up_created': 'collab.history.follow_up_created',
  'collaboration.draft_saved': 'collab.history.draft_saved',
  'collaboration.submitted': 'collab.history.submitted',
  'collaboration.amendment_submitted': 'collab.history.amendment_submitted',
  'collaboration.in_review': 'collab.history.in_review',
  'collaboration.approved': 'collab.history.approved',
  'collaboration.approved_with_conditions': 'collab.history.approved_with_conditions',
  'collaboration.declined': 'collab.history.declined',
  'collaboration.active': 'collab.history.active',
  'collaboration.ended': 'collab.history.ended',
  'collaboration.withdrawn': 'collab.history.withdrawn',
  'collaboration.amendment_draft': 'collab.history.amendment_draft',
  'collaboration.attachment_added': 'collab.history.attachment_added',
  'collaboration.attachment_removed': 'collab.history.attachment_removed',
  'collaboration.imported': 'collab.history.imported',
}

function detailText(details: unknown, key: string): string {
  if (details && typeof details === 'object' && key in details) {
    const value: unknown = Reflect.get(details, key)
    if (typeof value === 'string' || typeof value === 'number') return String(value)
  }
  return ''
}

/** The history of a case as sentences, newest first; runs of autosaves are folded into one line. */
export function HistoryList({ entries }: { entries: readonly HistoryEntry[] }) {
  const t = useT()
  const { locale } = useLocale()
  const folded: { entry: HistoryEntry; count: number }[] = []
  for (const entry of entries) {
    const last = folded.at(-1)
    if (
      last &&
      entry.action === 'collaboration.draft_saved' &&
      last.entry.action === entry.action &&
      last.entry.actorName === entry.actorName
    ) {
      last.count += 1
    } else {
      folded.push({ entry, count: 1 })
    }
  }
  return (
    <ol className="history">
      {folded.map(({ entry, count }) => {
        const key = historyKeys[entry.action]
        const values = {
          actor: entry.actorName,
          count,
          file: detailText(entry.details, 'fileName'),
          reason: detailText(entry.details, 'reason'),
          version: detailText(entry.details, 'version'),
        }
        const sentence = key
          ? t(key, values)
          : t('collab.history.other', { actor: entry.actorName, action: entry.action })
        const reason = values.reason
        return (
          <li key={`${entry.at}-${entry.action}`} className="history__item">
            <time className="history__time" dateTime={entry.at}>
              {formatDateTime(locale, entry.at)}
            </time>
            <span className="history__text">
              {sentence}
              {count > 1 && entry.action === 'collaboration.draft_saved' && (
                <span className="muted"> {t('collab.history.times', { count })}</span>
              )}
              {reason && <span className="history__reason">{t('collab.history.reason', { reason })}</span>}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
