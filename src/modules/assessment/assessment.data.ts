import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { ReferenceSet } from './assessment.index.js'
import {
  type AnnexDocument,
  type AnnexEntry,
  ChecklistInputSchema,
  NoGoRuleSchema,
  SensitiveAreaSchema,
  VocabularySchema,
  WeightsSchema,
} from './assessment.schema.js'

/** The folder of reference data the product ships. */
export const dataFolder = fileURLToPath(new URL('../../../data/', import.meta.url))

/** The shipped Annex I file. */
export const shippedAnnexFile = `${dataFolder}eu-dual-use-annex-i/annex.json`

const AnnexFileSchema = z.object({
  corpus_version: z.string(),
  entries: z
    .array(
      z.object({
        entry_code: z.string().regex(/^\d[A-E]\d{3}$/),
        category: z.string().regex(/^\d$/),
        verbatim_text: z.string().min(1),
        applicable_notes: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  docs: z.array(z.object({ doc_type: z.string(), title: z.string(), verbatim_text: z.string() })).default([]),
})

/** The content of an Annex I file as the tables store it. */
export interface AnnexContent {
  label: string
  entries: AnnexEntry[]
  documents: AnnexDocument[]
}

/**
 * Reads an Annex I file in the format of `data/eu-dual-use-annex-i/annex.json`.
 * @throws ZodError when the file does not have that shape
 */
export function parseAnnex(json: string): AnnexContent {
  const file = AnnexFileSchema.parse(JSON.parse(json))
  const entries = file.entries
    .map((entry) => ({
      code: entry.entry_code,
      category: entry.category,
      heading: (entry.verbatim_text.split('\n')[0] ?? '').replace(/^\S+\s/, ''),
      text: entry.verbatim_text,
      notes: entry.applicable_notes ?? [],
    }))
    .sort((left, right) => left.code.localeCompare(right.code))
  const documents = file.docs.map((doc) => ({
    type: doc.doc_type,
    title: doc.title,
    text: doc.verbatim_text,
  }))
  return { label: file.corpus_version, entries, documents }
}

/** A stable hash of any JSON-able value (sorted keys), to recognise content already stored. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex')
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => left.localeCompare(right))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(`${dataFolder}assessment/${name}`, 'utf8'))
}

/** The reference data shipped in `data/`: the seed of a new installation (and the benchmark's input). */
export function shippedReferenceData() {
  return {
    annex: parseAnnex(readFileSync(shippedAnnexFile, 'utf8')),
    vocabulary: VocabularySchema.parse(readJson('vocabulary.json')),
    areas: z.object({ areas: z.array(SensitiveAreaSchema) }).parse(readJson('sensitive-areas.json')).areas,
    noGoRules: z.object({ rules: z.array(NoGoRuleSchema) }).parse(readJson('no-go-rules.json')).rules,
    weights: WeightsSchema.parse(readJson('weights.json')),
    checklists: z.object({ checklists: z.array(ChecklistInputSchema) }).parse(readJson('checklists.json'))
      .checklists,
  }
}

/** The shipped data as a reference set with version 0 everywhere (for the benchmark and unit tests). */
export function shippedReferenceSet(): ReferenceSet {
  const data = shippedReferenceData()
  return {
    annex: { version: 0, ...data.annex },
    vocabulary: { version: 0, content: data.vocabulary },
    areas: { version: 0, areas: data.areas },
    noGoRules: { version: 0, rules: data.noGoRules },
    weights: { version: 0, content: data.weights },
    checklists: data.checklists.map((content) => ({ version: 0, content })),
  }
}
