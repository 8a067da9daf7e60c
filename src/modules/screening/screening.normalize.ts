import { pinyin } from 'pinyin-pro'
import {
  chineseMorphemes,
  classWeights,
  type GenericWord,
  genericWord,
  genericWords,
  numberMarkers,
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

/**
 * A "<unit> of <body>" phrase: tokens `[headFrom, from)` name the unit ("Research Institute of"),
 * tokens `[from, to)` the body it belongs to ("Huawei").
 */
export interface BodySpan {
  headFrom: number
  from: number
  to: number
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
  /** The "<unit> of <body>" phrases of the name, as the token spans of their bodies. */
  bodies: readonly BodySpan[]
}

const noBodies: readonly BodySpan[] = []

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

const umlautWord = /\p{L}*[äöüæœøǖǘǚǜ]\p{L}*/gu
const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', æ: 'ae', œ: 'oe', ø: 'o' }

/**
 * German and Nordic letters as their usual transliteration ("Müller" = "Mueller"), except a ü in
 * pinyin ("Lǚ", "nü"), which becomes v as pinyin-pro writes it.
 */
function transliterateUmlauts(word: string): string {
  if (/[üǖǘǚǜ]/.test(word)) {
    const asPinyin = word
      .replace(/[üǖǘǚǜ]/g, 'v')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
    if (pinyinSyllables.test(asPinyin)) return asPinyin
  }
  return word.replace(/[äöüæœø]/g, (letter) => umlauts[letter] ?? letter).replace(/[ǖǘǚǜ]/g, 'ue')
}

/** Lower-case, NFKC, umlauts transliterated, without diacritics, apostrophes dropped, other punctuation as spaces. */
export function foldLatin(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase().replaceAll('ß', 'ss')
  return (/[äöüæœøǖǘǚǜ]/.test(lower) ? lower.replace(umlautWord, transliterateUmlauts) : lower)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const latinCache = new Map<string, NameToken[]>()

/** The token of a latin word in a segment; interned, so a million-name index holds each word once per segment. */
function latinToken(word: string, segment: number): NameToken {
  let bySegment = latinCache.get(word)
  if (!bySegment) {
    bySegment = []
    // Bounded by the vocabulary; beyond it tokens are simply not shared.
    if (latinCache.size < 400_000) latinCache.set(word, bySegment)
  }
  let found = bySegment[segment]
  if (!found) {
    found = makeLatinToken(word, segment)
    bySegment[segment] = found
  }
  return found
}

const numberWord = /^(\d+)(?:st|nd|rd|th)?$/

function makeLatinToken(word: string, segment: number): NameToken {
  const number = numberWord.exec(word)
  if (number) return token(number[1] ?? word, word, 'number', segment)
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
  /** The comma or parenthesis part of each token. */
  const partOf: number[] = []
  let partIndex = 0
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
      const words = foldLatin(piece).split(' ')
      for (let at = 0; at < words.length; at++) {
        const word = words[at] ?? ''
        if (word === '') continue
        // "No. 123": the marker says nothing once the number follows.
        if (numberMarkers.has(word) && numberWord.test(words[at + 1] ?? '')) {
          tokens.push(token('#stop', word, 'stop', segment))
          continue
        }
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
    while (partOf.length < tokens.length) partOf.push(partIndex)
    segment++
    partIndex++
  }
  const letters = name.replace(/[^\p{L}\p{N}]/gu, '')
  const isAcronym =
    !isPerson && tokens.length === 1 && /^[A-Za-z]{2,8}$/.test(letters) && letters === letters.toUpperCase()
  const compacted = compactSegments(tokens)
  return {
    original: name,
    tokens: compacted,
    initials: initials.join(''),
    isAcronym,
    pinyinKey: isPerson ? null : pinyinKeyOf(name),
    bodies: isPerson ? noBodies : bodySpans(compacted, partOf),
  }
}

const unitClasses: ReadonlySet<NameToken['wordClass']> = new Set(['department', 'orgtype', 'legal'])

/**
 * "Shenzhen Research Institute of Huawei", "Trading Company of X": when the words before "of" (in
 * the same comma part) name a kind of unit, with at most a few other words such as a place, and the
 * words after it contain a distinctive name, those words may name the body the unit belongs to,
 * alone or with the parts that follow ("Branch of VNESHECONOMBANK (VEB)"). "Harbin Institute of
 * Technology" has no distinctive word after "of", so it stays one name.
 */
function bodySpans(tokens: readonly NameToken[], partOf: readonly number[]): readonly BodySpan[] {
  let spans: BodySpan[] | null = null
  let start = 0
  while (start < tokens.length) {
    const part = partOf[start]
    let end = start
    while (end < tokens.length && partOf[end] === part) end++
    for (let at = start + 1; at < end - 1; at++) {
      const word = tokens[at]
      if (word?.wordClass !== 'stop' || word.surface !== 'of') continue
      const head = tokens.slice(start, at)
      const tail = tokens.slice(at + 1, end)
      const headNames = head.filter((item) => item.wordClass === 'name').length
      if (!head.some((item) => unitClasses.has(item.wordClass)) || headNames > 3) continue
      if (!tail.some((item) => item.wordClass === 'name')) continue
      spans ??= []
      // The body may go on into the following parts: "Branch of I&S Holding Company, S.A. (Nanjing)".
      for (let to = end; to <= tokens.length; to++) {
        if (to === tokens.length || partOf[to] !== partOf[to - 1])
          spans.push({ headFrom: start, from: at + 1, to })
      }
    }
    start = end
  }
  return spans ?? noBodies
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
  if (a === b) return 0
  const cols = b.length + 1
  if (rows.length < cols * 3) rows = new Int32Array(cols * 6)
  // Three rows in one reused buffer: two rows back, the previous row and the current row.
  let previous2 = 0
  let previous = cols
  let current = cols * 2
  for (let j = 0; j < cols; j++) rows[previous + j] = j
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i
    let rowMin = i
    const left = a.charCodeAt(i - 1)
    for (let j = 1; j < cols; j++) {
      const cost = left === b.charCodeAt(j - 1) ? 0 : 1
      let value = Math.min(
        (rows[previous + j] ?? 0) + 1,
        (rows[current + j - 1] ?? 0) + 1,
        (rows[previous + j - 1] ?? 0) + cost,
      )
      if (i > 1 && j > 1 && left === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (rows[previous2 + j - 2] ?? 0) + 1)
      }
      rows[current + j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    const recycled = previous2
    previous2 = previous
    previous = current
    current = recycled
  }
  return Math.min(rows[previous + cols - 1] ?? max + 1, max + 1)
}

let rows = new Int32Array(3 * 64)

/** How many edits a word of this length may differ by: none for short words, so "HIT" never matches "HIP". */
export function allowedEdits(length: number): number {
  if (length < 5) return 0
  if (length < 9) return 1
  return 2
}
