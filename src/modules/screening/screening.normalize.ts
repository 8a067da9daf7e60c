import { pinyin } from 'pinyin-pro'
import {
  chineseMorphemes,
  classWeights,
  type GenericWord,
  genericWord,
  genericWords,
  oldRomanisations,
  type WordClass,
} from './screening.glossary.js'

/** One word of a name after normalisation: what it is compared by, and what it looked like. */
export interface NameToken {
  /** Comparison key: the canonical word (pinyin for Chinese and old romanisations) or `#concept`. */
  key: string
  /** The word as written (lower-case, without diacritics), or the characters it came from. */
  surface: string
  wordClass: WordClass | 'name'
  weight: number
  /** How the word was turned into its key, when not trivially (for the explanation). */
  note?: string
  /** Index of the segment (comma part or department phrase) the token belongs to. */
  segment: number
}

/** A name prepared for matching. */
export interface PreparedName {
  original: string
  tokens: NameToken[]
  /** Initials of the meaningful latin words, e.g. `hit` for "Harbin Institute of Technology". */
  initials: string
  /** Whether the name was written as a single word that looks like an acronym (e.g. "NUDT"). */
  isAcronym: boolean
  /**
   * The whole name as toneless pinyin without spaces, when it is written in Chinese characters
   * or entirely in pinyin ("bei jing da xue", "Běijīng Dàxué"); otherwise null.
   */
  pinyinKey: string | null
}

const pinyinSyllables =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|iao|ian|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|ve|a|e|i|o|u|v))+$/

/** The name as one run of pinyin, or null when it is not written in characters or pinyin. */
function pinyinKeyOf(name: string): string | null {
  if (hanChar.test(name)) {
    const latin = foldLatin(name.replace(/\p{Script=Han}+/gu, ' '))
    if (latin !== '') return null
    return pinyin(name.replace(/[^\p{Script=Han}]/gu, ''), { toneType: 'none', type: 'array' })
      .join('')
      .replace(/ü/g, 'v')
  }
  const words = foldLatin(name)
    .split(' ')
    .filter(Boolean)
    .map((word) => (/^(?:[a-z]+[1-5])+$/.test(word) ? word.replace(/[1-5]/g, '') : word))
  if (words.length === 0 || !words.every((word) => pinyinSyllables.test(word))) return null
  const key = words.join('')
  // Two syllables or more: "china" alone is an English word, not a transliterated name.
  return key.length >= 5 ? key : null
}

const hanRun = /[\p{Script=Han}]+/gu
const hanChar = /\p{Script=Han}/u
const tokenCache = new Map<string, NameToken>()

function token(
  key: string,
  surface: string,
  wordClass: WordClass | 'name',
  segment: number,
  note?: string,
): NameToken {
  const id = `${key}|${surface}|${wordClass}|${segment}|${note ?? ''}`
  let found = tokenCache.get(id)
  if (!found) {
    found = { key, surface, wordClass, weight: classWeights[wordClass], segment, ...(note ? { note } : {}) }
    // Interned tokens keep a million-name index small; the cache is bounded by the vocabulary.
    if (tokenCache.size < 300_000) tokenCache.set(id, found)
  }
  return found
}

/** Lower-case, NFKC, without diacritics, apostrophes dropped, other punctuation as spaces. */
export function foldLatin(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function latinToken(word: string, segment: number): NameToken {
  // Pinyin with tone numbers ("qing1hua2") loses the digits.
  const toneless = /^(?:[a-z]*[aeiouv][a-z]*[1-5])+$/.test(word) ? word.replace(/[1-5]/g, '') : word
  const romanised = oldRomanisations[toneless]
  const key = romanised ?? toneless
  const generic = genericWord(key) ?? misspeltGenericWord(key)
  if (generic) return token(`#${generic.concept}`, word, generic.wordClass, segment)
  return token(
    key,
    word,
    'name',
    segment,
    romanised && romanised !== word ? `old romanisation of ${romanised}` : undefined,
  )
}

const misspelt = new Map<string, GenericWord | undefined>()

/** "Univeristy" is still "University": generic words of six letters or more tolerate one typo. */
function misspeltGenericWord(word: string): GenericWord | undefined {
  if (word.length < 6) return undefined
  if (misspelt.has(word)) return misspelt.get(word)
  let found: GenericWord | undefined
  let closest = allowedEdits(word.length) + 1
  for (const [candidate, meaning] of genericWords()) {
    if (candidate.length < 6 || candidate[0] !== word[0] || meaning.wordClass === 'stop') continue
    const distance = editDistance(word, candidate, allowedEdits(word.length))
    if (distance < closest) {
      closest = distance
      found = meaning
    }
  }
  if (misspelt.size < 100_000) misspelt.set(word, found)
  return found
}

function hanTokens(run: string, segment: number, isPerson: boolean): NameToken[] {
  const tokens: NameToken[] = []
  let pending = ''
  const flush = () => {
    if (!pending) return
    const syllables = pinyin(pending, { toneType: 'none', type: 'array' }).map((s) => s.replace(/ü/g, 'v'))
    if (isPerson && pending.length >= 2 && pending.length <= 4) {
      tokens.push(token(syllables[0] ?? '', pending.slice(0, 1), 'name', segment, 'pinyin'))
      tokens.push(token(syllables.slice(1).join(''), pending.slice(1), 'name', segment, 'pinyin'))
    } else {
      tokens.push(token(syllables.join(''), pending, 'name', segment, 'pinyin'))
    }
    pending = ''
  }
  let index = 0
  while (index < run.length) {
    const morpheme = chineseMorphemes.find((candidate) => run.startsWith(candidate.text, index))
    if (morpheme && !isPerson) {
      flush()
      const key = morpheme.concept === null ? '#legal' : `#${morpheme.concept}`
      tokens.push(token(key, morpheme.text, morpheme.wordClass, segment))
      index += morpheme.text.length
    } else {
      pending += run[index]
      index++
    }
  }
  flush()
  return tokens
}

/** Splits a name into its parts: comma and parenthesis parts first, then department phrases. */
function splitSegments(text: string): string[] {
  return text
    .split(/[,;，；、()（）]|\s[-–]\s/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/**
 * Prepares a name for matching: Unicode, case, punctuation and diacritics folded, generic words
 * and legal forms recognised, Chinese characters segmented and transliterated to pinyin, old
 * romanisations mapped to pinyin. A person's name is not segmented into generic words.
 */
export function prepareName(name: string, options: { isPerson?: boolean } = {}): PreparedName {
  const isPerson = options.isPerson ?? false
  const tokens: NameToken[] = []
  const initials: string[] = []
  let segment = 0
  for (const part of splitSegments(name.normalize('NFKC'))) {
    let seenOrgType = false
    let partHasName = false
    for (const piece of part.split(/(\p{Script=Han}+)/u)) {
      if (piece === '') continue
      if (hanChar.test(piece)) {
        for (const han of hanTokens(piece, segment, isPerson)) {
          // In "哈尔滨工业大学航天学院" everything after the university is a school of it.
          if (!isPerson && seenOrgType && han.wordClass !== 'legal') {
            segment++
            seenOrgType = false
            tokens.push({ ...han, segment })
          } else tokens.push(han.segment === segment ? han : { ...han, segment })
          if (han.key === '#university' || han.key === '#academy') seenOrgType = true
          partHasName = true
        }
        continue
      }
      for (const word of foldLatin(piece).split(' ')) {
        if (word === '') continue
        let next = latinToken(word, segment)
        // "Harbin Institute of Technology School of Astronautics": a department word starts a new part.
        if (!isPerson && next.wordClass === 'department' && partHasName) {
          segment++
          next = latinToken(word, segment)
        }
        tokens.push(next)
        if (next.wordClass === 'name' || next.wordClass === 'orgtype') partHasName = true
        if (next.wordClass !== 'stop' && next.wordClass !== 'legal' && /^[a-z]/.test(word))
          initials.push(word[0] ?? '')
      }
    }
    segment++
  }
  const letters = name.replace(/[^\p{L}\p{N}]/gu, '')
  const isAcronym =
    !isPerson && tokens.length === 1 && /^[A-Za-z]{2,8}$/.test(letters) && letters === letters.toUpperCase()
  return {
    original: name,
    tokens: compactSegments(tokens),
    initials: initials.join(''),
    isAcronym,
    pinyinKey: isPerson ? null : pinyinKeyOf(name),
  }
}

/** Renumbers segments 0, 1, 2, … in order of appearance. */
function compactSegments(tokens: NameToken[]): NameToken[] {
  const map = new Map<number, number>()
  return tokens.map((item) => {
    let segment = map.get(item.segment)
    if (segment === undefined) {
      segment = map.size
      map.set(item.segment, segment)
    }
    return segment === item.segment ? item : token(item.key, item.surface, item.wordClass, segment, item.note)
  })
}

/** Whether a text contains Chinese characters. */
export function hasHan(text: string): boolean {
  hanRun.lastIndex = 0
  return hanChar.test(text)
}

/**
 * Restricted Damerau-Levenshtein distance (adjacent transpositions count one), giving up above
 * `max` and answering `max + 1` then.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const rows = a.length + 1
  const cols = b.length + 1
  let previous2 = new Array<number>(cols).fill(0)
  let previous = Array.from({ length: cols }, (_, index) => index)
  let current = new Array<number>(cols).fill(0)
  for (let i = 1; i < rows; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    const recycled = previous2
    previous2 = previous
    previous = current
    current = recycled
  }
  return Math.min(previous[cols - 1] ?? max + 1, max + 1)
}

/** How many edits a word of this length may differ by: none for short words, so "HIT" never matches "HIP". */
export function allowedEdits(length: number): number {
  if (length < 5) return 0
  if (length < 9) return 1
  return 2
}
