import snowball from 'snowball-stemmers'

/** One word of a text with its position and its stems. */
export interface Token {
  /** Lower-case surface form. */
  word: string
  start: number
  end: number
  /** English Snowball stem (the Annex is English). */
  en: string
  /** German Snowball stem. */
  de: string
}

const english = snowball.newStemmer('english')
const german = snowball.newStemmer('german')
// Stemming is the costliest step; words repeat a lot, so the stems are remembered (a bounded cache).
const cache = new Map<string, readonly [string, string]>()
const maxCache = 200_000

/** The English and German stems of a lower-case word. */
export function stems(word: string): readonly [string, string] {
  const known = cache.get(word)
  if (known) return known
  const pair = [english.stem(word), german.stem(word)] as const
  if (cache.size < maxCache) cache.set(word, pair)
  return pair
}

const wordPattern = /[\p{L}\p{N}]+/gu

/** Splits a text into lower-case words with offsets and stems. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0].toLowerCase()
    const [en, de] = stems(word)
    tokens.push({ word, start: match.index, end: match.index + match[0].length, en, de })
  }
  return tokens
}

const germanMarkers = new Set(
  'der die das und mit für von ist wird werden eine ein einer zu den im auf des sich nicht wir soll sollen durch bei über unter zur zum dem als auch oder wie'.split(
    ' ',
  ),
)
const englishMarkers = new Set(
  'the and of to in for with is are be this on by we will from as an at or which that these our'.split(' '),
)

/** Whether a text is German or English, by its most frequent function words. */
export function detectLanguage(tokens: readonly Token[]): 'de' | 'en' {
  let de = 0
  let en = 0
  for (const token of tokens) {
    if (germanMarkers.has(token.word)) de++
    else if (englishMarkers.has(token.word)) en++
  }
  return de > en ? 'de' : 'en'
}

/**
 * Words that carry no meaning for matching: English function words and the boilerplate of the
 * control list ("specially designed … as follows"), which every entry shares.
 */
export const stopStems: ReadonlySet<string> = new Set(
  [
    'a about above after all also an and any are as at be been being both but by can could do does each either for from had has have having how if in into is it its may more most must no not of on only or other our over same should so some such than that the their them then there these they this those through to under up upon use used using very was we were what when where which while who will with within would you your',
    'specially designed modified follows following specified therefor therefore entry entries note notes technical item items goods equipment component components system systems control controlled see including include includes purposes purpose described meet meets except paragraph subject capable related',
    'project projects research study studies develop development developing new approach aim aims work based partner partners will',
  ]
    .join(' ')
    .split(' ')
    .map((word) => english.stem(word)),
)

/** Whether an English stem is worth matching (not a stop word, not a lone digit or letter). */
export function isContentStem(stem: string): boolean {
  return stem.length > 1 && !stopStems.has(stem) && !/^\d+$/.test(stem)
}

/** A sentence (or line) of a text with its offset, for evidence passages. */
export interface Sentence {
  start: number
  end: number
  /** Index of its first token and one past its last. */
  firstToken: number
  endToken: number
}

/** Splits a text into sentences and lines, mapping each to its tokens. */
export function sentences(text: string, tokens: readonly Token[]): Sentence[] {
  const result: Sentence[] = []
  const pattern = /[^.!?\n]+(?:[.!?]+(?=\s|$)|\n|$)/g
  let tokenIndex = 0
  for (const match of text.matchAll(pattern)) {
    const start = match.index
    const end = start + match[0].length
    const firstToken = tokenIndex
    while (tokenIndex < tokens.length && (tokens[tokenIndex]?.start ?? end) < end) tokenIndex++
    if (tokenIndex > firstToken) result.push({ start, end, firstToken, endToken: tokenIndex })
  }
  return result
}
