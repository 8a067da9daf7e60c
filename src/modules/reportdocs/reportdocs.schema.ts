import { z } from 'zod'
import { cleanText } from '../../shared/text.js'
import { CollaborationStatusSchema } from '../collaborations/collaboration.schema.js'

/** The language of a generated document. */
export const DocumentLanguageSchema = z.enum(['de', 'en'])
export type DocumentLanguage = z.infer<typeof DocumentLanguageSchema>

/** How a register field is written into a spreadsheet cell. */
export type RegisterFieldType = 'text' | 'number' | 'date'

/** One field the register export offers: its key, labels, cell type and a column width (characters). */
export interface RegisterFieldDefinition {
  key: string
  labelDe: string
  labelEn: string
  descriptionDe: string
  descriptionEn: string
  type: RegisterFieldType
  width: number
}

/**
 * The documented field catalogue of the register export, in its default order. Lists in one cell
 * (partners, countries …) are separated by "; ". Dates are calendar days (Europe/Berlin).
 */
export const registerFields = [
  {
    key: 'reference',
    labelDe: 'Aktenzeichen',
    labelEn: 'Reference',
    descriptionDe: 'Aktenzeichen des Vorgangs',
    descriptionEn: 'The case reference',
    type: 'text',
    width: 16,
  },
  {
    key: 'title',
    labelDe: 'Titel',
    labelEn: 'Title',
    descriptionDe: 'Titel des Vorhabens',
    descriptionEn: 'Project title',
    type: 'text',
    width: 48,
  },
  {
    key: 'acronym',
    labelDe: 'Akronym',
    labelEn: 'Acronym',
    descriptionDe: 'Kurzname',
    descriptionEn: 'Short name',
    type: 'text',
    width: 14,
  },
  {
    key: 'status',
    labelDe: 'Status',
    labelEn: 'Status',
    descriptionDe: 'Stand im Verfahren',
    descriptionEn: 'Where the case stands',
    type: 'text',
    width: 22,
  },
  {
    key: 'unit',
    labelDe: 'Organisationseinheit',
    labelEn: 'Unit',
    descriptionDe: 'Institut oder Abteilung',
    descriptionEn: 'Institute or department',
    type: 'text',
    width: 30,
  },
  {
    key: 'principalInvestigators',
    labelDe: 'Projektleitung',
    labelEn: 'Principal investigators',
    descriptionDe: 'Namen der Projektleitung',
    descriptionEn: 'Names of the principal investigators',
    type: 'text',
    width: 28,
  },
  {
    key: 'partners',
    labelDe: 'Partner',
    labelEn: 'Partners',
    descriptionDe: 'Partnereinrichtungen (englischer Name, sonst Originalname)',
    descriptionEn: 'Partner organisations (English name, else the original)',
    type: 'text',
    width: 40,
  },
  {
    key: 'countries',
    labelDe: 'Länder',
    labelEn: 'Countries',
    descriptionDe: 'Länder der Partner (ISO-Code)',
    descriptionEn: 'Partner countries (ISO code)',
    type: 'text',
    width: 12,
  },
  {
    key: 'researchAreas',
    labelDe: 'Fachgebiete',
    labelEn: 'Research areas',
    descriptionDe: 'DFG-Fachsystematik',
    descriptionEn: 'DFG subject classification',
    type: 'text',
    width: 16,
  },
  {
    key: 'trl',
    labelDe: 'TRL',
    labelEn: 'TRL',
    descriptionDe: 'Technologiereifegrad 1–9',
    descriptionEn: 'Technology readiness level 1–9',
    type: 'number',
    width: 6,
  },
  {
    key: 'riskLevel',
    labelDe: 'Risikostufe',
    labelEn: 'Risk level',
    descriptionDe: 'Ergebnis der jüngsten Vorprüfung',
    descriptionEn: 'Result of the latest pre-assessment',
    type: 'text',
    width: 14,
  },
  {
    key: 'funders',
    labelDe: 'Fördergeber',
    labelEn: 'Funders',
    descriptionDe: 'Fördergeber und Programm',
    descriptionEn: 'Funders and programme',
    type: 'text',
    width: 30,
  },
  {
    key: 'totalBudgetEur',
    labelDe: 'Gesamtbudget (EUR)',
    labelEn: 'Total budget (EUR)',
    descriptionDe: 'Gesamtbudget in Euro',
    descriptionEn: 'Total budget in euros',
    type: 'number',
    width: 14,
  },
  {
    key: 'startDate',
    labelDe: 'Beginn',
    labelEn: 'Start',
    descriptionDe: 'Geplanter Beginn',
    descriptionEn: 'Planned start',
    type: 'date',
    width: 12,
  },
  {
    key: 'endDate',
    labelDe: 'Ende',
    labelEn: 'End',
    descriptionDe: 'Geplantes Ende',
    descriptionEn: 'Planned end',
    type: 'date',
    width: 12,
  },
  {
    key: 'submittedAt',
    labelDe: 'Eingereicht am',
    labelEn: 'Submitted',
    descriptionDe: 'Datum der (letzten) Einreichung',
    descriptionEn: 'Date of the (latest) submission',
    type: 'date',
    width: 12,
  },
  {
    key: 'decidedAt',
    labelDe: 'Entschieden am',
    labelEn: 'Decided',
    descriptionDe: 'Datum der Entscheidung',
    descriptionEn: 'Date of the decision',
    type: 'date',
    width: 12,
  },
  {
    key: 'decision',
    labelDe: 'Entscheidung',
    labelEn: 'Decision',
    descriptionDe: 'Ergebnis der Entscheidung',
    descriptionEn: 'Outcome of the decision',
    type: 'text',
    width: 22,
  },
  {
    key: 'decidedBy',
    labelDe: 'Entschieden von',
    labelEn: 'Decided by',
    descriptionDe: 'Wer entschieden hat',
    descriptionEn: 'Who decided',
    type: 'text',
    width: 20,
  },
  {
    key: 'conditions',
    labelDe: 'Auflagen',
    labelEn: 'Conditions',
    descriptionDe: 'Auflagen der Entscheidung',
    descriptionEn: 'Conditions of the decision',
    type: 'text',
    width: 40,
  },
  {
    key: 'openObligations',
    labelDe: 'Offene Auflagen',
    labelEn: 'Open obligations',
    descriptionDe: 'Anzahl noch nicht erfüllter Auflagen',
    descriptionEn: 'Number of obligations not yet fulfilled',
    type: 'number',
    width: 10,
  },
  {
    key: 'nextReview',
    labelDe: 'Nächste Überprüfung',
    labelEn: 'Next review',
    descriptionDe: 'Früheste Frist einer offenen Auflage',
    descriptionEn: 'Earliest due date of an open obligation',
    type: 'date',
    width: 12,
  },
  {
    key: 'updatedAt',
    labelDe: 'Zuletzt geändert',
    labelEn: 'Last changed',
    descriptionDe: 'Datum der letzten Änderung',
    descriptionEn: 'Date of the last change',
    type: 'date',
    width: 12,
  },
] as const satisfies readonly RegisterFieldDefinition[]

/** The key of a register field. */
export type RegisterField = (typeof registerFields)[number]['key']

/** Every field key, in catalogue order. */
export const registerFieldKeys = registerFields.map((field) => field.key) as RegisterField[]

/** The fields exported when none are picked. */
export const defaultRegisterFields: RegisterField[] = [
  'reference',
  'title',
  'status',
  'unit',
  'partners',
  'countries',
  'riskLevel',
  'submittedAt',
  'decidedAt',
  'decision',
]

/** The catalogue as the API documents it. */
export const RegisterFieldInfoSchema = z
  .object({
    key: z.string(),
    labelDe: z.string(),
    labelEn: z.string(),
    descriptionDe: z.string(),
    descriptionEn: z.string(),
    type: z.enum(['text', 'number', 'date']),
  })
  .meta({ id: 'RegisterFieldInfo' })

/** The register export's query: picked fields (comma-separated, in order), format and filters. */
export const RegisterExportQuerySchema = z.object({
  fields: z
    .string()
    .max(2000)
    .optional()
    .describe('Comma-separated field keys in the wanted column order; see /register/fields'),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  /** `semicolon` for German Excel (which expects ";" and a decimal comma). */
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  lang: DocumentLanguageSchema.optional(),
  status: CollaborationStatusSchema.optional(),
  unitId: z.uuid().optional(),
  q: cleanText(200).optional(),
})
export type RegisterExportQuery = z.infer<typeof RegisterExportQuerySchema>

/** The language parameter of a generated document. */
export const DocumentQuerySchema = z.object({ lang: DocumentLanguageSchema.optional() })

/** The funder notice as plain text (for an e-mail), with suggested recipients and subject. */
export const FunderNoticeTextSchema = z
  .object({
    language: DocumentLanguageSchema,
    recipients: z.string(),
    subject: z.string(),
    text: z.string(),
  })
  .meta({ id: 'FunderNoticeText' })
export type FunderNoticeText = z.infer<typeof FunderNoticeTextSchema>
