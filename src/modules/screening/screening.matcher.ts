import {
  allowedEdits,
  editDistance,
  type NameToken,
  type PreparedName,
  prepareName,
} from './screening.normalize.js'

/** The verdict of a score against the institution's two thresholds. */
export type Verdict = 'match' | 'review' | 'no-match'

/** The two thresholds that split scores into match, review and no match. */
export interface Thresholds {
  match: number
  review: number
}

/** The thresholds Liaison ships with; the institution may change them. */
export const defaultThresholds: Thresholds = { match: 0.88, review: 0.75 }

/** How one word of the query was matched to one word of the other name. */
export interface MatchPart {
  query: string
  listed: string
  how:
    | 'same'
    | 'same concept'
    | 'transliteration'
    | 'old romanisation'
    | 'spelling variant'
    | 'joined'
    | 'type differs'
  similarity: number
}

/** The score of two names with the evidence for it. */
export interface NameComparison {
  score: number
  verdict: Verdict
  /** One sentence on why, e.g. "all words match; legal forms ignored". */
  explanation: string
  parts: MatchPart[]
}

/** The verdict a score earns under the thresholds. */
export function verdictOf(score: number, thresholds: Thresholds = defaultThresholds): Verdict {
  if (score >= thresholds.match) return 'match'
  if (score >= thresholds.review) return 'review'
  return 'no-match'
}

const round = (value: number) => Math.round(value * 1000) / 1000

function tokenSimilarity(a: NameToken, b: NameToken): { similarity: number; how: MatchPart['how'] } | null {
  if (a.key === b.key) {
    if (a.wordClass === 'legal' || a.wordClass === 'stop') return null
    if (a.surface === b.surface) return { similarity: 1, how: 'same' }
    const noted = a.note ?? b.note
    if (noted === 'pinyin') return { similarity: 1, how: 'transliteration' }
    if (noted?.startsWith('old romanisation')) return { similarity: 1, how: 'old romanisation' }
    return { similarity: 1, how: a.surface === b.surface ? 'same' : 'same concept' }
  }
  // Two words for the kind of body ("Institute" and "University") are related, never the same.
  if (a.wordClass !== 'name' || b.wordClass !== 'name') return null
  const max = allowedEdits(Math.min(a.key.length, b.key.length))
  if (max === 0) return null
  const distance = editDistance(a.key, b.key, max)
  if (distance > max) return null
  return { similarity: distance === 1 ? 0.85 : 0.72, how: 'spelling variant' }
}

interface Alignment {
  /** Similarity credited to each token of a and b. */
  creditA: number[]
  creditB: number[]
  parts: MatchPart[]
}

/** Aligns the words of two names one to one, best pairs first, then joins split words. */
function align(a: readonly NameToken[], b: readonly NameToken[]): Alignment {
  const creditA = new Array<number>(a.length).fill(0)
  const creditB = new Array<number>(b.length).fill(0)
  const pairs: { i: number; j: number; similarity: number; how: MatchPart['how'] }[] = []
  for (let i = 0; i < a.length; i++) {
    const left = a[i]
    if (!left || left.weight === 0) continue
    for (let j = 0; j < b.length; j++) {
      const right = b[j]
      if (!right || right.weight === 0) continue
      const found = tokenSimilarity(left, right)
      if (found) pairs.push({ i, j, ...found })
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity)
  const parts: MatchPart[] = []
  for (const pair of pairs) {
    if (creditA[pair.i] !== 0 || creditB[pair.j] !== 0) continue
    creditA[pair.i] = pair.similarity
    creditB[pair.j] = pair.similarity
    parts.push({
      query: a[pair.i]?.surface ?? '',
      listed: b[pair.j]?.surface ?? '',
      how: pair.how,
      similarity: pair.similarity,
    })
  }
  joinSplitWords(a, b, creditA, creditB, parts, false)
  joinSplitWords(b, a, creditB, creditA, parts, true)
  return { creditA, creditB, parts }
}

/** "Zhangshilong" against "Zhang Shilong", "Qinghua" against "Qing Hua": one word equals two or three joined. */
function joinSplitWords(
  whole: readonly NameToken[],
  split: readonly NameToken[],
  creditWhole: number[],
  creditSplit: number[],
  parts: MatchPart[],
  swapped: boolean,
): void {
  for (let i = 0; i < whole.length; i++) {
    const word = whole[i]
    if (word?.wordClass !== 'name' || creditWhole[i] !== 0 || word.key.length < 4) continue
    for (let start = 0; start < split.length; start++) {
      for (const length of [2, 3]) {
        const run = split.slice(start, start + length)
        if (run.length < length) continue
        const free = run.every(
          (item, offset) => item.wordClass === 'name' && creditSplit[start + offset] === 0,
        )
        if (!free) continue
        const forward = run.map((item) => item.key).join('')
        const backward = [...run]
          .reverse()
          .map((item) => item.key)
          .join('')
        const max = allowedEdits(word.key.length) > 0 ? 1 : 0
        const distance = Math.min(editDistance(word.key, forward, max), editDistance(word.key, backward, max))
        if (distance > max) continue
        const similarity = distance === 0 ? 1 : 0.85
        creditWhole[i] = similarity
        for (let offset = 0; offset < length; offset++) creditSplit[start + offset] = similarity
        const joined = run.map((item) => item.surface).join(' ')
        parts.push({
          query: swapped ? joined : word.surface,
          listed: swapped ? word.surface : joined,
          how: 'joined',
          similarity,
        })
        start = split.length
        break
      }
    }
  }
}

/**
 * The weighted share of a name's words that found a partner. A number ("No. 123") counts only
 * when both names carry one: alone it is a branch or registration detail, against another number
 * it tells two bodies apart ("14th" / "38th Research Institute").
 */
function coverage(
  tokens: readonly NameToken[],
  credit: readonly number[],
  countNumbers: boolean,
): { share: number; reached: number } {
  let total = 0
  let matched = 0
  let reached = 0
  tokens.forEach((item, index) => {
    const weight = item.wordClass === 'number' && !countNumbers ? 0 : item.weight
    total += weight
    matched += weight * (credit[index] ?? 0)
    if ((credit[index] ?? 0) > 0) reached += weight
  })
  // A name of generic words only ("University") identifies nothing.
  if (total === 0 || !tokens.some((item) => item.wordClass === 'name' || item.wordClass === 'descriptor'))
    return { share: 0, reached: 0 }
  return { share: matched / total, reached: reached / total }
}

/** The core score of two prepared names: both must be covered; the weaker side counts most. */
function scoreTokens(a: readonly NameToken[], b: readonly NameToken[]) {
  const alignment = align(a, b)
  const countNumbers =
    a.some((item) => item.wordClass === 'number') && b.some((item) => item.wordClass === 'number')
  const { share: coverA } = coverage(a, alignment.creditA, countNumbers)
  const { share: coverB, reached: reachedB } = coverage(b, alignment.creditB, countNumbers)
  const low = Math.min(coverA, coverB)
  const high = Math.max(coverA, coverB)
  // "Beijing Institute of Technology" is not "Beijing University of Technology": when both name
  // the kind of body and no kind agrees, they are different bodies unless an alias says otherwise.
  const typesA = a.filter((item) => item.wordClass === 'orgtype')
  const typesB = b.filter((item) => item.wordClass === 'orgtype')
  const typeDiffers =
    typesA.length > 0 &&
    typesB.length > 0 &&
    !typesA.some((left) => typesB.some((right) => right.key === left.key))
  const score = (0.85 * low + 0.15 * high) * (typeDiffers ? 0.85 : 1)
  return { score, coverA, coverB, reachedB, typeDiffers, parts: alignment.parts }
}

function describeParts(parts: readonly MatchPart[]): string {
  return parts
    .filter((part) => part.how !== 'same')
    .map((part) => `"${part.query}" ~ "${part.listed}" (${part.how})`)
    .join(', ')
}

/**
 * Compares a query name with a listed name: word order, case, punctuation, legal forms and
 * generic words, typos, pinyin and old romanisations, acronyms, and departments of the listed
 * body ("School of Astronautics, Harbin Institute of Technology").
 */
export function comparePrepared(
  query: PreparedName,
  listed: PreparedName,
  thresholds: Thresholds = defaultThresholds,
): NameComparison {
  const whole = scoreTokens(query.tokens, listed.tokens)
  let best: NameComparison = {
    score: round(whole.score),
    verdict: verdictOf(whole.score, thresholds),
    explanation: '',
    parts: whole.parts,
  }
  best.explanation = explainWhole(whole.parts, whole.coverA, whole.coverB)
  if (whole.typeDiffers) best.explanation += '; the kind of body differs (e.g. institute / university)'

  // "bei jing da xue" and "běijīngdàxué" are 北京大学 written in pinyin.
  if (query.pinyinKey && listed.pinyinKey && query.pinyinKey !== listed.pinyinKey) {
    const length = Math.min(query.pinyinKey.length, listed.pinyinKey.length)
    const distance = editDistance(query.pinyinKey, listed.pinyinKey, allowedEdits(length))
    if (distance <= allowedEdits(length) && length >= 6) {
      const score = distance === 0 ? 0.97 : 0.9
      if (score > best.score) {
        best = {
          score,
          verdict: verdictOf(score, thresholds),
          explanation: `the whole name is the same in pinyin ("${query.pinyinKey}"${distance > 0 ? ', one letter differs' : ''})`,
          parts: [
            { query: query.original, listed: listed.original, how: 'transliteration', similarity: score },
          ],
        }
      }
    }
  } else if (query.pinyinKey && query.pinyinKey === listed.pinyinKey && best.score < 0.97) {
    best = {
      score: 0.97,
      verdict: verdictOf(0.97, thresholds),
      explanation: `the whole name is the same in pinyin ("${query.pinyinKey}")`,
      parts: [{ query: query.original, listed: listed.original, how: 'transliteration', similarity: 0.97 }],
    }
  }

  // A department, school or laboratory of a listed body is the body for screening purposes.
  for (const { own, rest } of bodyCandidates(query)) {
    const part = scoreTokens(own, listed.tokens)
    const score = part.score * 0.96
    // Every word of the listed name is found in the part (a typo still counts as found).
    if (part.reachedB >= 0.97 && score > best.score && score >= thresholds.review) {
      const unit = rest.map((item) => item.surface).join(' ')
      best = {
        score: round(score),
        verdict: verdictOf(score, thresholds),
        explanation: `"${unit}" is a unit of the named body; ${explainWhole(part.parts, part.coverA, part.coverB)}`,
        parts: part.parts,
      }
    }
  }

  // "NUDT" against "National University of Defense Technology".
  for (const [short, long, flipped] of [
    [query, listed, false],
    [listed, query, true],
  ] as const) {
    const acronym = short.isAcronym ? (short.tokens[0]?.key ?? '') : ''
    if (acronym === '' || long.initials.length < 3) continue
    const exact = acronym === long.initials
    // A swapped pair of letters ("NDUT") is the usual typo of an acronym; only from four letters,
    // never a changed letter ("HIP" is not "HIT"), and it scores lower than the acronym itself.
    if (exact || isAdjacentSwap(acronym, long.initials)) {
      const score = exact ? 0.8 : 0.76
      if (score > best.score) {
        best = {
          score,
          verdict: verdictOf(score, thresholds),
          explanation: exact
            ? `"${short.original}" is the acronym of "${long.original}" (initials; acronyms are ambiguous, so at most "review")`
            : `"${short.original}" is the acronym of "${long.original}" with two letters swapped (at most "review")`,
          parts: [
            {
              query: flipped ? long.original : short.original,
              listed: flipped ? short.original : long.original,
              how: exact ? 'same concept' : 'spelling variant',
              similarity: score,
            },
          ],
        }
      }
    }
  }

  // "NDUT" against the listed acronym "NUDT".
  if (query.isAcronym && listed.isAcronym && best.score < 0.76) {
    const a = query.tokens[0]?.key ?? ''
    const b = listed.tokens[0]?.key ?? ''
    if (isAdjacentSwap(a, b)) {
      best = {
        score: 0.76,
        verdict: verdictOf(0.76, thresholds),
        explanation: `"${query.original}" is the acronym "${listed.original}" with two letters swapped (at most "review")`,
        parts: [
          { query: query.original, listed: listed.original, how: 'spelling variant', similarity: 0.76 },
        ],
      }
    }
  }
  return best
}

/** Whether two words of four letters or more differ by exactly one swap of adjacent letters. */
export function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length < 4 || a.length !== b.length || a === b) return false
  let at = 0
  while (a[at] === b[at]) at++
  return a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2)
}

/**
 * The parts of a query that may name the listed body on their own, each with the rest of the
 * query, which must describe a unit of it: a comma or parenthesis part when every other part
 * names a unit ("School of …", "Branch") or is a short qualifier ("(Shenzhen)"), and the body of
 * a "<unit> of <body>" phrase ("Research Institute of Huawei").
 */
export function bodyCandidates(query: PreparedName): readonly { own: NameToken[]; rest: NameToken[] }[] {
  const cached = bodyCache.get(query)
  if (cached) return cached
  const found: { own: NameToken[]; rest: NameToken[] }[] = []
  const tokens = query.tokens
  const isUnit = (rest: readonly NameToken[]) =>
    [...new Set(rest.map((item) => item.segment))].every((other) => {
      const part = rest.filter((item) => item.segment === other)
      return (
        part.length <= 2 ||
        part.some((item) => item.wordClass === 'department' || item.wordClass === 'orgtype')
      )
    })
  const identifies = (own: readonly NameToken[]) =>
    own.some((item) => item.wordClass === 'name' || item.wordClass === 'descriptor')
  // Bodies of "<unit> of <body>" first: the words before "of" name a unit by construction.
  for (const span of query.bodies) {
    const own = tokens.slice(span.from, span.to)
    const rest = [...tokens.slice(0, span.headFrom), ...tokens.slice(span.to)]
    if (identifies(own) && isUnit(rest))
      found.push({ own, rest: [...tokens.slice(0, span.from), ...tokens.slice(span.to)] })
  }
  // Runs of consecutive parts, when every other part names a unit or is a short qualifier.
  const segments = [...new Set(tokens.map((item) => item.segment))]
  for (let length = 1; length < segments.length; length++) {
    for (let first = 0; first + length <= segments.length; first++) {
      const low = segments[first] ?? 0
      const high = segments[first + length - 1] ?? 0
      const own = tokens.filter((item) => item.segment >= low && item.segment <= high)
      const rest = tokens.filter((item) => item.segment < low || item.segment > high)
      if (identifies(own) && isUnit(rest)) found.push({ own, rest })
    }
  }
  bodyCache.set(query, found)
  return found
}

const bodyCache = new WeakMap<PreparedName, { own: NameToken[]; rest: NameToken[] }[]>()

function explainWhole(parts: readonly MatchPart[], coverA: number, coverB: number): string {
  if (parts.length === 0) return 'no word in common'
  const details = describeParts(parts)
  const coverage = `${Math.round(coverA * 100)} % of the query and ${Math.round(coverB * 100)} % of the listed name matched`
  return details ? `${coverage}: ${details}` : `${coverage}, word for word`
}

/** Compares two names as written (the `liaison compare` command and the labelled set use it). */
export function compareNames(
  a: string,
  b: string,
  options: { isPerson?: boolean; thresholds?: Thresholds } = {},
): NameComparison {
  const prepare = (name: string) => prepareName(name, { isPerson: options.isPerson })
  return comparePrepared(prepare(a), prepare(b), options.thresholds)
}
