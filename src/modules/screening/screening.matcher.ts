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

function coverage(tokens: readonly NameToken[], credit: readonly number[]): number {
  let total = 0
  let matched = 0
  tokens.forEach((item, index) => {
    total += item.weight
    matched += item.weight * (credit[index] ?? 0)
  })
  // A name of generic words only ("University") identifies nothing.
  if (!tokens.some((item) => item.wordClass === 'name' || item.wordClass === 'descriptor')) return 0
  return total === 0 ? 0 : matched / total
}

/** The core score of two prepared names: both must be covered; the weaker side counts most. */
function scoreTokens(a: readonly NameToken[], b: readonly NameToken[]) {
  const alignment = align(a, b)
  const coverA = coverage(a, alignment.creditA)
  const coverB = coverage(b, alignment.creditB)
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
  return { score, coverA, coverB, typeDiffers, parts: alignment.parts }
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
  const segments = new Set(query.tokens.map((item) => item.segment))
  if (segments.size > 1) {
    for (const segment of segments) {
      const own = query.tokens.filter((item) => item.segment === segment)
      const rest = query.tokens.filter((item) => item.segment !== segment)
      // Every other part names a unit ("School of …", "Branch") or is a short qualifier ("(Shenzhen)", "No. 3").
      const restIsUnit = [...new Set(rest.map((item) => item.segment))].every((other) => {
        const part = rest.filter((item) => item.segment === other)
        return (
          part.length <= 2 ||
          part.some((item) => item.wordClass === 'department' || item.wordClass === 'orgtype')
        )
      })
      if (!restIsUnit) continue
      const part = scoreTokens(own, listed.tokens)
      const score = part.score * 0.96
      if (part.coverB >= 0.97 && score > best.score && score >= thresholds.review) {
        const unit = rest.map((item) => item.surface).join(' ')
        best = {
          score: round(score),
          verdict: verdictOf(score, thresholds),
          explanation: `"${unit}" is a unit of the named body; ${explainWhole(part.parts, part.coverA, part.coverB)}`,
          parts: part.parts,
        }
      }
    }
  }

  // "NUDT" against "National University of Defense Technology".
  for (const [short, long, flipped] of [
    [query, listed, false],
    [listed, query, true],
  ] as const) {
    if (short.isAcronym && long.initials.length >= 3 && short.tokens[0]?.key === long.initials) {
      const score = 0.8
      if (score > best.score) {
        best = {
          score,
          verdict: verdictOf(score, thresholds),
          explanation: `"${short.original}" is the acronym of "${long.original}" (initials; acronyms are ambiguous, so at most "review")`,
          parts: [
            {
              query: flipped ? long.original : short.original,
              listed: flipped ? short.original : long.original,
              how: 'same concept',
              similarity: 0.8,
            },
          ],
        }
      }
    }
  }
  return best
}

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
