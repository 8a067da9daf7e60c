import { stems, type Token, tokenize } from './assessment.text.js'

/** A term to look for, in the language it is written in. */
export interface PhraseTerm<T> {
  text: string
  language: 'en' | 'de'
  payload: T
}

/** Where a term was found in a token list. */
export interface PhraseHit<T> {
  term: PhraseTerm<T>
  firstToken: number
  /** One past the last token. */
  endToken: number
}

interface Compiled<T> {
  stems: string[]
  term: PhraseTerm<T>
}

// German compounds hide terms inside longer words ("Wetterradar", "Drohnenschwarm"); only terms
// this long are looked for inside words, so short ones cannot match by accident.
const minCompoundPart = 5
const minCompoundWord = 8

/**
 * Finds multi-word terms in tokenised text, comparing stems (English terms with English stems,
 * German terms with German stems) so that inflected forms match; German single words are also
 * found inside compounds.
 */
export class PhraseMatcher<T> {
  private readonly english = new Map<string, Compiled<T>[]>()
  private readonly german = new Map<string, Compiled<T>[]>()
  private readonly compoundParts: PhraseTerm<T>[] = []
  // Which compound parts a long word contains: the same words recur across texts.
  private readonly compoundCache = new Map<string, PhraseTerm<T>[]>()

  constructor(terms: readonly PhraseTerm<T>[]) {
    for (const term of terms) {
      const tokens = tokenize(term.text)
      if (tokens.length === 0) continue
      const termStems = tokens.map((token) => (term.language === 'en' ? token.en : token.de))
      const map = term.language === 'en' ? this.english : this.german
      const first = termStems[0] ?? ''
      const list = map.get(first) ?? []
      list.push({ stems: termStems, term })
      map.set(first, list)
      if (term.language === 'de' && tokens.length === 1 && term.text.length >= minCompoundPart) {
        this.compoundParts.push({ ...term, text: term.text.toLowerCase() })
      }
    }
  }

  /**
   * Every occurrence of every term, in text order; a compound hit spans its one token. German terms
   * are looked for only in German texts (English words often have German-looking stems).
   */
  find(tokens: readonly Token[], language: 'de' | 'en'): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = []
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]
      if (!token) continue
      this.matchAt(this.english, tokens, index, 'en', hits)
      if (language === 'en') continue
      const before = hits.length
      this.matchAt(this.german, tokens, index, 'de', hits)
      if (hits.length === before && token.word.length >= minCompoundWord) {
        for (const term of this.compoundsIn(token.word))
          hits.push({ term, firstToken: index, endToken: index + 1 })
      }
    }
    return hits
  }

  private matchAt(
    map: Map<string, Compiled<T>[]>,
    tokens: readonly Token[],
    index: number,
    language: 'en' | 'de',
    hits: PhraseHit<T>[],
  ): void {
    const token = tokens[index]
    if (!token) return
    const candidates = map.get(language === 'en' ? token.en : token.de)
    if (!candidates) return
    for (const candidate of candidates) {
      let matches = true
      for (let offset = 1; offset < candidate.stems.length; offset++) {
        const next = tokens[index + offset]
        const stem = next ? (language === 'en' ? next.en : next.de) : undefined
        if (stem !== candidate.stems[offset]) {
          matches = false
          break
        }
      }
      if (matches)
        hits.push({ term: candidate.term, firstToken: index, endToken: index + candidate.stems.length })
    }
  }

  private compoundsIn(word: string): PhraseTerm<T>[] {
    const known = this.compoundCache.get(word)
    if (known) return known
    const [, germanStem] = stems(word)
    const found = this.compoundParts.filter((term) => word !== term.text && word.includes(term.text))
    // A word that is itself a (stemmed) term was matched directly; do not count it twice.
    const result = found.filter((term) => stems(term.text)[1] !== germanStem)
    this.compoundCache.set(word, result)
    return result
  }
}
