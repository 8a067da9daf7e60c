import type { DataSheet } from '../collaborations/collaboration.schema.js'
import type { OfficeKey } from '../organisation/organisation.schema.js'
import type { AssessmentIndex, IndexedEntry } from './assessment.index.js'
import { termsOf } from './assessment.index.js'
import { findQuantities, meetsThreshold, type Quantity } from './assessment.quantity.js'
import { evaluateCondition, type RuleFacts } from './assessment.rules.js'
import type {
  AreaFlag,
  AssessmentResult,
  AttachedChecklist,
  Candidate,
  Factor,
  FiredRule,
  PartnerScreening,
  Passage,
  Proportionality,
  RiskLevel,
  ThresholdComparison,
} from './assessment.schema.js'
import {
  detectLanguage,
  isContentStem,
  type Sentence,
  sentences,
  type Token,
  tokenize,
} from './assessment.text.js'

/** The version of the engine's logic, recorded with every result. */
export const engineVersion = 'engine-1'

/** What the engine assesses: the data sheet and, when known, the screening of the partners. */
export interface AssessmentInput {
  sheet: DataSheet
  /** Screening results of the partner organisations (filled by the screening module). */
  screening?: readonly PartnerScreening[]
  /** Today as YYYY-MM-DD, for the stale flag of checklists (passed in, so results are reproducible). */
  today: string
}

interface Segment {
  field: string
  start: number
  end: number
}

interface ProjectText {
  text: string
  segments: Segment[]
  tokens: Token[]
  sentences: Sentence[]
}

const textFields: [string, (sheet: DataSheet) => string][] = [
  ['title', (sheet) => sheet.title],
  ['summary', (sheet) => sheet.summary],
  ['description', (sheet) => sheet.description],
  ['keywords', (sheet) => sheet.keywords.join('; ')],
  ['activities.notes', (sheet) => sheet.activities.notes],
  ['dataSamples.notes', (sheet) => sheet.dataSamples.notes],
]

function projectText(sheet: DataSheet): ProjectText {
  const segments: Segment[] = []
  let text = ''
  for (const [field, read] of textFields) {
    const value = read(sheet)
    if (!value) continue
    if (text) text += '\n\n'
    segments.push({ field, start: text.length, end: text.length + value.length })
    text += value
  }
  const tokens = tokenize(text)
  return { text, segments, tokens, sentences: sentences(text, tokens) }
}

function passageOf(
  project: ProjectText,
  sentence: Sentence,
  highlight: (token: Token, index: number) => string | null,
): Passage {
  const segment = project.segments.find((part) => sentence.start >= part.start && sentence.start < part.end)
  const base = segment?.start ?? 0
  const raw = project.text.slice(sentence.start, sentence.end)
  const lead = raw.length - raw.trimStart().length
  const start = sentence.start + lead
  const text = raw.trim()
  const highlights = []
  for (let index = sentence.firstToken; index < sentence.endToken; index++) {
    const token = project.tokens[index]
    if (!token) continue
    const term = highlight(token, index)
    if (term !== null) highlights.push({ start: token.start - start, end: token.end - start, term })
  }
  return { source: segment?.field ?? 'description', text, offset: start - base, highlights }
}

// ---- ranking

interface Query {
  /** The project's own terms -> weight (term frequency, dampened). */
  direct: Map<string, number>
  /** Annex words the vocabulary adds for the concepts found -> weight. */
  expansion: Map<string, number>
  /** Concept key -> how often it was found, and the hits. */
  concepts: Map<string, { count: number; found: Set<string>; tokenIndexes: Set<number>; entries: string[] }>
}

function buildQuery(index: AssessmentIndex, project: ProjectText, language: 'de' | 'en'): Query {
  const counts = new Map<string, number>()
  let previous: string | null = null
  for (const token of project.tokens) {
    if (!isContentStem(token.en)) {
      previous = null
      continue
    }
    counts.set(token.en, (counts.get(token.en) ?? 0) + 1)
    if (previous !== null) {
      const bigram = `${previous} ${token.en}`
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1)
    }
    previous = token.en
  }
  const concepts: Query['concepts'] = new Map()
  for (const hit of index.concepts.find(project.tokens, language)) {
    const concept = hit.term.payload
    const entry = concepts.get(concept.key) ?? {
      count: 0,
      found: new Set<string>(),
      tokenIndexes: new Set<number>(),
      entries: concept.entries,
    }
    entry.count++
    entry.found.add(
      project.tokens
        .slice(hit.firstToken, hit.endToken)
        .map((token) => token.word)
        .join(' '),
    )
    for (let tokenIndex = hit.firstToken; tokenIndex < hit.endToken; tokenIndex++)
      entry.tokenIndexes.add(tokenIndex)
    concepts.set(concept.key, entry)
  }
  const direct = new Map<string, number>()
  for (const [term, count] of counts) direct.set(term, 1 + Math.log(count))
  const expansion = new Map<string, number>()
  const conceptWeight = index.refs.weights.content.ranking.conceptTermWeight
  for (const [key, hit] of concepts) {
    for (const term of index.conceptStems.get(key) ?? []) {
      expansion.set(term, (expansion.get(term) ?? 0) + conceptWeight * (1 + Math.log(hit.count)))
    }
  }
  return { direct, expansion, concepts }
}

/** The score of one entry, split by where it comes from. */
interface Ranked {
  indexed: IndexedEntry
  score: number
  /** From the project's own words. */
  direct: number
  /** Whether a vocabulary concept found in the text names this entry. */
  isHinted: boolean
  matched: Map<string, number>
}

function rank(index: AssessmentIndex, query: Query, lengthFactor: number): Ranked[] {
  const { k1, b, conceptBoost } = index.refs.weights.content.ranking
  const total = index.entries.length
  const scores = new Map<IndexedEntry, Ranked>()
  const entryOf = (indexed: IndexedEntry): Ranked => {
    const known = scores.get(indexed)
    if (known) return known
    const created = { indexed, score: 0, direct: 0, isHinted: false, matched: new Map<string, number>() }
    scores.set(indexed, created)
    return created
  }
  const accumulate = (terms: Map<string, number>, isDirect: boolean) => {
    for (const [term, queryWeight] of terms) {
      const df = index.documentFrequency.get(term)
      if (df === undefined) continue
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5))
      for (const indexed of index.postings.get(term) ?? []) {
        const tf = indexed.terms.get(term) ?? 0
        const norm = tf + k1 * (1 - b + (b * indexed.length) / index.averageLength)
        const contribution = (idf * queryWeight * (tf * (k1 + 1))) / norm / lengthFactor
        const current = entryOf(indexed)
        current.score += contribution
        if (isDirect) current.direct += contribution
        current.matched.set(term, (current.matched.get(term) ?? 0) + contribution)
      }
    }
  }
  accumulate(query.direct, true)
  accumulate(query.expansion, false)
  for (const [, hit] of query.concepts) {
    hit.entries.forEach((code, position) => {
      const indexed = index.byCode.get(code)
      if (!indexed) return
      const current = entryOf(indexed)
      current.isHinted = true
      // The first entry a concept names is its main one; the others are related entries.
      current.score += (conceptBoost * (1 + Math.log(Math.min(hit.count, 4)))) / (1 + position * 0.15)
    })
  }
  return [...scores.values()].sort(
    (left, right) =>
      right.score - left.score || left.indexed.entry.code.localeCompare(right.indexed.entry.code),
  )
}

// ---- evidence

function entryPassages(indexed: IndexedEntry, matched: ReadonlySet<string>): Passage[] {
  const scored = indexed.lines
    .map((line, position) => {
      let score = 0
      for (const stem of line.stems) if (matched.has(stem)) score += stem.includes(' ') ? 2 : 1
      return { line, position, score }
    })
    .filter((item) => item.score > 0 || item.position === 0)
    .sort((left, right) => right.score - left.score || left.position - right.position)
    .slice(0, 3)
    .sort((left, right) => left.position - right.position)
  return scored.map(({ line }) => {
    const highlights = tokenize(line.text)
      .filter((token) => matched.has(token.en))
      .map((token) => ({ start: token.start, end: token.end, term: token.en }))
    return { source: line.code, text: line.text, offset: line.offset, highlights }
  })
}

function subParagraphsOf(indexed: IndexedEntry, matched: ReadonlySet<string>): string[] {
  const scored = new Map<string, number>()
  for (const line of indexed.lines) {
    if (line.code === indexed.entry.code) continue
    let score = 0
    for (const stem of line.stems) if (matched.has(stem)) score += 1
    if (score > 0) scored.set(line.code, Math.max(scored.get(line.code) ?? 0, score))
  }
  return [...scored.entries()]
    .sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))
    .slice(0, 3)
    .map(([code]) => code)
}

function projectPassages(
  project: ProjectText,
  matched: ReadonlySet<string>,
  conceptTokens: ReadonlySet<number>,
): Passage[] {
  const scored = project.sentences
    .map((sentence, position) => {
      let score = 0
      for (let index = sentence.firstToken; index < sentence.endToken; index++) {
        const token = project.tokens[index]
        if (!token) continue
        if (conceptTokens.has(index)) score += 3
        else if (matched.has(token.en)) score += 1
      }
      return { sentence, position, score }
    })
    .filter((item) => item.score > 0)
    .sort((left, right) => right.score - left.score || left.position - right.position)
    .slice(0, 3)
    .sort((left, right) => left.position - right.position)
  return scored.map(({ sentence }) =>
    passageOf(project, sentence, (token, index) =>
      conceptTokens.has(index) || matched.has(token.en) ? token.word : null,
    ),
  )
}

function formatQuantity(quantity: { dimension: string; value: number }): string {
  const base: Record<string, string> = {
    power: 'W',
    frequency: 'Hz',
    length: 'm',
    time: 's',
    temperature: 'K',
    magnetic_field: 'T',
    energy: 'J',
    voltage: 'V',
    speed: 'm/s',
    pressure: 'Pa',
  }
  return `${Number(quantity.value.toPrecision(4))} ${base[quantity.dimension] ?? ''}`
}

function compareThresholds(indexed: IndexedEntry, quantities: readonly Quantity[]): ThresholdComparison[] {
  const comparisons: ThresholdComparison[] = []
  const seen = new Set<string>()
  for (const quantity of quantities) {
    for (const threshold of indexed.thresholds) {
      if (threshold.dimension !== quantity.dimension) continue
      const key = `${quantity.text}|${threshold.subParagraph}|${threshold.text}`
      if (seen.has(key)) continue
      seen.add(key)
      comparisons.push({
        subParagraph: threshold.subParagraph,
        quantity: quantity.dimension,
        found: `${quantity.text} (${formatQuantity(quantity)})`,
        threshold: `${threshold.text} (${threshold.direction === 'min' ? '≥' : '≤'} ${formatQuantity(threshold)})`,
        isMet: meetsThreshold(quantity.value, threshold),
      })
    }
  }
  return comparisons.slice(0, 8)
}

// ---- the assessment

/**
 * Assesses a data sheet against the compiled reference data. Pure: the same input and the same
 * reference versions give the same result. Nationality or origin of persons is never read.
 */
export function assess(index: AssessmentIndex, input: AssessmentInput): AssessmentResult {
  const { sheet } = input
  const refs = index.refs
  const weights = refs.weights.content
  const ranking = weights.ranking
  const project = projectText(sheet)
  const language = detectLanguage(project.tokens)
  const query = buildQuery(index, project, language)
  const contentTokens = project.tokens.filter((token) => isContentStem(token.en)).length
  // Long texts share many words with some entry by chance; the score is damped by length.
  const lengthFactor = 1 + Math.log(1 + contentTokens / 400)
  const ranked = rank(index, query, lengthFactor)
  const quantities = findQuantities(project.text)

  const exclusionHits = index.exclusions
    .find(project.tokens, language)
    .filter((hit) => !isNegated(project.tokens, hit.firstToken))

  const candidates: Candidate[] = []
  const conceptsOf = new Map<string, Set<string>>()
  for (const { indexed, score, direct, isHinted, matched } of ranked.slice(0, ranking.maxCandidates)) {
    if (score < ranking.candidateThreshold * 0.4) break
    const matchedTerms = new Set(matched.keys())
    const conceptTokens = new Set<number>()
    const mappings: { found: string; means: string }[] = []
    const concepts = new Set<string>()
    for (const [key, hit] of query.concepts) {
      if (!hit.entries.includes(indexed.entry.code)) continue
      concepts.add(key)
      for (const tokenIndex of hit.tokenIndexes) conceptTokens.add(tokenIndex)
      for (const term of index.conceptStems.get(key) ?? []) matchedTerms.add(term)
      const concept = refs.vocabulary.content.concepts.find((item) => item.key === key)
      for (const found of hit.found) mappings.push({ found, means: concept?.expand ?? key })
    }
    conceptsOf.set(indexed.entry.code, concepts)
    const exclusion = exclusionHits.find((hit) => hit.term.payload.entry === indexed.entry.code)
    const thresholds = compareThresholds(indexed, quantities)
    const isBelow = thresholds.length > 0 && thresholds.every((comparison) => !comparison.isMet)
    const projectEvidence = projectPassages(project, matchedTerms, conceptTokens)
    if (exclusion) {
      const cueTokens = new Set<number>()
      for (let tokenIndex = exclusion.firstToken; tokenIndex < exclusion.endToken; tokenIndex++)
        cueTokens.add(tokenIndex)
      const sentence = project.sentences.find(
        (item) => item.firstToken <= exclusion.firstToken && exclusion.firstToken < item.endToken,
      )
      if (sentence) {
        projectEvidence.unshift(
          passageOf(project, sentence, (token, at) => (cueTokens.has(at) ? token.word : null)),
        )
      }
    }
    // An entry named by the vocabulary counts on its total score; any other only on the project's own words.
    const strengthScore = isHinted ? score : direct * (ranking.strongThreshold / ranking.directThreshold)
    candidates.push({
      code: indexed.entry.code,
      category: indexed.entry.category,
      heading: indexed.entry.heading,
      score: Math.round(score * 100) / 100,
      strength:
        strengthScore >= ranking.strongThreshold
          ? 'strong'
          : (isHinted ? score : direct) >= (isHinted ? ranking.candidateThreshold : ranking.directThreshold)
            ? 'moderate'
            : 'weak',
      status: exclusion ? 'excluded' : isBelow ? 'below_threshold' : 'match',
      subParagraphs: subParagraphsOf(indexed, matchedTerms),
      mappings: mappings.slice(0, 8),
      evidence: { project: projectEvidence.slice(0, 3), entry: entryPassages(indexed, matchedTerms) },
      thresholds,
      exclusionNote: exclusion ? exclusion.term.payload.note : null,
    })
  }
  // Entries that only relate to an excluded item (its software, its other paragraphs) follow its exclusion.
  for (const excluded of candidates.filter((candidate) => candidate.status === 'excluded')) {
    const excludedConcepts = conceptsOf.get(excluded.code) ?? new Set<string>()
    for (const candidate of candidates) {
      if (candidate.status !== 'match') continue
      const shares = [...(conceptsOf.get(candidate.code) ?? [])].some((key) => excludedConcepts.has(key))
      const refersTo = index.byCode.get(candidate.code)?.entry.text.includes(excluded.code) === true
      if (!shares && !refersTo) continue
      candidate.status = 'excluded'
      candidate.exclusionNote = `Follows from ${excluded.code}: ${excluded.exclusionNote ?? ''}`
    }
  }
  const flagged = candidates.filter((candidate) => isFlagged(candidate))

  const areas = flagAreas(index, project, language)
  const proportionality = proportionalityOf(index, sheet, project)
  const facts = factsOf(sheet, input.screening ?? [], areas, flagged)
  const noGos: FiredRule[] = index.rules
    .filter(({ condition }) => evaluateCondition(condition, facts))
    .map(({ rule }) => ({
      key: rule.key,
      name: rule.name,
      nameDe: rule.nameDe || rule.name,
      explanation: rule.explanation,
      explanationDe: rule.explanationDe || rule.explanation,
      condition: rule.condition,
      consequence: rule.consequence,
    }))
  const factors = factorsOf(
    weights.factors,
    sheet,
    facts,
    flagged,
    areas,
    proportionality,
    input.screening ?? [],
  )
  const riskScore = Math.max(
    0,
    Math.round(factors.reduce((sum, factor) => sum + factor.weight, 0) * 100) / 100,
  )
  let riskLevel: RiskLevel =
    riskScore >= weights.levels.high ? 'high' : riskScore >= weights.levels.elevated ? 'elevated' : 'low'
  if (noGos.some((rule) => rule.consequence !== 'warning')) riskLevel = 'no_go'
  else if (noGos.length > 0 && riskLevel === 'low') riskLevel = 'elevated'
  const offices = officesFor(sheet, riskLevel, flagged, areas, facts)
  const checklists = checklistsFor(index, sheet, areas, input.today)

  return {
    riskLevel,
    riskScore,
    language,
    candidates,
    areas,
    proportionality,
    factors,
    noGos,
    offices,
    nextSteps: nextStepsFor(riskLevel, offices, flagged, candidates, noGos, checklists),
    summary: summaryOf(riskLevel, flagged, candidates, areas, proportionality, noGos),
    checklists,
    versions: {
      annex: refs.annex.version,
      annexLabel: refs.annex.label,
      vocabulary: refs.vocabulary.version,
      sensitiveAreas: refs.areas.version,
      noGoRules: refs.noGoRules.version,
      weights: refs.weights.version,
      engine: engineVersion,
    },
  }
}

const negations = new Set([
  'beyond',
  'outside',
  'out',
  'without',
  'not',
  'no',
  'außerhalb',
  'jenseits',
  'ohne',
  'nicht',
  'kein',
  'keine',
])

/** Whether one of the three words before a token negates it ("beyond visual line of sight"). */
function isNegated(tokens: readonly Token[], at: number): boolean {
  for (let index = Math.max(0, at - 3); index < at; index++) {
    if (negations.has(tokens[index]?.word ?? '')) return true
  }
  return false
}

/** Whether a candidate counts for the risk: a match of at least moderate strength. */
export function isFlagged(candidate: Candidate): boolean {
  return candidate.status === 'match' && candidate.strength !== 'weak'
}

function flagAreas(index: AssessmentIndex, project: ProjectText, language: 'de' | 'en'): AreaFlag[] {
  const byArea = new Map<string, { terms: Map<string, number>; tokens: Set<number> }>()
  for (const hit of index.areas.find(project.tokens, language)) {
    const key = hit.term.payload.area
    const current = byArea.get(key) ?? { terms: new Map<string, number>(), tokens: new Set<number>() }
    current.terms.set(hit.term.text, (current.terms.get(hit.term.text) ?? 0) + 1)
    for (let at = hit.firstToken; at < hit.endToken; at++) current.tokens.add(at)
    byArea.set(key, current)
  }
  const flags: AreaFlag[] = []
  for (const area of index.refs.areas.areas) {
    const hit = byArea.get(area.key)
    if (!hit) continue
    // Distinct terms count fully, repetitions only a little: one word used often is weak evidence.
    let score = 0
    for (const count of hit.terms.values()) score += 1 + Math.log(count) * 0.5
    if (score < index.refs.weights.content.ranking.areaMinScore) continue
    const evidence = project.sentences
      .map((sentence, position) => {
        let count = 0
        for (let at = sentence.firstToken; at < sentence.endToken; at++) if (hit.tokens.has(at)) count++
        return { sentence, position, count }
      })
      .filter((item) => item.count > 0)
      .sort((left, right) => right.count - left.count || left.position - right.position)
      .slice(0, 2)
      .sort((left, right) => left.position - right.position)
      .map(({ sentence }) =>
        passageOf(project, sentence, (token, at) => (hit.tokens.has(at) ? token.word : null)),
      )
    flags.push({
      key: area.key,
      nameEn: area.nameEn,
      nameDe: area.nameDe,
      score: Math.round(score * 100) / 100,
      terms: [...hit.terms.keys()].sort(),
      evidence,
    })
  }
  return flags.sort((left, right) => right.score - left.score || left.key.localeCompare(right.key))
}

const publicDomainCues = termsOf(
  'open access publish publication published open source open data preprint veröffentlichen veröffentlicht publikation',
)

function proportionalityOf(index: AssessmentIndex, sheet: DataSheet, project: ProjectText): Proportionality {
  const trl = sheet.trl
  const band =
    trl === null ? 'unknown' : trl <= 3 ? 'basic_research' : trl <= 6 ? 'development' : 'application'
  const exemptions: Proportionality['exemptions'] = []
  const note = index.generalTechnologyNote
  const basic = sheet.answers.basic_research?.answer === 'yes'
  if (band === 'basic_research' || basic) {
    exemptions.push({
      kind: 'basic_scientific_research',
      reasonEn: basic
        ? 'You stated that the collaboration is limited to basic scientific research and public information.'
        : `At TRL ${trl} the work is basic research; technology transfer controls do not apply to "basic scientific research".`,
      reasonDe: basic
        ? 'Sie haben angegeben, dass sich die Zusammenarbeit auf Grundlagenforschung und öffentliche Informationen beschränkt.'
        : `Bei TRL ${trl} handelt es sich um Grundlagenforschung; für „Grundlagenforschung“ gelten die Kontrollen des Technologietransfers nicht.`,
      note,
    })
  }
  const publishes =
    sheet.answers.free_publication?.answer === 'yes' ||
    sheet.activities.jointPublications ||
    project.tokens.some((token) => publicDomainCues.includes(token.en))
  if (publishes) {
    exemptions.push({
      kind: 'public_domain',
      reasonEn:
        'Results are to be published: information "in the public domain" is not controlled — but only once published, and not unpublished know-how exchanged before.',
      reasonDe:
        'Die Ergebnisse sollen veröffentlicht werden: Informationen, die „allgemein zugänglich“ sind, sind nicht kontrolliert — allerdings erst nach der Veröffentlichung, nicht das vorher ausgetauschte Wissen.',
      note,
    })
  }
  return { trl, band, exemptions }
}

function factsOf(
  sheet: DataSheet,
  screening: readonly PartnerScreening[],
  areas: readonly AreaFlag[],
  flagged: readonly Candidate[],
): RuleFacts {
  const answer = (key: string) => sheet.answers[key]?.answer ?? null
  const activities = Object.entries(sheet.activities)
    .filter(([, value]) => value === true)
    .map(([key]) => key)
  return {
    military_end_use: answer('civil_end_use') === 'no',
    security_end_user: answer('no_security_end_user') === 'no',
    end_use_unclear: answer('civil_end_use') === 'unknown' || answer('no_security_end_user') === 'unknown',
    binding_sanctions_hit: screening.some(
      (result) => result.status === 'confirmed_match' && result.isBinding,
    ),
    possible_sanctions_match: screening.some((result) => result.status === 'possible_match'),
    trl: sheet.trl,
    partner_kind: sheet.partners.flatMap((partner) => (partner.kind ? [partner.kind] : [])),
    area: areas.map((area) => area.key),
    category: [...new Set(flagged.map((candidate) => candidate.category))],
    entry: flagged.map((candidate) => candidate.code),
    activity: activities,
    data_kind: sheet.dataSamples.kinds,
  }
}

function factorsOf(
  weights: Record<string, number>,
  sheet: DataSheet,
  facts: RuleFacts,
  flagged: readonly Candidate[],
  areas: readonly AreaFlag[],
  proportionality: Proportionality,
  screening: readonly PartnerScreening[],
): Factor[] {
  const factors: Factor[] = []
  const add = (key: string, reasonEn: string, reasonDe: string, times = 1) => {
    const weight = weights[key]
    if (weight === undefined || weight === 0) return
    factors.push({ key, weight: Math.round(weight * times * 100) / 100, reasonEn, reasonDe })
  }
  const [first, ...others] = flagged
  if (first) {
    add(
      'control_list_candidate',
      `The description matches Annex I entry ${first.code} (${first.strength}).`,
      `Die Beschreibung passt zu Anhang-I-Position ${first.code} (${first.strength === 'strong' ? 'stark' : 'mittel'}).`,
    )
    if (others.length > 0)
      add(
        'control_list_additional',
        `Further entries match: ${others.map((candidate) => candidate.code).join(', ')}.`,
        `Weitere Positionen passen: ${others.map((candidate) => candidate.code).join(', ')}.`,
        Math.min(others.length, 4),
      )
  }
  if (areas.length > 0) {
    const times = Math.min(areas.length, weights.sensitive_area_cap ?? 2)
    add(
      'sensitive_area',
      `Critical technology areas: ${areas.map((area) => area.nameEn).join(', ')}.`,
      `Kritische Technologiebereiche: ${areas.map((area) => area.nameDe).join(', ')}.`,
      times,
    )
  }
  if (proportionality.band === 'development')
    add(
      'trl_development',
      `TRL ${proportionality.trl}: technology development.`,
      `TRL ${proportionality.trl}: Technologieentwicklung.`,
    )
  if (proportionality.band === 'application')
    add(
      'trl_application',
      `TRL ${proportionality.trl}: close to application, know-how is transferable.`,
      `TRL ${proportionality.trl}: anwendungsnah, Wissen ist übertragbar.`,
    )
  if (proportionality.band === 'unknown' && flagged.length > 0)
    add(
      'trl_unknown',
      'No TRL given while list entries match.',
      'Kein TRL angegeben, obwohl Listenpositionen passen.',
    )
  if (
    flagged.length > 0 &&
    proportionality.exemptions.some((item) => item.kind === 'basic_scientific_research')
  )
    add(
      'gtn_exemption',
      'The General Technology Note exempts basic scientific research.',
      'Die Allgemeine Technologie-Anmerkung nimmt Grundlagenforschung aus.',
    )
  if (facts.military_end_use)
    add(
      'military_end_use',
      'A military end use was declared.',
      'Eine militärische Endverwendung wurde angegeben.',
    )
  if (facts.security_end_user)
    add(
      'security_end_user',
      'Passing results to military or security bodies cannot be ruled out.',
      'Eine Weitergabe an Militär- oder Sicherheitsbehörden ist nicht auszuschließen.',
    )
  if (facts.end_use_unclear)
    add('end_use_unclear', 'The end use is not yet clear.', 'Die Endverwendung ist noch unklar.')
  if (facts.partner_kind.includes('company'))
    add('partner_company', 'A partner is a company.', 'Ein Partner ist ein Unternehmen.')
  if (facts.partner_kind.includes('government_body'))
    add('partner_government', 'A partner is a government body.', 'Ein Partner ist eine Behörde.')
  if (facts.possible_sanctions_match)
    add(
      'screening_possible_match',
      'A partner organisation possibly matches a restricted-party list.',
      'Eine Partnerorganisation ähnelt möglicherweise einem Listeneintrag.',
    )
  if (screening.some((result) => result.status === 'confirmed_match'))
    add(
      'screening_confirmed_match',
      'A partner organisation is on a restricted-party list.',
      'Eine Partnerorganisation steht auf einer Sanktions- oder Warnliste.',
    )
  if (sheet.activities.ipLicensing || sheet.activities.equipmentDelivery)
    add(
      'technology_transfer',
      'Equipment is delivered or rights are licensed to the partner.',
      'Es werden Geräte geliefert oder Rechte lizenziert.',
    )
  if (
    sheet.dataSamples.kinds.some((kind) =>
      ['human_genetic_resources', 'personal_data', 'human_subjects'].includes(kind),
    )
  )
    add(
      'sensitive_data',
      'Personal data, human subjects or human genetic resources are involved.',
      'Personenbezogene Daten, Probanden oder humangenetische Ressourcen sind beteiligt.',
    )
  return factors
}

const officeOrder: OfficeKey[] = [
  'export_control',
  'research_security',
  'legal',
  'technology_transfer',
  'data_protection',
  'ethics',
  'funding_office',
  'international_office',
  'hr',
]

function officesFor(
  sheet: DataSheet,
  riskLevel: RiskLevel,
  flagged: readonly Candidate[],
  areas: readonly AreaFlag[],
  facts: RuleFacts,
): OfficeKey[] {
  const offices = new Set<OfficeKey>()
  if (flagged.length > 0 || facts.military_end_use || facts.security_end_user) offices.add('export_control')
  if (riskLevel !== 'low' || (areas.length > 0 && (sheet.trl ?? 0) >= 4)) offices.add('research_security')
  if (facts.binding_sanctions_hit || facts.possible_sanctions_match) offices.add('export_control')
  if (
    sheet.activities.contractOrMou ||
    sheet.activities.ipLicensing ||
    facts.partner_kind.includes('company')
  )
    offices.add('legal')
  if (sheet.activities.ipLicensing) offices.add('technology_transfer')
  const kinds = sheet.dataSamples.kinds
  if (kinds.includes('personal_data') || kinds.includes('human_subjects')) offices.add('data_protection')
  if (
    kinds.includes('human_subjects') ||
    kinds.includes('human_genetic_resources') ||
    areas.some((a) => a.key === 'biotechnologies')
  )
    offices.add('ethics')
  if (sheet.partners.length > 0) offices.add('international_office')
  return officeOrder.filter((office) => offices.has(office))
}

function nextStepsFor(
  riskLevel: RiskLevel,
  offices: readonly OfficeKey[],
  flagged: readonly Candidate[],
  candidates: readonly Candidate[],
  noGos: readonly FiredRule[],
  checklists: readonly AttachedChecklist[],
): { en: string; de: string }[] {
  const steps: { en: string; de: string }[] = []
  for (const rule of noGos) {
    if (rule.consequence === 'blocks_submission')
      steps.push({
        en: `Resolve "${rule.name}" first: ${rule.explanation}`,
        de: `Zuerst „${rule.nameDe}“ klären: ${rule.explanationDe}`,
      })
  }
  if (flagged.length > 0)
    steps.push({
      en: `Ask the export control office to classify the work against ${flagged.map((candidate) => candidate.code).join(', ')}; describe technical parameters (power, wavelength, endurance …) in the description.`,
      de: `Bitten Sie die Exportkontrolle um eine Einstufung gegenüber ${flagged.map((candidate) => candidate.code).join(', ')}; nennen Sie technische Parameter (Leistung, Wellenlänge, Flugdauer …) in der Beschreibung.`,
    })
  const set = candidates.filter((candidate) => candidate.status !== 'match')
  if (set.length > 0)
    steps.push({
      en: `Check that the notes quoted for ${set.map((candidate) => candidate.code).join(', ')} really apply (exclusion or values below the threshold).`,
      de: `Prüfen Sie, ob die zitierten Anmerkungen zu ${set.map((candidate) => candidate.code).join(', ')} wirklich zutreffen (Ausnahme oder Werte unter der Schwelle).`,
    })
  for (const checklist of checklists)
    steps.push({
      en: `Answer the checklist "${checklist.titleEn}" in the data sheet.`,
      de: `Beantworten Sie die Checkliste „${checklist.titleDe}“ im Datenblatt.`,
    })
  if (riskLevel === 'low' && noGos.length === 0)
    steps.push({
      en: 'No further pre-assessment steps: complete the data sheet and submit.',
      de: 'Keine weiteren Schritte der Vorprüfung: Datenblatt vervollständigen und einreichen.',
    })
  if (offices.length > 0 && riskLevel !== 'low')
    steps.push({
      en: `The review will involve: ${offices.join(', ')}.`,
      de: `An der Prüfung werden beteiligt: ${offices.join(', ')}.`,
    })
  return steps
}

const levelNames: Record<RiskLevel, { en: string; de: string }> = {
  low: { en: 'low', de: 'gering' },
  elevated: { en: 'elevated', de: 'erhöht' },
  high: { en: 'high', de: 'hoch' },
  no_go: { en: 'a no-go', de: 'ein Ausschlussgrund (No-Go)' },
}

function summaryOf(
  riskLevel: RiskLevel,
  flagged: readonly Candidate[],
  candidates: readonly Candidate[],
  areas: readonly AreaFlag[],
  proportionality: Proportionality,
  noGos: readonly FiredRule[],
): { en: string; de: string } {
  const en: string[] = [
    `The pre-assessment rates the risk as ${levelNames[riskLevel].en}. It prepares the decision; it does not make it.`,
  ]
  const de: string[] = [
    `Die Vorprüfung schätzt das Risiko als ${levelNames[riskLevel].de} ein. Sie bereitet die Entscheidung vor, sie trifft sie nicht.`,
  ]
  if (flagged.length > 0) {
    const codes = flagged.map((candidate) => candidate.code).join(', ')
    en.push(
      `Your description resembles the EU dual-use list entries ${codes}; the export control office will check whether they really apply.`,
    )
    de.push(
      `Ihre Beschreibung ähnelt den Positionen ${codes} der EU-Dual-Use-Liste; die Exportkontrolle prüft, ob sie wirklich zutreffen.`,
    )
  } else {
    en.push('No entry of the EU dual-use list clearly matches your description.')
    de.push('Keine Position der EU-Dual-Use-Liste passt eindeutig zu Ihrer Beschreibung.')
  }
  const set = candidates.filter((candidate) => candidate.status !== 'match')
  if (set.length > 0) {
    en.push(
      `For ${set.map((candidate) => candidate.code).join(', ')} a note of the list or a threshold takes the project out; this does not raise the risk.`,
    )
    de.push(
      `Für ${set.map((candidate) => candidate.code).join(', ')} nimmt eine Anmerkung der Liste oder eine Schwelle das Projekt aus; das erhöht das Risiko nicht.`,
    )
  }
  if (areas.length > 0) {
    en.push(`It touches critical technology areas: ${areas.map((area) => area.nameEn).join(', ')}.`)
    de.push(`Es berührt kritische Technologiebereiche: ${areas.map((area) => area.nameDe).join(', ')}.`)
  }
  if (proportionality.trl !== null) {
    const band = {
      basic_research: ['basic research', 'Grundlagenforschung'],
      development: ['development', 'Entwicklung'],
      application: ['application', 'Anwendung'],
      unknown: ['', ''],
    }[proportionality.band]
    en.push(
      `At TRL ${proportionality.trl} (${band[0]}) the weight of these findings is ${proportionality.band === 'basic_research' ? 'reduced' : proportionality.band === 'application' ? 'increased' : 'moderate'}.`,
    )
    de.push(
      `Bei TRL ${proportionality.trl} (${band[1]}) wiegen diese Befunde ${proportionality.band === 'basic_research' ? 'weniger' : proportionality.band === 'application' ? 'schwerer' : 'mittel'}.`,
    )
  }
  for (const rule of noGos) {
    en.push(`Institutional rule "${rule.name}": ${rule.explanation}`)
    de.push(`Regel der Einrichtung „${rule.nameDe}“: ${rule.explanationDe}`)
  }
  return { en: en.join(' '), de: de.join(' ') }
}

function checklistsFor(
  index: AssessmentIndex,
  sheet: DataSheet,
  areas: readonly AreaFlag[],
  today: string,
): AttachedChecklist[] {
  const attached: AttachedChecklist[] = []
  for (const { version, content } of index.refs.checklists) {
    const areaKeys = new Set(areas.map((area) => area.key))
    const because =
      content.appliesTo.find((target) => sheet.researchAreas.some((code) => code.startsWith(target))) ??
      content.appliesTo.find((target) => areaKeys.has(target))
    if (because === undefined) continue
    attached.push({
      key: content.key,
      version,
      titleEn: content.titleEn,
      titleDe: content.titleDe,
      ownerOffice: content.ownerOffice,
      nextReviewOn: content.nextReviewOn,
      isStale: content.nextReviewOn < today,
      appliesBecause: because,
      questions: content.questions,
    })
  }
  return attached.sort((left, right) => left.key.localeCompare(right.key))
}
