import { z } from 'zod'
import { cleanText, requiredText } from '../../shared/text.js'

/** What a hit on a list means; the UI and the API say it in words (`listKindMeanings`). */
export const ListKindSchema = z.enum([
  'binding_sanctions',
  'export_control',
  'research_security',
  'third_party_assessment',
  'countersanctions',
  'own',
])
export type ListKind = z.infer<typeof ListKindSchema>

/** The meaning of a hit on a list of each kind, in German and English. */
export const listKindMeanings: Record<ListKind, { de: string; en: string }> = {
  binding_sanctions: {
    en: 'Binding sanctions (EU, UN): a hit blocks the case until a decision-maker clears it.',
    de: 'Verbindliche Sanktionen (EU, UN): Ein Treffer sperrt den Fall, bis eine entscheidende Person ihn freigibt.',
  },
  export_control: {
    en: 'Export-control list (e.g. US Entity List): relevant for US-origin items, software and technology.',
    de: 'Exportkontrollliste (z. B. US Entity List): relevant für Güter, Software und Technologie US-amerikanischen Ursprungs.',
  },
  research_security: {
    en: 'Research-security designation (e.g. Section 1286, Canada NRO): a funder or government names the body as a risk for research.',
    de: 'Forschungssicherheits-Einstufung (z. B. Section 1286, Kanadas NRO-Liste): Ein Geldgeber oder Staat nennt die Einrichtung als Risiko für die Forschung.',
  },
  third_party_assessment: {
    en: 'Assessment by a third party (e.g. the ASPI defence-universities tracker): information, not a legal designation.',
    de: 'Einschätzung Dritter (z. B. ASPI-Tracker der Verteidigungsuniversitäten): Information, keine rechtliche Listung.',
  },
  countersanctions: {
    en: "China's countersanctions: the partner or person is sanctioned by the People's Republic of China.",
    de: 'Gegensanktionen Chinas: Die Einrichtung oder Person wird von der Volksrepublik China sanktioniert.',
  },
  own: {
    en: "The institution's own list: bodies the institution has decided to look at closely.",
    de: 'Eigene Liste der Einrichtung: Stellen, die die Einrichtung genauer prüfen will.',
  },
}

/** The file formats `liaison lists import` and the import API read. */
export const ListFormatSchema = z.enum([
  'csl',
  'ofac-sdn',
  'un-xml',
  'ftm',
  'eu-annex-csv',
  'us-1260h',
  'us-1286',
  'ca-nro',
  'misp-galaxy',
  'cn-countersanctions',
])
export type ListFormat = z.infer<typeof ListFormatSchema>

/** The type of a listed party. */
export const EntityTypeSchema = z.enum(['organisation', 'person', 'other'])
export type EntityType = z.infer<typeof EntityTypeSchema>

/** One entry of a list as an importer reads it. */
export const ParsedEntrySchema = z.object({
  /** Stable id of the entry within its list (the source's id, or derived from the name). */
  entityKey: z.string().min(1),
  entityType: EntityTypeSchema,
  name: z.string().min(1),
  aliases: z.array(z.string()),
  formerNames: z.array(z.string()),
  /** ISO 3166-1 alpha-2 codes of the organisation's countries, where known. */
  countries: z.array(z.string()),
  /** Further facts as printed (programme, listing date, remarks …). */
  details: z.record(z.string(), z.string()),
})
export type ParsedEntry = z.infer<typeof ParsedEntrySchema>

/** A list the institution screens against. */
export const ScreeningListSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    kind: ListKindSchema,
    kindMeaning: z.object({ de: z.string(), en: z.string() }),
    format: z.string(),
    expectedUpdateDays: z.number().int(),
    currentVersion: z.number().int().nullable(),
    importedAt: z.string().nullable(),
    entryCount: z.number().int(),
    isStale: z.boolean(),
    staleSince: z.string().nullable(),
  })
  .meta({ id: 'ScreeningList' })
export type ScreeningList = z.infer<typeof ScreeningListSchema>

/** One imported version of a list with its difference to the previous one. */
export const ListVersionSchema = z
  .object({
    id: z.string(),
    listId: z.string(),
    version: z.number().int(),
    importedAt: z.string(),
    importedBy: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    entryCount: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ListVersion' })
export type ListVersion = z.infer<typeof ListVersionSchema>

/** One entry added, removed or changed by a list version. */
export const ListChangeSchema = z
  .object({
    change: z.enum(['added', 'removed', 'changed']),
    entityKey: z.string(),
    name: z.string(),
  })
  .meta({ id: 'ListChange' })
export type ListChange = z.infer<typeof ListChangeSchema>

/** One listed entry. */
export const ListEntrySchema = z
  .object({
    id: z.string(),
    entityKey: z.string(),
    entryHash: z.string(),
    entityType: EntityTypeSchema,
    name: z.string(),
    aliases: z.array(z.string()),
    formerNames: z.array(z.string()),
    countries: z.array(z.string()),
    details: z.record(z.string(), z.string()),
  })
  .meta({ id: 'ListEntry' })
export type ListEntry = z.infer<typeof ListEntrySchema>

/** Query of list entries. */
export const EntryQuerySchema = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

/** An import through the API: the file's text and its format. */
export const ImportListSchema = z.object({
  format: ListFormatSchema,
  fileName: requiredText(200),
  /** The file content; the OFAC set is given as `{ sdn, alt, add }` texts joined by the API client. */
  content: z
    .string()
    .min(1)
    .max(50 * 1024 * 1024),
  alt: z.string().optional(),
  add: z.string().optional(),
})
export type ImportList = z.infer<typeof ImportListSchema>

/** A new or changed entry of the institution's own list. */
export const OwnEntryInputSchema = z.object({
  name: requiredText(300),
  entityType: EntityTypeSchema.default('organisation'),
  aliases: z.array(requiredText(300)).max(50).default([]),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .max(10)
    .default([]),
  reason: cleanText(2000).default(''),
})
export type OwnEntryInput = z.input<typeof OwnEntryInputSchema>

/** One hit of a screening. */
export const ScreeningHitSchema = z
  .object({
    id: z.string(),
    listKey: z.string(),
    listName: z.string(),
    listKind: ListKindSchema,
    listVersion: z.number().int(),
    entityKey: z.string(),
    entryHash: z.string(),
    name: z.string(),
    matchedName: z.string(),
    score: z.number(),
    verdict: z.enum(['match', 'review']),
    explanation: z.string(),
    /** The remembered disposition for this partner and this entry version, if any. */
    disposition: z
      .object({
        decision: z.enum(['confirmed', 'false_positive']),
        reason: z.string(),
        decidedBy: z.string(),
        decidedAt: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ScreeningHit' })
export type ScreeningHit = z.infer<typeof ScreeningHitSchema>

/** The screening state of one partner of a collaboration. */
export const PartnerScreeningSchema = z
  .object({
    partnerRef: z.string(),
    partnerId: z.string().nullable(),
    name: z.string(),
    country: z.string().nullable(),
    /** "not_screened" is never shown as "no hits". */
    status: z.enum(['not_screened', 'no_hits', 'hits', 'open_hits']),
    screenedAt: z.string().nullable(),
    hits: z.array(ScreeningHitSchema),
  })
  .meta({ id: 'PartnerScreening' })
export type PartnerScreening = z.infer<typeof PartnerScreeningSchema>

/** The screening results of a case, with the lists' staleness. */
export const CollaborationScreeningSchema = z
  .object({
    collaborationId: z.string(),
    partners: z.array(PartnerScreeningSchema),
    staleLists: z.array(z.string()),
    listsScreened: z.number().int(),
  })
  .meta({ id: 'CollaborationScreening' })
export type CollaborationScreening = z.infer<typeof CollaborationScreeningSchema>

/** A reviewer's decision on a hit. */
export const DispositionInputSchema = z.object({
  partnerId: z.uuid(),
  listKey: z.string().min(1),
  entityKey: z.string().min(1),
  entryHash: z.string().min(1),
  decision: z.enum(['confirmed', 'false_positive']),
  reason: requiredText(2000),
})
export type DispositionInput = z.infer<typeof DispositionInputSchema>

/** A recorded disposition. */
export const DispositionSchema = DispositionInputSchema.extend({
  id: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
}).meta({ id: 'Disposition' })
export type Disposition = z.infer<typeof DispositionSchema>

/** An ad-hoc screening of a name. */
export const AdHocScreeningSchema = z.object({
  name: requiredText(300),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default(null),
  isPerson: z.boolean().default(false),
})
export type AdHocScreening = z.input<typeof AdHocScreeningSchema>

/** One match of a name against the lists (ad hoc, CLI). */
export const NameMatchSchema = z
  .object({
    entityId: z.string(),
    list: z.string(),
    listKind: ListKindSchema,
    name: z.string(),
    matchedName: z.string(),
    score: z.number(),
    verdict: z.enum(['match', 'review']),
    explanation: z.string(),
  })
  .meta({ id: 'NameMatch' })
export type NameMatch = z.infer<typeof NameMatchSchema>

/** The answer to an ad-hoc screening. */
export const AdHocResultSchema = z
  .object({
    query: z.string(),
    matches: z.array(NameMatchSchema),
    staleLists: z.array(z.string()),
    listsScreened: z.number().int(),
  })
  .meta({ id: 'AdHocResult' })
export type AdHocResult = z.infer<typeof AdHocResultSchema>

/** A record of the partner register. */
export const RegisterPartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameOriginal: z.string(),
    country: z.string().nullable(),
    aliases: z.array(z.string()),
    mergedInto: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'RegisterPartner' })
export type RegisterPartner = z.infer<typeof RegisterPartnerSchema>

/** A partner's page: collaborations, screening history, dispositions, notes. */
export const PartnerPageSchema = z
  .object({
    partner: RegisterPartnerSchema,
    collaborations: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        title: z.string(),
        status: z.string(),
        unitId: z.string().nullable(),
      }),
    ),
    screenings: z.array(
      z.object({ id: z.string(), at: z.string(), trigger: z.string(), hitCount: z.number().int() }),
    ),
    dispositions: z.array(DispositionSchema),
    notes: z.array(z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: z.string() })),
  })
  .meta({ id: 'PartnerPage' })
export type PartnerPage = z.infer<typeof PartnerPageSchema>

/** A reviewer's note on a partner. */
export const PartnerNoteInputSchema = z.object({ body: requiredText(5000) })

/** Merging: the other record joins this one; both histories stay. */
export const MergePartnersSchema = z.object({ otherId: z.uuid() })

/** The institution's thresholds. */
export const ThresholdsSchema = z
  .object({ match: z.number().min(0.5).max(1), review: z.number().min(0.3).max(1) })
  .refine((value) => value.review <= value.match, 'The review threshold must not exceed the match threshold')
  .meta({ id: 'ScreeningThresholds' })
