import type { DataSheet, FieldChange } from '../collaborations/index.js'
import type { Fact, OfficeReview, ProcessConfig, RoutingRule } from './review.schema.js'

/** Facts that come from other modules' results (pre-assessment, partner screening). */
export interface ExternalFacts {
  controlListCandidate?: boolean
  riskElevatedOrHigh?: boolean
  screeningHit?: boolean
}

/** The facts of a case that routing rules test, derived from the data sheet and other modules' results. */
export function caseFacts(sheet: DataSheet, external: ExternalFacts = {}, homeCountry = 'DE'): Set<Fact> {
  const facts = new Set<Fact>()
  const add = (fact: Fact, holds: boolean | undefined) => {
    if (holds) facts.add(fact)
  }
  add(
    'partner_abroad',
    sheet.partners.some((partner) => partner.country !== null && partner.country !== homeCountry),
  )
  add(
    'partner_company',
    sheet.partners.some((partner) => partner.kind === 'company'),
  )
  const activities = sheet.activities
  add('activity.jointResearch', activities.jointResearch)
  add('activity.dataSharing', activities.dataSharing)
  add('activity.sampleTransfer', activities.sampleTransfer)
  add('activity.mobility', activities.mobility)
  add('activity.visitingResearchers', activities.visitingResearchers)
  add('activity.infrastructureAccess', activities.infrastructureAccess)
  add('activity.ipLicensing', activities.ipLicensing)
  add('activity.equipmentDelivery', activities.equipmentDelivery)
  add('activity.contractOrMou', activities.contractOrMou)
  const kinds = new Set(sheet.dataSamples.kinds)
  add('data.personal_data', kinds.has('personal_data'))
  add('data.human_genetic_resources', kinds.has('human_genetic_resources'))
  add('data.human_subjects', kinds.has('human_subjects'))
  add('data.biological_samples', kinds.has('biological_samples'))
  add('funding.external', sheet.funding.funders.length > 0)
  add('trl_at_least_5', (sheet.trl ?? 0) >= 5)
  add('trl_at_least_7', (sheet.trl ?? 0) >= 7)
  add(
    'questionnaire.any_no_or_unknown',
    Object.values(sheet.answers).some((answer) => answer.answer === 'no' || answer.answer === 'unknown'),
  )
  add('assessment.control_list_candidate', external.controlListCandidate)
  add('assessment.risk_elevated_or_high', external.riskElevatedOrHigh)
  add('screening.hit', external.screeningHit)
  return facts
}

/** One office routed to a case, with every rule that sent it there. */
export interface Routed {
  participant: string
  does: 'assesses' | 'advises'
  reasons: OfficeReview['reasons']
}

/** Which offices take part, and why: every rule with a fact that holds adds its office. */
export function routeCase(config: ProcessConfig, facts: ReadonlySet<Fact>): Routed[] {
  const byOffice = new Map<string, Routed>()
  for (const rule of config.routingRules) {
    if (!rule.whenAny.some((fact) => facts.has(fact))) continue
    const entry = byOffice.get(rule.office) ?? {
      participant: rule.office,
      does: config.offices[rule.office]?.does ?? 'advises',
      reasons: [],
    }
    entry.reasons.push(reasonOf(rule, facts))
    byOffice.set(rule.office, entry)
  }
  return [...byOffice.values()]
}

function reasonOf(rule: RoutingRule, facts: ReadonlySet<Fact>) {
  const held = rule.whenAny.filter((fact) => facts.has(fact))
  return {
    ruleId: rule.id,
    explanationDe: `${rule.explanationDe} (${held.join(', ')})`,
    explanationEn: `${rule.explanationEn} (${held.join(', ')})`,
  }
}

// Which parts of the sheet each fact is read from: a change there concerns the office the fact routes to.
const factFields: Record<Fact, string[]> = {
  partner_abroad: ['partners'],
  partner_company: ['partners'],
  'activity.jointResearch': ['activities.jointResearch'],
  'activity.dataSharing': ['activities.dataSharing'],
  'activity.sampleTransfer': ['activities.sampleTransfer'],
  'activity.mobility': ['activities.mobility', 'activities.mobilityDirection', 'activities.mobilityMonths'],
  'activity.visitingResearchers': ['activities.visitingResearchers'],
  'activity.infrastructureAccess': ['activities.infrastructureAccess'],
  'activity.ipLicensing': ['activities.ipLicensing'],
  'activity.equipmentDelivery': ['activities.equipmentDelivery'],
  'activity.contractOrMou': ['activities.contractOrMou'],
  'data.personal_data': ['dataSamples'],
  'data.human_genetic_resources': ['dataSamples'],
  'data.human_subjects': ['dataSamples'],
  'data.biological_samples': ['dataSamples'],
  'funding.external': ['funding'],
  trl_at_least_5: ['trl'],
  trl_at_least_7: ['trl'],
  'questionnaire.any_no_or_unknown': ['answers'],
  'assessment.control_list_candidate': ['description', 'summary', 'keywords', 'researchAreas', 'trl'],
  'assessment.risk_elevated_or_high': [
    'description',
    'summary',
    'keywords',
    'researchAreas',
    'trl',
    'partners',
  ],
  'screening.hit': ['partners'],
}

/**
 * For a re-review after an amendment: the offices concerned are those newly routed, and those whose
 * rules read a field that changed. Everyone else keeps their earlier advice.
 */
export function concernedOffices(
  config: ProcessConfig,
  routedNow: readonly Routed[],
  previouslyRouted: ReadonlySet<string>,
  changes: readonly FieldChange[],
): Routed[] {
  const changed = (prefix: string) =>
    changes.some(
      (change) =>
        change.field === prefix ||
        change.field.startsWith(`${prefix}.`) ||
        change.field.startsWith(`${prefix}[`),
    )
  return routedNow.filter((routed) => {
    if (!previouslyRouted.has(routed.participant)) return true
    const rules = config.routingRules.filter((rule) => rule.office === routed.participant)
    return rules.some((rule) => rule.whenAny.some((fact) => factFields[fact].some(changed)))
  })
}
