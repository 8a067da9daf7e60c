import type { DataSheet } from '../collaborations/index.js'
import type { OfficeKey } from '../organisation/index.js'
import type { RegulationTopic } from './knowledge.schema.js'

/** Why a collaboration touches a topic: the field of its data sheet and what it says. */
export interface TopicEvidence {
  topic: RegulationTopic
  field: string
  /** What the field says, in words (English; the UI translates the field name). */
  value: string
}

/**
 * The one table that maps data-sheet fields to regulation topics. Each row reads one field and,
 * when the field says so, yields the topics with the field as evidence.
 *
 * | sheet field                                        | topics                                   |
 * | -------------------------------------------------- | ---------------------------------------- |
 * | activities.dataSharing                             | data-export                              |
 * | dataSamples.kinds ∋ personal_data / human_subjects | personal-data                            |
 * | dataSamples.kinds ∋ human_genetic_resources        | human-genetic-resources, samples         |
 * | dataSamples.kinds ∋ biological_samples             | samples                                  |
 * | activities.sampleTransfer                          | samples                                  |
 * | dataSamples.kinds ∋ technical_data / software_source_code, with data sharing | export-control |
 * | activities.equipmentDelivery                       | export-control                           |
 * | partners (any organisation)                        | sanctions                                |
 * | activities.infrastructureAccess                    | security                                 |
 * | activities.ipLicensing                             | ip                                       |
 * | activities.mobility / activities.visitingResearchers | mobility                               |
 * | activities.jointPublications                       | publication                              |
 * | funding.funders                                    | funding                                  |
 */
export const sheetTopicRules: readonly {
  field: string
  topics: readonly RegulationTopic[]
  read: (sheet: DataSheet) => string | null
}[] = [
  {
    field: 'activities.dataSharing',
    topics: ['data-export'],
    read: (s) => (s.activities.dataSharing ? 'yes' : null),
  },
  {
    field: 'dataSamples.kinds',
    topics: ['personal-data'],
    read: (s) =>
      listed(s.dataSamples.kinds.filter((kind) => kind === 'personal_data' || kind === 'human_subjects')),
  },
  {
    field: 'dataSamples.kinds',
    topics: ['human-genetic-resources', 'samples'],
    read: (s) => listed(s.dataSamples.kinds.filter((kind) => kind === 'human_genetic_resources')),
  },
  {
    field: 'dataSamples.kinds',
    topics: ['samples'],
    read: (s) => listed(s.dataSamples.kinds.filter((kind) => kind === 'biological_samples')),
  },
  {
    field: 'activities.sampleTransfer',
    topics: ['samples'],
    read: (s) => (s.activities.sampleTransfer ? 'yes' : null),
  },
  {
    field: 'dataSamples.kinds',
    topics: ['export-control'],
    read: (s) =>
      s.activities.dataSharing
        ? listed(
            s.dataSamples.kinds.filter(
              (kind) => kind === 'technical_data' || kind === 'software_source_code',
            ),
          )
        : null,
  },
  {
    field: 'activities.equipmentDelivery',
    topics: ['export-control'],
    read: (s) => (s.activities.equipmentDelivery ? 'yes' : null),
  },
  {
    field: 'partners',
    topics: ['sanctions'],
    read: (s) =>
      listed(s.partners.map((partner) => partner.nameEnglish || partner.nameOriginal).filter(Boolean)),
  },
  {
    field: 'activities.infrastructureAccess',
    topics: ['security'],
    read: (s) => (s.activities.infrastructureAccess ? 'yes' : null),
  },
  { field: 'activities.ipLicensing', topics: ['ip'], read: (s) => (s.activities.ipLicensing ? 'yes' : null) },
  {
    field: 'activities.mobility',
    topics: ['mobility'],
    read: (s) => (s.activities.mobility ? (s.activities.mobilityDirection ?? 'yes') : null),
  },
  {
    field: 'activities.visitingResearchers',
    topics: ['mobility'],
    read: (s) => (s.activities.visitingResearchers ? 'yes' : null),
  },
  {
    field: 'activities.jointPublications',
    topics: ['publication'],
    read: (s) => (s.activities.jointPublications ? 'yes' : null),
  },
  {
    field: 'funding.funders',
    topics: ['funding'],
    read: (s) => listed(s.funding.funders.map((funder) => funder.name)),
  },
]

function listed(values: readonly string[]): string | null {
  return values.length > 0 ? values.join(', ') : null
}

/** The offices responsible for each topic; they hear of a regulation change that touches their cases. */
export const topicOffices: Record<RegulationTopic, readonly OfficeKey[]> = {
  'data-export': ['data_protection', 'research_security'],
  'personal-data': ['data_protection'],
  'human-genetic-resources': ['ethics', 'legal'],
  samples: ['ethics'],
  'export-control': ['export_control'],
  sanctions: ['export_control', 'legal'],
  security: ['research_security'],
  ip: ['technology_transfer', 'legal'],
  mobility: ['hr', 'international_office'],
  publication: ['research_security'],
  funding: ['funding_office'],
}

/** Jurisdictions whose rules apply to every collaboration of a German institution. */
const homeJurisdictions = new Set(['DE', 'EU'])

/**
 * The evidence that a data sheet touches any of the regulation's topics; empty when it does not.
 * A foreign jurisdiction (e.g. CN) applies only when a partner organisation is located there.
 */
export function matchRegulation(
  sheet: DataSheet,
  regulation: { topics: readonly RegulationTopic[]; jurisdiction: string | null },
): TopicEvidence[] {
  const jurisdiction = regulation.jurisdiction
  if (
    jurisdiction !== null &&
    !homeJurisdictions.has(jurisdiction) &&
    !sheet.partners.some((partner) => partner.country === jurisdiction)
  )
    return []
  const wanted = new Set(regulation.topics)
  const evidence: TopicEvidence[] = []
  for (const rule of sheetTopicRules) {
    const value = rule.read(sheet)
    if (value === null) continue
    for (const topic of rule.topics) {
      if (wanted.has(topic)) evidence.push({ topic, field: rule.field, value })
    }
  }
  return evidence
}
