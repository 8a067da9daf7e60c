import type { ReactNode } from 'react'
import type {
  DataSheet,
  Question,
  ResearchArea,
} from '../../../modules/collaborations/collaboration.schema.js'
import type { Unit } from '../../../modules/organisation/organisation.schema.js'
import { Badge } from '../../components/Feedback.js'
import { formatDate, pick, useLocale, useT } from '../../i18n/i18n.js'
import { activityKeys, countryName, formSteps } from './labels.js'
import { trlText } from './steps/ProjectStep.js'

function Row({ label, children }: { label: string; children: ReactNode }) {
  const t = useT()
  const isEmpty = children === '' || children === null || children === undefined || children === false
  return (
    <div className="sheet-view__row">
      <dt>{label}</dt>
      <dd>{isEmpty ? <span className="muted">{t('collab.view.notGiven')}</span> : children}</dd>
    </div>
  )
}

function Section({
  title,
  step,
  onEdit,
  children,
}: {
  title: string
  step: number
  onEdit?: (step: number) => void
  children: ReactNode
}) {
  const t = useT()
  return (
    <section className="sheet-view__section">
      <div className="sheet-view__header">
        <h3 className="sheet-view__title">{title}</h3>
        {onEdit && (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`${t('common.edit')}: ${title}`}
            onClick={() => onEdit(step)}
          >
            {t('common.edit')}
          </button>
        )}
      </div>
      <dl className="sheet-view__list">{children}</dl>
    </section>
  )
}

const text = (value: string) => (value ? <span className="prewrap">{value}</span> : '')
const money = (locale: string, value: number | null) =>
  value === null
    ? ''
    : new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
        value,
      )

/** The whole data sheet read-only, in the sections of the form; `onEdit` adds an edit button per section. */
export function SheetView({
  sheet,
  areas,
  units,
  questions,
  onEdit,
}: {
  sheet: DataSheet
  areas: readonly ResearchArea[]
  units: readonly Unit[]
  questions: readonly Question[]
  onEdit?: (step: number) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const title = (index: number) => t(formSteps[index]?.label ?? 'collab.form.step.project')
  const unit = units.find((candidate) => candidate.id === sheet.unitId)
  const areaLabel = (code: string) => {
    const area = areas.find((candidate) => candidate.code === code)
    return area ? `${code} ${pick(locale, area.labelDe, area.labelEn)}` : code
  }
  const activities = activityKeys.filter((key) => sheet.activities[key])
  return (
    <div className="sheet-view">
      <Section title={title(0)} step={1} onEdit={onEdit}>
        <Row label={t('collab.field.title')}>{sheet.title}</Row>
        <Row label={t('collab.field.acronym')}>{sheet.acronym}</Row>
        <Row label={t('collab.field.summary')}>{text(sheet.summary)}</Row>
        <Row label={t('collab.field.description')}>
          {sheet.description && (
            <details className="sheet-view__long">
              <summary>{t('collab.view.showDescription', { count: sheet.description.length })}</summary>
              <p className="prewrap">{sheet.description}</p>
            </details>
          )}
        </Row>
        <Row label={t('collab.field.researchAreas')}>
          {sheet.researchAreas.length > 0 && (
            <ul className="plain-list">
              {sheet.researchAreas.map((code) => (
                <li key={code}>{areaLabel(code)}</li>
              ))}
            </ul>
          )}
        </Row>
        <Row label={t('collab.field.keywords')}>
          {sheet.keywords.length > 0 && (
            <span className="badge-row">
              {sheet.keywords.map((word) => (
                <Badge key={word}>{word}</Badge>
              ))}
            </span>
          )}
        </Row>
        <Row label={t('collab.field.trl')}>
          {sheet.trl !== null && `${sheet.trl} – ${t(trlText(sheet.trl).title)}`}
        </Row>
      </Section>

      <Section title={title(1)} step={2} onEdit={onEdit}>
        <Row label={t('collab.field.unitId')}>
          {unit ? `${unit.code} – ${pick(locale, unit.nameDe, unit.nameEn)}` : ''}
        </Row>
        <Row label={t('collab.field.principalInvestigators')}>
          {sheet.principalInvestigators.map((person) => person.name).join(', ')}
        </Row>
        <Row label={t('collab.field.members')}>{sheet.members.map((person) => person.name).join(', ')}</Row>
        <Row label={t('collab.field.partners')}>
          {sheet.partners.length > 0 && (
            <ul className="partner-summary">
              {sheet.partners.map((partner) => (
                <li key={partner.id}>
                  <span className="table__primary">
                    {partner.nameOriginal}
                    {partner.nameOriginal && partner.nameEnglish && ' · '}
                    {partner.nameEnglish}
                  </span>
                  <span className="table__secondary">
                    {[
                      partner.country ? countryName(locale, partner.country) : '',
                      partner.kind ? t(`collab.partnerKind.${partner.kind}`) : '',
                      partner.department,
                      [partner.contactName, partner.contactRole].filter(Boolean).join(', '),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Row>
      </Section>

      <Section title={title(2)} step={3} onEdit={onEdit}>
        <Row label={t('collab.form.activitiesLegend')}>
          {activities.map((key) => t(`collab.activity.${key}`)).join(', ')}
        </Row>
        {sheet.activities.mobility && (
          <Row label={t('collab.field.mobilityDirection')}>
            {[
              sheet.activities.mobilityDirection
                ? t(`collab.direction.${sheet.activities.mobilityDirection}`)
                : '',
              sheet.activities.mobilityMonths !== null
                ? t('collab.view.months', { n: sheet.activities.mobilityMonths })
                : '',
            ]
              .filter(Boolean)
              .join(', ')}
          </Row>
        )}
        {sheet.activities.notes && (
          <Row label={t('collab.field.activities.notes')}>{text(sheet.activities.notes)}</Row>
        )}
      </Section>

      <Section title={title(3)} step={4} onEdit={onEdit}>
        <Row label={t('collab.field.dataKinds')}>
          {sheet.dataSamples.kinds.length === 0
            ? t('collab.view.noData')
            : sheet.dataSamples.kinds.map((kind) => t(`collab.dataKind.${kind}`)).join(', ')}
        </Row>
        <Row label={t('collab.field.storage')}>{text(sheet.dataSamples.storage)}</Row>
        <Row label={t('collab.field.processing')}>{text(sheet.dataSamples.processing)}</Row>
        <Row label={t('collab.field.access')}>{text(sheet.dataSamples.access)}</Row>
        {sheet.dataSamples.notes && (
          <Row label={t('collab.field.dataSamples.notes')}>{text(sheet.dataSamples.notes)}</Row>
        )}
      </Section>

      <Section title={title(4)} step={5} onEdit={onEdit}>
        <Row label={t('collab.field.funders')}>
          {sheet.funding.funders
            .map((funder) => (funder.programme ? `${funder.name} (${funder.programme})` : funder.name))
            .join('; ')}
        </Row>
        <Row label={t('collab.field.totalBudgetEur')}>{money(locale, sheet.funding.totalBudgetEur)}</Row>
        <Row label={t('collab.field.ownShareEur')}>{money(locale, sheet.funding.ownShareEur)}</Row>
        <Row label={t('collab.field.callHasSecurityGuidelines')}>
          {sheet.funding.callHasSecurityGuidelines
            ? t(`collab.answer.${sheet.funding.callHasSecurityGuidelines}`)
            : ''}
        </Row>
        <Row label={t('collab.field.securityBudgetEur')}>
          {money(locale, sheet.funding.securityBudgetEur)}
        </Row>
        {sheet.funding.securityBudgetNote && (
          <Row label={t('collab.field.securityBudgetNote')}>{text(sheet.funding.securityBudgetNote)}</Row>
        )}
      </Section>

      <Section title={title(5)} step={6} onEdit={onEdit}>
        <Row label={t('collab.field.researcherInterest')}>{text(sheet.interests.researcherInterest)}</Row>
        <Row label={t('collab.field.institutionInterest')}>{text(sheet.interests.institutionInterest)}</Row>
        <Row label={t('collab.field.expectedBenefits')}>{text(sheet.interests.expectedBenefits)}</Row>
        <Row label={t('collab.field.reciprocity')}>{text(sheet.interests.reciprocity)}</Row>
        <Row label={t('collab.field.exitOptions')}>{text(sheet.interests.exitOptions)}</Row>
        <Row label={t('collab.view.duration')}>
          {sheet.interests.startDate || sheet.interests.endDate
            ? `${formatDate(locale, sheet.interests.startDate) || '…'} – ${formatDate(locale, sheet.interests.endDate) || '…'}`
            : ''}
        </Row>
      </Section>

      <Section title={title(6)} step={7} onEdit={onEdit}>
        {questions.map((question) => {
          const answer = sheet.answers[question.key]
          return (
            <Row key={question.key} label={pick(locale, question.textDe, question.textEn)}>
              {answer?.answer && (
                <>
                  <Badge
                    tone={
                      answer.answer === 'yes' ? 'success' : answer.answer === 'no' ? 'warning' : 'neutral'
                    }
                  >
                    {t(`collab.answer.${answer.answer}`)}
                  </Badge>
                  {answer.explanation && (
                    <span className="sheet-view__explanation">{answer.explanation}</span>
                  )}
                </>
              )}
            </Row>
          )
        })}
      </Section>
    </div>
  )
}
