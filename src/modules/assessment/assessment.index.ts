import { PhraseMatcher } from './assessment.matcher.js'
import { findThresholds, type Threshold } from './assessment.quantity.js'
import { parseCondition } from './assessment.rules.js'
import type {
  AnnexDocument,
  AnnexEntry,
  ChecklistContent,
  NoGoRule,
  SensitiveArea,
  Vocabulary,
  VocabularyConcept,
  Weights,
} from './assessment.schema.js'
import { isContentStem, tokenize } from './assessment.text.js'

/** The reference data one assessment runs on, each piece with the version it has in the database. */
export interface ReferenceSet {
  annex: { version: number; label: string; entries: AnnexEntry[]; documents: AnnexDocument[] }
  vocabulary: { version: number; content: Vocabulary }
  areas: { version: number; areas: SensitiveArea[] }
  noGoRules: { version: number; rules: NoGoRule[] }
  weights: { version: number; content: Weights }
  checklists: { version: number; content: ChecklistContent }[]
}

/** One line of an entry: its sub-paragraph code and text, with the stems for evidence scoring. */
export interface EntryLine {
  code: string
  text: string
  /** Offset of the line within the entry text. */
  offset: number
  stems: Set<string>
}

/** An entry prepared for ranking. */
export interface IndexedEntry {
  entry: AnnexEntry
  lines: EntryLine[]
  thresholds: Threshold[]
  /** Weighted term frequencies (unigram stems and bigrams). */
  terms: Map<string, number>
  length: number
}

/** A resolved exclusion: the Annex note quoted, and the words that show it applies. */
export interface CompiledExclusion {
  entry: string
  note: string
}

/** A term of a sensitive area. */
export interface AreaTerm {
  area: string
}

/** The compiled form of a reference set: built once per set of versions and reused. */
export interface AssessmentIndex {
  refs: ReferenceSet
  entries: IndexedEntry[]
  byCode: Map<string, IndexedEntry>
  documentFrequency: Map<string, number>
  /** Term -> the entries containing it. */
  postings: Map<string, IndexedEntry[]>
  averageLength: number
  concepts: PhraseMatcher<VocabularyConcept>
  conceptStems: Map<string, string[]>
  exclusions: PhraseMatcher<CompiledExclusion>
  areas: PhraseMatcher<AreaTerm>
  generalTechnologyNote: string
  rules: { rule: NoGoRule; condition: ReturnType<typeof parseCondition> }[]
}

/** Unigram and bigram terms of a token list: content stems, and pairs of adjacent content stems. */
export function termsOf(text: string): string[] {
  const tokens = tokenize(text)
  const terms: string[] = []
  let previous: string | null = null
  for (const token of tokens) {
    if (!isContentStem(token.en)) {
      previous = null
      continue
    }
    terms.push(token.en)
    if (previous !== null) terms.push(`${previous} ${token.en}`)
    previous = token.en
  }
  return terms
}

function indexEntry(entry: AnnexEntry, weights: Weights): IndexedEntry {
  const lines: EntryLine[] = []
  let offset = 0
  for (const raw of entry.text.split('\n')) {
    const space = raw.indexOf(' ')
    const code = space > 0 ? raw.slice(0, space) : entry.code
    const text = space > 0 ? raw.slice(space + 1) : raw
    const lineStems = new Set(termsOf(text))
    lines.push({ code, text, offset: offset + (space > 0 ? space + 1 : 0), stems: lineStems })
    offset += raw.length + 1
  }
  const terms = new Map<string, number>()
  let length = 0
  lines.forEach((line, index) => {
    const weight = index === 0 ? weights.ranking.headingWeight : 1
    for (const term of termsOf(line.text)) {
      const factor = term.includes(' ') ? weights.ranking.bigramWeight : 1
      terms.set(term, (terms.get(term) ?? 0) + weight * factor)
      length += weight
    }
  })
  const thresholds = lines.flatMap((line) => findThresholds(line.code, line.text))
  return { entry, lines, thresholds, terms, length }
}

function noteText(refs: ReferenceSet, entry: string, locator: string, document?: string): string | null {
  if (document) {
    const found = refs.annex.documents.find((doc) => doc.title.includes(document))
    const text = found?.text ?? ''
    const at = text.indexOf(locator)
    if (at < 0) return null
    return text.slice(at, Math.min(text.length, at + 700))
  }
  const indexed = refs.annex.entries.find((candidate) => candidate.code === entry)
  const line = indexed?.text.split('\n').find((candidate) => candidate.includes(locator))
  return line ? line.replace(/^\S+\s/, '') : null
}

/**
 * Compiles a reference set: ranks entries with BM25 over stems and bigrams, matches vocabulary,
 * exclusions and area terms, parses the no-go rules. Pure and deterministic.
 */
export function buildIndex(refs: ReferenceSet): AssessmentIndex {
  const weights = refs.weights.content
  const entries = refs.annex.entries.map((entry) => indexEntry(entry, weights))
  const documentFrequency = new Map<string, number>()
  const postings = new Map<string, IndexedEntry[]>()
  let totalLength = 0
  for (const indexed of entries) {
    totalLength += indexed.length
    for (const term of indexed.terms.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
      const list = postings.get(term) ?? []
      list.push(indexed)
      postings.set(term, list)
    }
  }
  const vocabulary = refs.vocabulary.content
  const concepts = new PhraseMatcher(
    vocabulary.concepts.flatMap((concept) => [
      ...concept.en.map((text) => ({ text, language: 'en' as const, payload: concept })),
      ...concept.de.map((text) => ({ text, language: 'de' as const, payload: concept })),
    ]),
  )
  const conceptStems = new Map(vocabulary.concepts.map((concept) => [concept.key, termsOf(concept.expand)]))
  const exclusions = new PhraseMatcher(
    vocabulary.exclusions.flatMap((exclusion) => {
      const note = noteText(refs, exclusion.entry, exclusion.locator, exclusion.document)
      if (note === null) return []
      const payload = { entry: exclusion.entry, note }
      return [
        ...exclusion.en.map((text) => ({ text, language: 'en' as const, payload })),
        ...exclusion.de.map((text) => ({ text, language: 'de' as const, payload })),
      ]
    }),
  )
  const areas = new PhraseMatcher(
    refs.areas.areas.flatMap((area) => [
      ...area.termsEn.map((text) => ({ text, language: 'en' as const, payload: { area: area.key } })),
      ...area.termsDe.map((text) => ({ text, language: 'de' as const, payload: { area: area.key } })),
    ]),
  )
  const gtn = refs.annex.documents.find((doc) => doc.type === 'general_technology_note')?.text ?? ''
  const generalTechnologyNote =
    gtn
      .split('\n')
      .find((line) => line.includes('basic scientific research'))
      ?.trim() ?? gtn.trim()
  return {
    refs,
    entries,
    byCode: new Map(entries.map((indexed) => [indexed.entry.code, indexed])),
    documentFrequency,
    postings,
    averageLength: entries.length > 0 ? totalLength / entries.length : 1,
    concepts,
    conceptStems,
    exclusions,
    areas,
    generalTechnologyNote,
    rules: refs.noGoRules.rules.map((rule) => ({ rule, condition: parseCondition(rule.condition) })),
  }
}
