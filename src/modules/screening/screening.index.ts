import {
  bodyCandidates,
  comparePrepared,
  defaultThresholds,
  type NameComparison,
  type Thresholds,
} from './screening.matcher.js'
import {
  allowedEdits,
  editDistance,
  type NameToken,
  type PreparedName,
  prepareName,
} from './screening.normalize.js'
import type { ListKind } from './screening.schema.js'

/** One entry of a list as the index needs it. */
export interface IndexEntry {
  /** The list entry's id (stable within the list version). */
  id: string
  listKey: string
  listName: string
  listKind: ListKind
  entityKey: string
  entryHash: string
  entityType: 'organisation' | 'person' | 'other'
  name: string
  aliases: readonly string[]
  formerNames: readonly string[]
  countries: readonly string[]
}

/** One hit of a query against the index. */
export interface IndexHit {
  entry: IndexEntry
  /** The name of the entry (or of a related entry) that matched. */
  matchedName: string
  /** How the matched name relates to the entry: its own name, an alias, a former name, or an alias found on another list. */
  origin: 'name' | 'alias' | 'former name' | 'bridge'
  /** For a bridge: the entry on the other list whose name matched. */
  via: string | null
  comparison: NameComparison
}

/** Which list kinds a person's name is screened against: sanctions only (never other lists). */
export const personListKinds: readonly ListKind[] = ['binding_sanctions', 'countersanctions', 'own']

/** Query options. */
export interface QueryOptions {
  isPerson?: boolean
  /** ISO country of the organisation, a soft qualifier; never used for people. */
  country?: string | null
  thresholds?: Thresholds
  limit?: number
}

const origins: readonly IndexHit['origin'][] = ['name', 'alias', 'former name', 'bridge']

/** The kinds of blocking key: a distinctive word, the words joined, descriptors only, acronym, pinyin of the whole name. */
const word = 0
const joined = 1
const descriptorsOnly = 2
const acronymKey = 3
const pinyinWhole = 4
const genericKey = 5
type KeyKind = 0 | 1 | 2 | 3 | 4 | 5

/** A growable array of 32-bit integers (postings are built from millions of them). */
class IntList {
  data = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  get(index: number): number {
    return this.data[index] ?? 0
  }
}

/** The blocking keys of a prepared name, each as kind and text. */
function nameKeys(prepared: PreparedName, add: (kind: KeyKind, key: string) => void): void {
  let names = 0
  let all = ''
  for (const item of prepared.tokens) {
    if (item.wordClass !== 'name') {
      // Descriptors and kinds of body rank candidates when the distinctive words are common.
      if (item.weight > 0 && item.wordClass !== 'number') add(genericKey, item.key)
      continue
    }
    add(word, item.key)
    all += item.key
    names++
  }
  if (names >= 2) add(joined, all)
  if (names === 0) add(descriptorsOnly, descriptorKey(prepared.tokens))
  if (prepared.initials.length >= 3) add(acronymKey, prepared.initials)
  if (prepared.pinyinKey) add(pinyinWhole, prepared.pinyinKey)
}

function descriptorKey(tokens: readonly PreparedName['tokens'][number][]): string {
  return tokens
    .filter((item) => item.wordClass === 'descriptor')
    .map((item) => item.key)
    .sort()
    .join('+')
}

/** Calls `visit` with each deletion variant of a word within `depth` deletions (SymSpell), the word included. */
function forEachDeletion(word: string, depth: number, visit: (variant: string) => void): void {
  visit(word)
  if (depth === 0) return
  const first = new Set<string>()
  for (let index = 0; index < word.length; index++) {
    const variant = word.slice(0, index) + word.slice(index + 1)
    if (first.has(variant)) continue
    first.add(variant)
    visit(variant)
  }
  if (depth === 1) return
  const second = new Set<string>()
  for (const item of first) {
    for (let index = 0; index < item.length; index++) {
      const variant = item.slice(0, index) + item.slice(index + 1)
      if (first.has(variant) || second.has(variant) || variant === word) continue
      second.add(variant)
      visit(variant)
    }
  }
}

/** The words of a four-letter-or-longer acronym with one pair of adjacent letters swapped. */
function adjacentSwaps(acronym: string): string[] {
  if (acronym.length < 4) return []
  const found: string[] = []
  for (let at = 0; at + 1 < acronym.length; at++) {
    if (acronym[at] === acronym[at + 1]) continue
    found.push(acronym.slice(0, at) + (acronym[at + 1] ?? '') + (acronym[at] ?? '') + acronym.slice(at + 2))
  }
  return found
}

/** A part of the query looked up on its own: the whole name, or the body a unit belongs to. */
interface SubQuery {
  tokens: readonly NameToken[]
  /** Per query word: the keys that count as it and with which credit (typo variants 0.85). */
  words: { token: NameToken; similar: Map<string, number> }[]
  /** The factor its score gets in the matcher (units of a body are discounted). */
  factor: number
  scores: Float32Array
  /** Which query words a listed word's key stands for, with the credit. */
  byKey: Map<string, { word: number; credit: number }[]>
  hasNumber: boolean
  /** Scratch: the best credit each query word has reached in the name being estimated. */
  reached: Float64Array
}

const noCredits: readonly { word: number; credit: number }[] = []

/** How many candidates each step keeps: by blocking score, after the cheap estimate, and scored in full. */
const poolSize = 120
const bodyPoolSize = 50
const scoredSize = 40
const keptByBlocking = 8
/** The whole query and at most two bodies of its units are looked up. */
const maxParts = 3
/** How many postings a query reads at most (the rarest keys first), and the most a generic word may have. */
const postingBudget = 12_000
const genericPostingLimit = 4_000
/** Bits of `nameKind`: the name is not of a person; it is of a person on a list screened for people. */
const notPerson = 1
const personOnSanctionsList = 2

/**
 * The in-memory screening index: every name and alias of every entry, blocked by words, joined
 * words, acronyms and typo-tolerant word variants; candidates are then scored by the matcher.
 * Postings are integer arrays (one for all keys), names are shared between entries that carry the
 * same text, and each distinct name is normalised once.
 */
export class ScreeningIndex {
  readonly entries: IndexEntry[] = []
  private readonly prepared: PreparedName[] = []
  private readonly nameEntry = new IntList()
  private readonly nameOrigin = new IntList()
  /** How many words of weight the name has (ties go to the shorter name). */
  private readonly nameSize = new IntList()
  /** For a bridged name: the entry on the other list it came from, else -1. */
  private readonly nameVia = new IntList()
  private readonly keyIds: Map<string, number>[] = [
    new Map(),
    new Map(),
    new Map(),
    new Map(),
    new Map(),
    new Map(),
  ]
  /** Postings in compressed form: the names of key k are `postings[offsets[k] .. offsets[k + 1])`. */
  private offsets = new Int32Array(1)
  private postings = new Int32Array(0)
  private deletionIndex: Map<string, number> | null = null
  private deletionLists: number[][] = []
  private vocabulary: string[] = []
  /** Per query part, a score per name; reset after each query through `touched`. */
  private scratch: Float32Array[] = []
  private mark: Uint8Array | null = null
  /** Per name, the `notPerson` and `personOnSanctionsList` bits of its entry. */
  private nameKind = new Uint8Array(0)

  private touchedMark(): Uint8Array {
    if (!this.mark || this.mark.length < this.prepared.length)
      this.mark = new Uint8Array(this.prepared.length)
    return this.mark
  }

  /** Builds an index; `bridge` joins entries of different lists that share a distinctive name. */
  static build(entries: readonly IndexEntry[], options: { bridge?: boolean } = {}): ScreeningIndex {
    const index = new ScreeningIndex()
    new IndexBuilder(index).build(entries, options.bridge ?? true)
    return index
  }

  /** How many names (names, aliases, former names, bridges) the index holds. */
  get size(): number {
    return this.prepared.length
  }

  /** Adds a name of an entry (the builder calls it; `keys` are the name's key ids). */
  addName(
    entry: number,
    prepared: PreparedName,
    origin: number,
    via: number,
    keys: ArrayLike<number>,
    pairs: IntList[],
  ): void {
    const id = this.prepared.length
    this.prepared.push(prepared)
    this.nameSize.push(weightedLength(prepared))
    this.nameEntry.push(entry)
    this.nameOrigin.push(origin)
    this.nameVia.push(via)
    const [keyList, nameList] = pairs
    for (let at = 0; at < keys.length; at++) {
      keyList?.push(keys[at] ?? 0)
      nameList?.push(id)
    }
  }

  /** The id of a blocking key, created when `create` is set; -1 when unknown. */
  keyId(kind: KeyKind, key: string, create: boolean): number {
    const ids = this.keyIds[kind]
    if (!ids) return -1
    let id = ids.get(key)
    if (id === undefined) {
      if (!create) return -1
      id = this.keyCount++
      ids.set(key, id)
    }
    return id
  }

  private keyCount = 0
  private genericIds = new Set<number>()
  private genericFrom = 0

  /** Turns the (key, name) pairs into compressed postings, names in ascending order per key. */
  finish(pairs: IntList[]): void {
    const [keys, names] = pairs
    if (!keys || !names) return
    const offsets = new Int32Array(this.keyCount + 1)
    for (let i = 0; i < keys.length; i++) {
      const key = keys.get(i)
      offsets[key + 1] = (offsets[key + 1] ?? 0) + 1
    }
    for (let k = 0; k < this.keyCount; k++) offsets[k + 1] = (offsets[k + 1] ?? 0) + (offsets[k] ?? 0)
    const fill = offsets.slice(0, this.keyCount)
    const postings = new Int32Array(keys.length)
    for (let i = 0; i < keys.length; i++) {
      const key = keys.get(i)
      const at = fill[key] ?? 0
      postings[at] = names.get(i)
      fill[key] = at + 1
    }
    this.offsets = offsets
    this.postings = postings
    this.vocabulary = [...(this.keyIds[word]?.keys() ?? [])]
    this.nameKind = new Uint8Array(this.prepared.length)
    for (let id = 0; id < this.prepared.length; id++) {
      const entry = this.entries[this.nameEntry.get(id)]
      if (!entry) continue
      if (entry.entityType !== 'person') this.nameKind[id] = notPerson
      // A person is screened against people and other bodies of the sanctions lists, never organisations.
      if (entry.entityType !== 'organisation' && personListKinds.includes(entry.listKind))
        this.nameKind[id] = (this.nameKind[id] ?? 0) | personOnSanctionsList
    }
    this.genericIds = new Set(this.keyIds[genericKey]?.values() ?? [])
    this.genericFrom = Math.min(...this.genericIds, this.keyCount)
  }

  /** The normalised name with this id. */
  nameAt(id: number): PreparedName | undefined {
    return this.prepared[id]
  }

  private isGeneric(key: number): boolean {
    return key >= this.genericFrom && this.genericIds.has(key)
  }

  private postingCount(key: number): number {
    return (this.offsets[key + 1] ?? 0) - (this.offsets[key] ?? 0)
  }

  private similarWords(query: string): string[] {
    const max = allowedEdits(query.length)
    if (max === 0) return []
    const deletions = this.deletionsOfVocabulary()
    const found = new Set<string>()
    forEachDeletion(query, max, (variant) => {
      const hit = deletions.get(variant)
      if (hit === undefined) return
      const candidates = hit >= 0 ? [hit] : (this.deletionLists[-hit - 1] ?? [])
      for (const id of candidates) {
        const known = this.vocabulary[id] ?? ''
        if (known !== query && !found.has(known) && editDistance(query, known, max) <= max) found.add(known)
      }
    })
    return [...found]
  }

  /** The SymSpell deletion index over the distinctive words: variant -> word id, or -(list + 1). */
  private deletionsOfVocabulary(): Map<string, number> {
    if (this.deletionIndex) return this.deletionIndex
    const built = new Map<string, number>()
    const lists: number[][] = []
    this.vocabulary.forEach((known, id) => {
      const depth = allowedEdits(known.length)
      if (depth === 0) return
      forEachDeletion(known, depth, (variant) => {
        const previous = built.get(variant)
        if (previous === undefined) built.set(variant, id)
        else if (previous >= 0) {
          lists.push([previous, id])
          built.set(variant, -lists.length)
        } else lists[-previous - 1]?.push(id)
      })
    })
    this.deletionIndex = built
    this.deletionLists = lists
    return built
  }

  /** Builds the typo index now rather than at the first query (benchmarks measure it with the build). */
  warm(): void {
    this.similarWords('warmingup')
  }

  private scores(part: number): Float32Array {
    let found = this.scratch[part]
    if (!found || found.length < this.prepared.length) {
      found = new Float32Array(this.prepared.length)
      this.scratch[part] = found
    }
    return found
  }

  /** The query's parts: the whole name, and each body a unit of which the query names. */
  private subQueries(prepared: PreparedName): SubQuery[] {
    const parts = [{ tokens: prepared.tokens, factor: 1 }]
    for (const { own } of bodyCandidates(prepared)) {
      if (own.some((item) => item.wordClass === 'name' || item.wordClass === 'descriptor'))
        parts.push({ tokens: own, factor: 0.96 })
    }
    return parts.slice(0, maxParts).map((part, index) => {
      const words = part.tokens
        .filter((item) => item.weight > 0)
        .map((token) => {
          const similar = new Map<string, number>([[token.key, 1]])
          if (token.wordClass === 'name') {
            for (const other of this.similarWordsCached(token.key)) similar.set(other, 0.85)
          }
          return { token, similar }
        })
      const byKey = new Map<string, { word: number; credit: number }[]>()
      words.forEach(({ similar }, word) => {
        for (const [key, credit] of similar) {
          const list = byKey.get(key)
          if (list) list.push({ word, credit })
          else byKey.set(key, [{ word, credit }])
        }
      })
      return {
        ...part,
        words,
        byKey,
        hasNumber: part.tokens.some((item) => item.wordClass === 'number'),
        reached: new Float64Array(words.length),
        scores: this.scores(index),
      }
    })
  }

  private similarCache = new Map<string, string[]>()

  private similarWordsCached(key: string): string[] {
    let found = this.similarCache.get(key)
    if (!found) {
      found = this.similarWords(key)
      if (this.similarCache.size > 10_000) this.similarCache.clear()
      this.similarCache.set(key, found)
    }
    return found
  }

  /**
   * A cheap estimate of the matcher's score for a query part: the share of words of both names
   * that agree exactly or by a known typo variant, the less covered side counting most.
   */
  private estimate(part: SubQuery, listed: PreparedName): number {
    const reached = part.reached
    reached.fill(0)
    let numbers = false
    if (part.hasNumber) for (const other of listed.tokens) if (other.wordClass === 'number') numbers = true
    let listedTotal = 0
    let listedMatched = 0
    for (const other of listed.tokens) {
      if (other.weight === 0 || (other.wordClass === 'number' && !numbers)) continue
      listedTotal += other.weight
      let best = 0
      for (const { word, credit } of part.byKey.get(other.key) ?? noCredits) {
        if (credit > best) best = credit
        if (credit > (reached[word] ?? 0)) reached[word] = credit
      }
      listedMatched += other.weight * best
    }
    let queryTotal = 0
    let queryMatched = 0
    part.words.forEach(({ token }, index) => {
      if (token.wordClass === 'number' && !numbers) return
      queryTotal += token.weight
      queryMatched += token.weight * (reached[index] ?? 0)
    })
    const a = queryTotal === 0 ? 0 : queryMatched / queryTotal
    const b = listedTotal === 0 ? 0 : listedMatched / listedTotal
    return (0.85 * Math.min(a, b) + 0.15 * Math.max(a, b)) * part.factor
  }

  /** The entries a name may mean, best first, each with its score and explanation. */
  search(query: string, options: QueryOptions = {}): IndexHit[] {
    const thresholds = options.thresholds ?? defaultThresholds
    const isPerson = options.isPerson ?? false
    const prepared = prepareName(query, { isPerson })
    const parts = this.subQueries(prepared)
    // Each key with its weight per query part.
    const keys = new Map<number, number[]>()
    const addKey = (part: number, kind: KeyKind, key: string, weight: number) => {
      const id = this.keyId(kind, key, false)
      if (id < 0) return
      let weights = keys.get(id)
      if (!weights) {
        weights = new Array<number>(parts.length).fill(0)
        keys.set(id, weights)
      }
      weights[part] = Math.max(weights[part] ?? 0, weight)
    }
    parts.forEach((part, index) => {
      let names = ''
      let count = 0
      for (const { token, similar } of part.words) {
        if (token.wordClass !== 'name') continue
        for (const [other, credit] of similar) addKey(index, word, other, credit === 1 ? 1 : 0.8)
        // A single word may be a whole name written without spaces, or an acronym.
        addKey(index, joined, token.key, 1)
        names += token.key
        count++
      }
      if (count >= 2) addKey(index, joined, names, 1)
      if (count === 0) addKey(index, descriptorsOnly, descriptorKey(part.tokens), 1)
      for (const { token } of part.words) {
        if (token.wordClass !== 'name' && token.wordClass !== 'number')
          addKey(index, genericKey, token.key, token.weight)
      }
    })
    nameKeys(prepared, (kind, key) => {
      if (kind !== genericKey) addKey(0, kind, key, 1)
    })
    const acronym = prepared.isAcronym ? (prepared.tokens[0]?.key ?? '') : ''
    if (acronym) {
      addKey(0, acronymKey, acronym, 0.9)
      for (const swapped of adjacentSwaps(acronym)) {
        addKey(0, acronymKey, swapped, 0.7)
        addKey(0, word, swapped, 0.7)
      }
    }

    const total = this.prepared.length || 1
    // Distinctive keys first, rarest first; generic words only rank within what is left of the budget.
    const ordered = [...keys].sort(
      (a, b) =>
        Number(this.isGeneric(a[0])) - Number(this.isGeneric(b[0])) ||
        this.postingCount(a[0]) - this.postingCount(b[0]),
    )
    const touched: number[] = []
    const mark = this.touchedMark()
    const kinds = this.nameKind
    // Organisations (and other bodies) for an organisation; people on sanctions lists for a person.
    const wanted = isPerson ? personOnSanctionsList : notPerson
    let visited = 0
    for (const [key, weights] of ordered) {
      const count = this.postingCount(key)
      // Very common words only count once rarer ones have not narrowed the field.
      if (count === 0 || (visited > 0 && visited + count > postingBudget)) continue
      if (this.isGeneric(key) && count > genericPostingLimit) continue
      const idf = Math.log(1 + total / count)
      const end = this.offsets[key + 1] ?? 0
      for (let part = 0; part < weights.length; part++) {
        const weight = (weights[part] ?? 0) * idf
        const scores = parts[part]?.scores
        if (weight === 0 || !scores) continue
        for (let at = this.offsets[key] ?? 0; at < end; at++) {
          const id = this.postings[at] ?? 0
          if (((kinds[id] ?? 0) & wanted) === 0) continue
          if (mark[id] === 0) {
            mark[id] = 1
            touched.push(id)
          }
          scores[id] = (scores[id] ?? 0) + weight
        }
      }
      visited += count
    }

    // Candidates: the best by blocking score per query part, then by a cheap estimate of the score.
    const chosen = new Set<number>()
    const pool = new Set<number>()
    parts.forEach((part, index) => {
      const best = topBy(touched, part.scores, this.nameSize, index === 0 ? poolSize : bodyPoolSize)
      for (const id of best) pool.add(id)
      for (const id of best.slice(0, keptByBlocking)) chosen.add(id)
    })
    const estimated = [...pool].map((id) => {
      const listed = this.prepared[id]
      let estimate = 0
      if (listed) for (const part of parts) estimate = Math.max(estimate, this.estimate(part, listed))
      return { id, estimate }
    })
    estimated.sort((a, b) => b.estimate - a.estimate)
    for (const { id } of estimated.slice(0, scoredSize)) chosen.add(id)
    for (const id of touched) {
      mark[id] = 0
      for (const part of parts) part.scores[id] = 0
    }

    const best = new Map<number, IndexHit>()
    const extra = new Map<number, number>()
    for (const id of chosen) {
      const listed = this.prepared[id]
      const entryIndex = this.nameEntry.get(id)
      const entry = this.entries[entryIndex]
      if (!listed || !entry) continue
      let comparison = comparePrepared(prepared, listed, thresholds)
      comparison = qualifyByCountry(comparison, entry, options, thresholds)
      if (comparison.verdict === 'no-match') continue
      const previous = best.get(entryIndex)
      if (previous && previous.comparison.score >= comparison.score) continue
      const origin = origins[this.nameOrigin.get(id)] ?? 'name'
      const viaEntry = this.entries[this.nameVia.get(id)]
      const via = viaEntry ? `${viaEntry.listName}: ${viaEntry.name}` : null
      const explanation =
        origin === 'bridge'
          ? `${comparison.explanation}; the name is an alias of the same body on ${via}`
          : origin === 'name'
            ? comparison.explanation
            : `${comparison.explanation} (${origin} on the list)`
      best.set(entryIndex, {
        entry,
        matchedName: listed.original,
        origin,
        via,
        comparison: { ...comparison, explanation },
      })
      const sameText = listed.original.toLowerCase() === query.trim().toLowerCase()
      extra.set(entryIndex, sameText ? -1 : this.nameSize.get(id))
    }
    // Equal scores: the listed name written as the query first, then the shortest.
    return [...best]
      .sort(
        (a, b) =>
          b[1].comparison.score - a[1].comparison.score || (extra.get(a[0]) ?? 0) - (extra.get(b[0]) ?? 0),
      )
      .slice(0, options.limit ?? 20)
      .map(([, hit]) => hit)
  }
}

/** The number of words of a name that carry weight. */
function weightedLength(prepared: PreparedName): number {
  let count = 0
  for (const item of prepared.tokens) if (item.weight > 0) count++
  return count
}

/** The `limit` ids with the highest scores (ties: shorter names, then id order). */
function topBy(ids: readonly number[], scores: Float32Array, sizes: IntList, limit: number): number[] {
  if (topValues.length < ids.length) topValues = new Float32Array(ids.length * 2)
  const values = topValues
  let count = 0
  for (const id of ids) {
    const score = scores[id] ?? 0
    if (score > 0) values[count++] = score
  }
  const byRank = (a: number, b: number) =>
    (scores[b] ?? 0) - (scores[a] ?? 0) || sizes.get(a) - sizes.get(b) || a - b
  if (count <= limit) return ids.filter((id) => (scores[id] ?? 0) > 0).sort(byRank)
  const threshold = kthLargest(values.subarray(0, count), limit)
  const above: number[] = []
  // Ties at the threshold go to the shortest names: bucketed by length rather than sorted.
  const tied: number[][] = []
  for (const id of ids) {
    const score = scores[id] ?? 0
    if (score > threshold) above.push(id)
    else if (score === threshold) {
      const size = Math.min(sizes.get(id), 31)
      let bucket = tied[size]
      if (!bucket) {
        bucket = []
        tied[size] = bucket
      }
      if (bucket.length < limit) bucket.push(id)
    }
  }
  above.sort(byRank)
  for (const bucket of tied) {
    if (!bucket) continue
    for (const id of bucket) {
      if (above.length >= limit) return above
      above.push(id)
    }
  }
  return above.slice(0, limit)
}

let topValues = new Float32Array(1024)

/** The k-th largest value (1-based) of an array, by quickselect; reorders the array. */
function kthLargest(values: Float32Array, k: number): number {
  let low = 0
  let high = values.length - 1
  const target = k - 1
  while (low < high) {
    const pivot = values[(low + high) >> 1] ?? 0
    let i = low
    let j = high
    while (i <= j) {
      while ((values[i] ?? 0) > pivot) i++
      while ((values[j] ?? 0) < pivot) j--
      if (i <= j) {
        const swap = values[i] ?? 0
        values[i] = values[j] ?? 0
        values[j] = swap
        i++
        j--
      }
    }
    if (target <= j) high = j
    else if (target >= i) low = i
    else break
  }
  return values[target] ?? 0
}

/**
 * Builds an index: normalises each distinct name text once (later entries with the same text
 * reuse its normalised form and key ids), collects (key, name) pairs, bridges lists. It keeps no
 * object per name beyond the normalised name itself, so little is left to collect after the build.
 */
class IndexBuilder {
  /** Per name text (organisations, people): the id of the first name with that text. */
  private readonly known = [new Map<string, number>(), new Map<string, number>()]
  private readonly pairs = [new IntList(), new IntList()]
  /** Per name id, where its key ids start in the pairs and how many there are. */
  private readonly keyStart = new IntList()
  private readonly keyCount = new IntList()
  /** Per entry, its first name id and how many names it has (before bridging). */
  private readonly firstName = new IntList()
  private readonly nameCount = new IntList()
  private readonly keys: number[] = []

  constructor(private readonly index: ScreeningIndex) {}

  build(entries: readonly IndexEntry[], bridge: boolean): void {
    for (const entry of entries) this.add(entry)
    if (bridge) this.bridge()
    this.index.finish(this.pairs)
  }

  /** Adds a name to an entry, normalising its text unless a name with the same text is known. */
  private addName(entry: number, text: string, isPerson: boolean, origin: number, via: number): void {
    const cache = this.known[isPerson ? 1 : 0]
    const previous = cache?.get(text)
    const [pairKeys] = this.pairs
    this.keyStart.push(pairKeys?.length ?? 0)
    if (previous !== undefined) {
      const prepared = this.index.nameAt(previous)
      const start = this.keyStart.get(previous)
      const count = this.keyCount.get(previous)
      this.keyCount.push(count)
      // Reading a view of the buffer while pushing to it is safe: growth copies into a new buffer.
      const keys = pairKeys?.data.subarray(start, start + count) ?? new Int32Array(0)
      if (prepared) this.index.addName(entry, prepared, origin, via, keys, this.pairs)
      return
    }
    const prepared = prepareName(text, { isPerson })
    const keys = this.keys
    keys.length = 0
    nameKeys(prepared, (kind, key) => {
      const id = this.index.keyId(kind, key, true)
      if (!keys.includes(id)) keys.push(id)
    })
    this.keyCount.push(keys.length)
    cache?.set(text, this.index.size)
    this.index.addName(entry, prepared, origin, via, keys, this.pairs)
  }

  private add(entry: IndexEntry): void {
    const position = this.index.entries.length
    this.index.entries.push(entry)
    const isPerson = entry.entityType === 'person'
    this.firstName.push(this.index.size)
    const seen: string[] = []
    const push = (text: string, origin: number) => {
      const trimmed = text.trim()
      if (!trimmed || seen.includes(trimmed)) return
      seen.push(trimmed)
      this.addName(position, trimmed, isPerson, origin, -1)
    }
    push(entry.name, 0)
    for (const alias of entry.aliases) push(alias, 1)
    for (const former of entry.formerNames) push(former, 2)
    this.nameCount.push(seen.length)
  }

  /** Entries of different lists whose names agree exactly (after normalisation) share their aliases. */
  private bridge(): void {
    const entries = this.index.entries
    // First entry per key; the entries of keys that more than one entry has.
    const firstOf = new Map<string, number>()
    const groups = new Map<string, number[]>()
    entries.forEach((entry, position) => {
      if (entry.entityType === 'person') return
      const first = this.firstName.get(position)
      for (let id = first; id < first + this.nameCount.get(position); id++) {
        const prepared = this.index.nameAt(id)
        const key = prepared ? bridgeKey(prepared) : null
        if (key === null) continue
        const owner = firstOf.get(key)
        if (owner === undefined) firstOf.set(key, position)
        else if (owner !== position) {
          const group = groups.get(key)
          if (!group) groups.set(key, [owner, position])
          else if (group[group.length - 1] !== position && group.length <= 13) group.push(position)
        }
      }
    })
    firstOf.clear()
    const parent = new Int32Array(entries.length)
    for (let index = 0; index < parent.length; index++) parent[index] = index
    const find = (index: number): number => {
      let root = index
      while (parent[root] !== root) root = parent[root] ?? root
      return root
    }
    for (const group of groups.values()) {
      const entryIds = [...new Set(group)]
      // Very common names ("Ministry of Defence") are not evidence that two entries are one body.
      if (entryIds.length < 2 || entryIds.length > 12) continue
      const [first, ...rest] = entryIds
      for (const other of rest) parent[find(other)] = find(first ?? other)
    }
    const members = new Map<number, number[]>()
    for (let index = 0; index < parent.length; index++) {
      const root = find(index)
      if (root === index) continue
      let list = members.get(root)
      if (!list) {
        list = [root]
        members.set(root, list)
      }
      list.push(index)
    }
    for (const group of members.values()) {
      if (group.length < 2 || group.length > 12) continue
      for (const target of group) {
        const own = new Set(this.namesOf(target).map((name) => name.original))
        for (const source of group) {
          if (source === target) continue
          const isPerson = entries[source]?.entityType === 'person'
          for (const name of this.namesOf(source)) {
            if (own.has(name.original)) continue
            own.add(name.original)
            this.addName(target, name.original, isPerson, 3, source)
          }
        }
      }
    }
  }

  private namesOf(position: number): PreparedName[] {
    const first = this.firstName.get(position)
    const count = this.nameCount.get(position)
    const found: PreparedName[] = []
    for (let id = first; id < first + count; id++) {
      const name = this.index.nameAt(id)
      if (name) found.push(name)
    }
    return found
  }
}

/** The key under which names of different lists are bridged, or null when the name is too generic. */
function bridgeKey(prepared: PreparedName): string | null {
  const weighted = prepared.tokens.filter((item) => item.weight > 0)
  const distinctive = prepared.tokens.filter((item) => item.wordClass === 'name').length
  if (distinctive === 0 && weighted.length < 3) return null
  return weighted
    .map((item) => item.key)
    .sort()
    .join(' ')
}

/** The organisation's country as a soft qualifier: a small bonus when it agrees, a discount when it does not. */
function qualifyByCountry(
  comparison: NameComparison,
  entry: IndexEntry,
  options: QueryOptions,
  thresholds: Thresholds,
): NameComparison {
  if (options.isPerson || !options.country || entry.countries.length === 0) return comparison
  const country = options.country.toUpperCase()
  const agrees = entry.countries.includes(country)
  const score =
    Math.round(Math.min(1, agrees ? comparison.score + 0.02 : comparison.score * 0.9) * 1000) / 1000
  const note = agrees
    ? `country ${country} agrees`
    : `listed for ${entry.countries.join(', ')}, the partner is in ${country}`
  return {
    ...comparison,
    score,
    verdict: score >= thresholds.match ? 'match' : score >= thresholds.review ? 'review' : 'no-match',
    explanation: `${comparison.explanation}; ${note}`,
  }
}

/**
 * Compares two names, and when they do not match directly, looks for a listed body both are
 * names of (a name in characters on one list bridges to the English name on another).
 */
export function compareWithLists(
  index: ScreeningIndex | null,
  a: string,
  b: string,
  options: { isPerson?: boolean; thresholds?: Thresholds } = {},
): NameComparison {
  const thresholds = options.thresholds ?? defaultThresholds
  const direct = comparePrepared(
    prepareName(a, { isPerson: options.isPerson }),
    prepareName(b, { isPerson: options.isPerson }),
    thresholds,
  )
  if (!index || direct.verdict === 'match') return direct
  const hitsA = index.search(a, { isPerson: options.isPerson, thresholds })
  const hitsB = new Map(
    index.search(b, { isPerson: options.isPerson, thresholds }).map((hit) => [hit.entry.id, hit]),
  )
  let best = direct
  for (const hitA of hitsA) {
    const hitB = hitsB.get(hitA.entry.id)
    if (!hitB || hitA.comparison.verdict !== 'match' || hitB.comparison.verdict !== 'match') continue
    const score = Math.round(Math.min(hitA.comparison.score, hitB.comparison.score) * 0.98 * 1000) / 1000
    if (score <= best.score) continue
    best = {
      score,
      verdict: score >= thresholds.match ? 'match' : score >= thresholds.review ? 'review' : 'no-match',
      explanation: `both are names of "${hitA.entry.name}" (${hitA.entry.listName}): "${a}" matches "${hitA.matchedName}", "${b}" matches "${hitB.matchedName}"`,
      parts: [...hitA.comparison.parts, ...hitB.comparison.parts],
    }
  }
  return best
}
