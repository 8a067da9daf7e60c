import type { Role } from '../../../modules/access/access.schema.js'
import type {
  CollaborationStatus,
  DataKind,
  DataSheet,
  NextStep,
  PartnerKind,
  Question,
} from '../../../modules/collaborations/collaboration.schema.js'
import type { Locale, Office } from '../../../modules/organisation/organisation.schema.js'
import { de, type TextKey } from '../../i18n/de.js'
import { pick, type TextValues } from '../../i18n/i18n.js'

type Translate = (key: TextKey, values?: TextValues) => string

/** Whether a string built at run time (e.g. `collab.answer.${value}`) is a text key of the dictionaries. */
export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(de, key)
}

/** Translates a key built at run time, or returns `fallback` when the dictionaries lack it. */
export function translateKnown(t: Translate, key: string, fallback: string): string {
  return isTextKey(key) ? t(key) : fallback
}

/** The roles that see every submitted case ("All submitted cases"). */
export const reviewingRoles: readonly Role[] = [
  'admin',
  'decision_maker',
  'auditor',
  'office_reviewer',
  'expert',
]

/** ISO 3166-1 alpha-2 codes (plus XK, Kosovo, as commonly used); names come from the browser. */
const countryCodes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
  'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET ' +
  'FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM ' +
  'IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ' +
  'ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE ' +
  'PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST ' +
  'SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS ' +
  'XK YE YT ZA ZM ZW'
).split(' ')

/** The name of a country (ISO code) in the UI language. */
export function countryName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Every country as select options, sorted by name in the UI language. */
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  return countryCodes
    .map((code) => ({ value: code, label: countryName(locale, code) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))
}

/** The badge colour of a status. */
export function statusTone(
  status: CollaborationStatus,
): 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent' {
  switch (status) {
    case 'approved':
    case 'active':
      return 'success'
    case 'approved_with_conditions':
    case 'amendment_draft':
      return 'warning'
    case 'declined':
      return 'danger'
    case 'submitted':
    case 'in_review':
      return 'info'
    case 'draft':
      return 'accent'
    default:
      return 'neutral'
  }
}

/** The statuses in their life-cycle order, for filters. */
export const statusOrder: readonly CollaborationStatus[] = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'approved_with_conditions',
  'active',
  'amendment_draft',
  'declined',
  'ended',
  'withdrawn',
]

type Who = NextStep['holder']

/**
 * Who a party of the process is, in words: an office by its configured name, a role, or the
 * researcher ("You" when the reader is one of the case's people).
 */
export function whoLabel(
  t: Translate,
  locale: Locale,
  who: Who,
  offices: readonly Office[],
  isMine: boolean,
): string {
  if (who.kind === 'researcher') return isMine ? t('collab.who.you') : t('collab.who.pi')
  if (who.kind === 'office') {
    const office = offices.find((candidate) => candidate.key === who.key)
    return office ? pick(locale, office.nameDe, office.nameEn) : who.key
  }
  if (who.key === 'offices') return t('collab.who.offices')
  if (who.key === 'decision_maker') return t('role.decision_maker')
  if (who.key === 'admin') return t('role.admin')
  if (who.key === 'expert_team') return t('collab.who.expertTeam')
  return who.key
}

const stepKeys: Record<NextStep['step'], TextKey> = {
  complete_sheet: 'collab.step.complete_sheet',
  intake: 'collab.step.intake',
  office_reviews: 'collab.step.office_reviews',
  decision: 'collab.step.decision',
  activation: 'collab.step.activation',
  running: 'collab.step.running',
  closed: 'collab.step.closed',
}

/** The current step of the process in words. */
export function stepLabel(t: Translate, step: NextStep['step']): string {
  return t(stepKeys[step])
}

const askedKeys: Record<string, TextKey> = {
  complete_and_submit: 'collab.asked.complete_and_submit',
  sign_and_activate: 'collab.asked.sign_and_activate',
  meet_conditions_and_activate: 'collab.asked.meet_conditions_and_activate',
  report_changes: 'collab.asked.report_changes',
  answer_questions: 'collab.asked.answer_questions',
}

/** What is asked of the researcher, in words (the key itself when this client does not know it yet). */
export function askedLabel(t: Translate, key: string): string {
  const textKey = askedKeys[key]
  return textKey ? t(textKey) : key
}

/** The partner kinds with their labels. */
export const partnerKinds: readonly PartnerKind[] = [
  'university',
  'research_institute',
  'company',
  'government_body',
  'other',
]

/** The data kinds with their labels, in the order of the form. */
export const dataKinds: readonly DataKind[] = [
  'personal_data',
  'human_genetic_resources',
  'human_subjects',
  'biological_samples',
  'geodata',
  'environmental_data',
  'technical_data',
  'software_source_code',
  'confidential_business_data',
  'public_data',
]

/** The activity switches of the data sheet, in the order of the form. */
export const activityKeys = [
  'jointResearch',
  'dataSharing',
  'sampleTransfer',
  'mobility',
  'visitingResearchers',
  'infrastructureAccess',
  'jointPublications',
  'ipLicensing',
  'equipmentDelivery',
  'contractOrMou',
] as const
/** One activity switch. */
export type ActivityKey = (typeof activityKeys)[number]

/** The steps of the guided form, with the top-level fields of the sheet each one covers. */
export const formSteps: readonly {
  key: string
  label: TextKey
  intro: TextKey
  fields: readonly string[]
}[] = [
  {
    key: 'project',
    label: 'collab.form.step.project',
    intro: 'collab.form.stepIntro.project',
    fields: ['title', 'acronym', 'summary', 'description', 'researchAreas', 'keywords', 'trl'],
  },
  {
    key: 'people',
    label: 'collab.form.step.people',
    intro: 'collab.form.stepIntro.people',
    fields: ['unitId', 'principalInvestigators', 'members', 'partners'],
  },
  {
    key: 'activities',
    label: 'collab.form.step.activities',
    intro: 'collab.form.stepIntro.activities',
    fields: ['activities'],
  },
  {
    key: 'data',
    label: 'collab.form.step.data',
    intro: 'collab.form.stepIntro.data',
    fields: ['dataSamples'],
  },
  {
    key: 'funding',
    label: 'collab.form.step.funding',
    intro: 'collab.form.stepIntro.funding',
    fields: ['funding'],
  },
  {
    key: 'interests',
    label: 'collab.form.step.interests',
    intro: 'collab.form.stepIntro.interests',
    fields: ['interests'],
  },
  {
    key: 'questionnaire',
    label: 'collab.form.step.questionnaire',
    intro: 'collab.form.stepIntro.questionnaire',
    fields: ['answers'],
  },
  {
    key: 'attachments',
    label: 'collab.form.step.attachments',
    intro: 'collab.form.stepIntro.attachments',
    fields: [],
  },
  { key: 'summary', label: 'collab.form.step.summary', intro: 'collab.form.stepIntro.summary', fields: [] },
]

/** A field path without the `sheet.` prefix the create endpoint reports. */
export function normaliseField(field: string): string {
  return field.startsWith('sheet.') ? field.slice('sheet.'.length) : field
}

/** The number (1-based) of the form step that holds a field, e.g. 2 for `partners.0.country`. */
export function stepOfField(field: string): number {
  const top = normaliseField(field).split(/[.[]/)[0] ?? ''
  // Missing trainings are shown on the summary step, next to the submit button.
  if (top === 'trainings') return formSteps.length
  const index = formSteps.findIndex((step) => step.fields.includes(top))
  return index < 0 ? 1 : index + 1
}

/** The element id of a field's control, so that summaries and error lists can link to it. */
export function fieldId(field: string): string {
  return `field-${normaliseField(field).replace(/[^a-zA-Z0-9_]+/g, '-')}`
}

const fieldKeys: Record<string, TextKey> = {
  trainings: 'training.case.field',
  title: 'collab.field.title',
  acronym: 'collab.field.acronym',
  summary: 'collab.field.summary',
  description: 'collab.field.description',
  researchAreas: 'collab.field.researchAreas',
  keywords: 'collab.field.keywords',
  trl: 'collab.field.trl',
  unitId: 'collab.field.unitId',
  principalInvestigators: 'collab.field.principalInvestigators',
  members: 'collab.field.members',
  partners: 'collab.field.partners',
  nameOriginal: 'collab.field.partner.nameOriginal',
  nameEnglish: 'collab.field.partner.nameEnglish',
  country: 'collab.field.partner.country',
  kind: 'collab.field.partner.kind',
  department: 'collab.field.partner.department',
  contactName: 'collab.field.partner.contactName',
  contactRole: 'collab.field.partner.contactRole',
  name: 'collab.field.person.name',
  userId: 'collab.field.person.name',
  activities: 'collab.field.activities',
  'activities.mobilityDirection': 'collab.field.mobilityDirection',
  'activities.mobilityMonths': 'collab.field.mobilityMonths',
  'activities.notes': 'collab.field.activities.notes',
  'dataSamples.kinds': 'collab.field.dataKinds',
  'dataSamples.storage': 'collab.field.storage',
  'dataSamples.processing': 'collab.field.processing',
  'dataSamples.access': 'collab.field.access',
  'dataSamples.notes': 'collab.field.dataSamples.notes',
  'funding.funders': 'collab.field.funders',
  programme: 'collab.field.funder.programme',
  'funding.totalBudgetEur': 'collab.field.totalBudgetEur',
  'funding.ownShareEur': 'collab.field.ownShareEur',
  'funding.callHasSecurityGuidelines': 'collab.field.callHasSecurityGuidelines',
  'funding.securityBudgetEur': 'collab.field.securityBudgetEur',
  'funding.securityBudgetNote': 'collab.field.securityBudgetNote',
  'interests.researcherInterest': 'collab.field.researcherInterest',
  'interests.institutionInterest': 'collab.field.institutionInterest',
  'interests.expectedBenefits': 'collab.field.expectedBenefits',
  'interests.reciprocity': 'collab.field.reciprocity',
  'interests.exitOptions': 'collab.field.exitOptions',
  'interests.startDate': 'collab.field.startDate',
  'interests.endDate': 'collab.field.endDate',
}

for (const key of activityKeys) fieldKeys[`activities.${key}`] = `collab.activity.${key}`

/**
 * A field path in words for people, e.g. `partners.0.country` → "Partner 1 (Tsinghua University):
 * Country", `answers.civil_end_use.explanation` → the question and "Explanation". Array items
 * may be addressed by index (`partners.0`) or, in diffs, by id (`partners[<id>]`).
 */
export function fieldLabel(
  t: Translate,
  locale: Locale,
  rawField: string,
  context: { sheet?: DataSheet; questions?: readonly Question[] } = {},
): string {
  const field = normaliseField(rawField)
  const direct = fieldKeys[field]
  if (direct) return t(direct)
  const partner = /^partners(?:\.(\d+)|\[([^\]]+)\])(?:\.(\w+))?/.exec(field)
  if (partner) {
    const partners = context.sheet?.partners ?? []
    const index =
      partner[1] !== undefined ? Number(partner[1]) : partners.findIndex((p) => p.id === partner[2])
    const found = partners[index]
    const name = found ? found.nameEnglish || found.nameOriginal : ''
    const who =
      index >= 0
        ? t('collab.field.partnerN', { n: index + 1 }) + (name ? ` (${name})` : '')
        : t('collab.field.partner')
    const part = partner[3] ? fieldKeys[partner[3]] : undefined
    return part ? `${who}: ${t(part)}` : who
  }
  const person = /^(principalInvestigators|members)\.(\d+)/.exec(field)
  if (person?.[1]) {
    const group = fieldKeys[person[1]]
    return `${group ? t(group) : person[1]} ${Number(person[2]) + 1}`
  }
  const funder = /^funding\.funders\.(\d+)(?:\.(\w+))?/.exec(field)
  if (funder) {
    const part =
      funder[2] === 'programme' ? t('collab.field.funder.programme') : t('collab.field.funder.name')
    return `${t('collab.field.funderN', { n: Number(funder[1]) + 1 })}: ${part}`
  }
  const answer = /^answers\.(\w+)(?:\.(answer|explanation))?/.exec(field)
  if (answer) {
    const question = context.questions?.find((candidate) => candidate.key === answer[1])
    const text = question ? pick(locale, question.textDe, question.textEn) : answer[1]
    const short = text && text.length > 90 ? `${text.slice(0, 88)}…` : text
    return answer[2] === 'explanation'
      ? t('collab.field.explanationOf', { question: short ?? '' })
      : t('collab.field.answerTo', { question: short ?? '' })
  }
  const top = field.split('.')[0] ?? field
  const topKey = fieldKeys[top]
  return topKey ? t(topKey) : field
}

const problemKeys: Record<string, TextKey> = {
  title: 'collab.problem.title',
  summary: 'collab.problem.summary',
  description: 'collab.problem.description',
  researchAreas: 'collab.problem.researchAreas',
  trl: 'collab.problem.trl',
  unitId: 'collab.problem.unitId',
  principalInvestigators: 'collab.problem.principalInvestigators',
  partners: 'collab.problem.partners',
  nameOriginal: 'collab.problem.partnerName',
  country: 'collab.problem.partnerCountry',
  kind: 'collab.problem.partnerKind',
  activities: 'collab.problem.activities',
  'activities.mobilityDirection': 'collab.problem.mobilityDirection',
  'activities.mobilityMonths': 'collab.problem.mobilityMonths',
  'dataSamples.storage': 'collab.problem.storage',
  'dataSamples.access': 'collab.problem.access',
  'interests.startDate': 'collab.problem.startDate',
  'interests.endDate': 'collab.problem.endDate',
  'interests.reciprocity': 'collab.problem.reciprocity',
  'interests.exitOptions': 'collab.problem.exitOptions',
}

/**
 * What is missing for submission, in the UI language. The server words its problems in English;
 * the field and code say which one it is, and unknown ones keep the server's text.
 */
export function problemMessage(
  t: Translate,
  problem: { field: string; message: string; code?: string },
  sheet?: DataSheet,
): string {
  const field = normaliseField(problem.field)
  if (field === 'interests.endDate' && problem.code === 'invalid') return t('collab.problem.endBeforeStart')
  if (problem.code === 'training_missing') return t('training.case.problem')
  const answer = /^answers\.(\w+)\.(answer|explanation)$/.exec(field)
  if (answer) {
    if (answer[2] === 'answer') return t('collab.problem.answer')
    const given = answer[1] ? sheet?.answers[answer[1]]?.answer : undefined
    return t(given === 'unknown' ? 'collab.problem.explainUnknown' : 'collab.problem.explainNo')
  }
  const partner = /^partners\.\d+\.(\w+)$/.exec(field)
  const key = partner?.[1] ? problemKeys[partner[1]] : problemKeys[field]
  return key ? t(key) : problem.message
}
