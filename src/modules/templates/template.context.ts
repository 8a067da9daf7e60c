import type { NoGoRule } from '../assessment/index.js'
import type { DataKind, DataSheet, PartnerKind, ResearchArea } from '../collaborations/index.js'
import type { TemplateContext } from './template.engine.js'

/** A template language. */
export type TemplateLanguage = 'de' | 'en'

/** What the context of a contract draft is built from. */
export interface ContextSource {
  language: TemplateLanguage
  institutionName: string
  unit: { nameDe: string; nameEn: string } | null
  reference: string
  sheet: DataSheet
  /** Conditions of the decision, when the case was approved with conditions. */
  conditions: readonly string[]
  noGoRules: readonly NoGoRule[]
  researchAreas: readonly ResearchArea[]
  now: Date
}

const partnerKinds: Record<PartnerKind, [string, string]> = {
  university: ['Universität', 'university'],
  research_institute: ['Forschungsinstitut', 'research institute'],
  company: ['Unternehmen', 'company'],
  government_body: ['Behörde', 'government body'],
  other: ['sonstige Organisation', 'other organisation'],
}

const dataKinds: Record<DataKind, [string, string]> = {
  personal_data: ['personenbezogene Daten', 'personal data'],
  human_genetic_resources: ['humangenetische Ressourcen', 'human genetic resources'],
  human_subjects: ['Studien mit Menschen', 'studies with human subjects'],
  biological_samples: ['biologische Proben', 'biological samples'],
  geodata: ['Geodaten', 'geodata'],
  environmental_data: ['Umweltdaten', 'environmental data'],
  technical_data: ['technische Daten', 'technical data'],
  software_source_code: ['Software-Quellcode', 'software source code'],
  confidential_business_data: ['vertrauliche Geschäftsdaten', 'confidential business data'],
  public_data: ['öffentlich zugängliche Daten', 'publicly available data'],
}

const activityNames: Array<[keyof DataSheet['activities'], string, string]> = [
  ['jointResearch', 'gemeinsame Forschung', 'joint research'],
  ['dataSharing', 'Austausch von Daten', 'sharing of data'],
  ['sampleTransfer', 'Austausch von Proben', 'transfer of samples'],
  ['mobility', 'Aufenthalte von Forschenden', 'research stays'],
  ['visitingResearchers', 'Aufnahme von Gastforschenden', 'hosting visiting researchers'],
  ['infrastructureAccess', 'Zugang zu Forschungsinfrastruktur', 'access to research infrastructure'],
  ['jointPublications', 'gemeinsame Veröffentlichungen', 'joint publications'],
  ['ipLicensing', 'Nutzung und Lizenzierung von Schutzrechten', 'use and licensing of intellectual property'],
  ['equipmentDelivery', 'Lieferung von Geräten', 'delivery of equipment'],
]

/**
 * The institution's no-go rules as contract language. The shipped rules have clauses written for
 * them; a rule an administrator adds later is phrased from its name, so no no-go is ever left out.
 */
const noGoClauses: Record<string, [string, string]> = {
  military_end_use: [
    'Die Ergebnisse der Zusammenarbeit dienen ausschließlich friedlichen, zivilen Zwecken. Eine militärische Nutzung oder Endverwendung ist ausgeschlossen.',
    'The results of the collaboration serve exclusively peaceful, civil purposes. Any military use or end use is excluded.',
  ],
  binding_sanctions_hit: [
    'Keine Partei stellt Personen oder Organisationen, die auf einer verbindlichen Sanktionsliste der Europäischen Union oder der Vereinten Nationen stehen, unmittelbar oder mittelbar Gelder, wirtschaftliche Ressourcen, Güter oder Technologie zur Verfügung. Jede Partei teilt der anderen unverzüglich mit, wenn sie selbst oder eine beteiligte Stelle gelistet wird.',
    'No party makes funds, economic resources, goods or technology available, directly or indirectly, to any person or organisation listed on a binding sanctions list of the European Union or the United Nations. Each party informs the other without delay if it or an involved body becomes listed.',
  ],
  security_end_user: [
    'Ergebnisse, Daten und Proben werden ohne vorherige schriftliche Zustimmung von {institution} nicht an militärische Stellen, Sicherheitsbehörden oder für diese tätige Dritte weitergegeben.',
    'Results, data and samples are not passed on to military bodies, security authorities or third parties acting for them without the prior written consent of {institution}.',
  ],
  critical_area_company_application: [
    'Eine anwendungsnahe Nutzung (ab Technologiereifegrad 7) von Ergebnissen aus den Bereichen Halbleiter, Quantentechnologie oder künstliche Intelligenz durch ein Unternehmen bedarf der vorherigen schriftlichen Zustimmung der Leitung von {institution}.',
    'Use close to application (technology readiness level 7 or higher) of results in semiconductors, quantum technology or artificial intelligence by a company requires the prior written consent of the management of {institution}.',
  ],
  nuclear_listed_item: [
    'Güter, Technologie oder Software, die in Kategorie 0 (Kernmaterial, Anlagen und Ausrüstung) der Dual-Use-Verordnung der EU gelistet sind, werden nur nach vorheriger Prüfung durch die Exportkontrolle von {institution} und mit den erforderlichen Genehmigungen ausgetauscht.',
    'Goods, technology or software listed in category 0 (nuclear materials, facilities and equipment) of the EU Dual-Use Regulation are exchanged only after prior review by the export control office of {institution} and with the licences required.',
  ],
}

function noGoClause(rule: NoGoRule, language: TemplateLanguage, institution: string): string {
  const written = noGoClauses[rule.key]
  if (written) return written[language === 'de' ? 0 : 1].replaceAll('{institution}', institution)
  const name = language === 'de' && rule.nameDe ? rule.nameDe : rule.name
  if (rule.consequence === 'blocks_submission') {
    return language === 'de'
      ? `Ausgeschlossen ist nach den Regeln von ${institution}: ${name}.`
      : `Excluded under the rules of ${institution}: ${name}.`
  }
  return language === 'de'
    ? `Der vorherigen schriftlichen Zustimmung der Leitung von ${institution} bedarf: ${name}.`
    : `The following requires the prior written consent of the management of ${institution}: ${name}.`
}

function formatDate(value: string | null, language: TemplateLanguage): string {
  if (!value) return ''
  const date = new Date(`${value.slice(0, 10)}T12:00:00Z`)
  if (Number.isNaN(date.getTime())) return ''
  return date.toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  })
}

function formatEuro(value: number | null, language: TemplateLanguage): string {
  if (value === null) return ''
  return new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(value)
}

function monthsBetween(start: string | null, end: string | null): string {
  if (!start || !end) return ''
  const [startYear, startMonth, startDay] = start.split('-').map(Number)
  const [endYear, endMonth, endDay] = end.split('-').map(Number)
  if (!startYear || !startMonth || !endYear || !endMonth) return ''
  let months = (endYear - startYear) * 12 + (endMonth - startMonth)
  // A period that ends on the day before its start day counts as full months (1 March – 28 February = 12).
  if ((endDay ?? 1) >= (startDay ?? 1) - 1) months += 1
  return months > 0 ? String(months) : ''
}

function mobilityDescription(activities: DataSheet['activities'], language: TemplateLanguage): string {
  if (!activities.mobility) return ''
  const directions = {
    outgoing: ['von der Einrichtung zum Partner', 'from the institution to the partner'],
    incoming: ['vom Partner zur Einrichtung', 'from the partner to the institution'],
    both: ['in beide Richtungen', 'in both directions'],
  } as const
  const index = language === 'de' ? 0 : 1
  const parts: string[] = []
  if (activities.mobilityDirection) parts.push(directions[activities.mobilityDirection][index])
  if (activities.mobilityMonths)
    parts.push(`${activities.mobilityMonths} ${language === 'de' ? 'Monate' : 'months'}`)
  return parts.join(', ')
}

/**
 * The values a contract template is filled from, taken from the case's data sheet and the
 * institution's settings. Nothing is invented: what the sheet does not hold stays empty and is
 * shown as "[to be completed: …]" in the draft.
 */
export function buildTemplateContext(source: ContextSource): TemplateContext {
  const { sheet, language } = source
  const index = language === 'de' ? 0 : 1
  const countryNames = new Intl.DisplayNames([language], { type: 'region' })
  const areaLabels = sheet.researchAreas.map((code) => {
    const area = source.researchAreas.find((candidate) => candidate.code === code)
    return area ? `${language === 'de' ? area.labelDe : area.labelEn} (${code})` : code
  })
  const kinds = sheet.dataSamples.kinds
  return {
    institution: {
      name: source.institutionName,
      unit: source.unit ? (language === 'de' ? source.unit.nameDe : source.unit.nameEn) : '',
      address: '',
      country: countryNames.of('DE') ?? 'Germany',
      signatory: '',
    },
    principalInvestigators: sheet.principalInvestigators.map((person) => ({ name: person.name })),
    partners: sheet.partners.map((partner) => ({
      name: partner.nameEnglish || partner.nameOriginal,
      nameOriginal: partner.nameOriginal,
      department: partner.department,
      kind: partner.kind ? partnerKinds[partner.kind][index] : '',
      country: partner.country ? (countryNames.of(partner.country) ?? partner.country) : '',
      countryCode: partner.country ?? '',
      address: '',
      contactName: partner.contactName,
      contactRole: partner.contactRole,
    })),
    project: {
      title: sheet.title,
      acronym: sheet.acronym,
      reference: source.reference,
      purpose: sheet.summary,
      benefits: sheet.interests.expectedBenefits,
      researchAreas: areaLabels.join(', '),
      keywords: sheet.keywords.join(', '),
    },
    activities: {
      list: activityNames
        .filter(([key]) => sheet.activities[key] === true)
        .map((names) => names[index + 1] ?? ''),
      jointResearch: sheet.activities.jointResearch,
      dataSharing: sheet.activities.dataSharing,
      sampleTransfer: sheet.activities.sampleTransfer,
      mobility: sheet.activities.mobility,
      mobilityDescription: mobilityDescription(sheet.activities, language),
      visitingResearchers: sheet.activities.visitingResearchers,
      infrastructureAccess: sheet.activities.infrastructureAccess,
      jointPublications: sheet.activities.jointPublications,
      ipLicensing: sheet.activities.ipLicensing,
      equipmentDelivery: sheet.activities.equipmentDelivery,
      notes: sheet.activities.notes,
    },
    data: {
      any: kinds.length > 0 || sheet.activities.dataSharing || sheet.activities.sampleTransfer,
      kinds: kinds.map((kind) => dataKinds[kind][index]),
      personalData: kinds.includes('personal_data') || kinds.includes('human_subjects'),
      humanGeneticResources: kinds.includes('human_genetic_resources'),
      samples: kinds.includes('biological_samples') || sheet.activities.sampleTransfer,
      storage: sheet.dataSamples.storage,
      processing: sheet.dataSamples.processing,
      access: sheet.dataSamples.access,
    },
    agreement: {
      reciprocity: sheet.interests.reciprocity,
      exitOptions: sheet.interests.exitOptions,
      conditions: [...source.conditions],
      noGos: source.noGoRules
        .filter((rule) => rule.consequence !== 'warning' || noGoClauses[rule.key] !== undefined)
        .map((rule) => ({
          title: language === 'de' && rule.nameDe ? rule.nameDe : rule.name,
          clause: noGoClause(rule, language, source.institutionName),
        })),
      governingLaw: language === 'de' ? 'deutsches Recht' : 'the law of the Federal Republic of Germany',
      placeOfJurisdiction: '',
      startDate: formatDate(sheet.interests.startDate, language),
      endDate: formatDate(sheet.interests.endDate, language),
      durationMonths: monthsBetween(sheet.interests.startDate, sheet.interests.endDate),
      date: formatDate(source.now.toISOString().slice(0, 10), language),
    },
    funding: {
      funders: sheet.funding.funders.map((funder) => ({ name: funder.name, programme: funder.programme })),
      totalBudget: formatEuro(sheet.funding.totalBudgetEur, language),
      ownShare: formatEuro(sheet.funding.ownShareEur, language),
    },
  }
}
