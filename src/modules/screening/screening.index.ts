import {
  comparePrepared,
  defaultThresholds,
  type NameComparison,
  type Thresholds,
} from './screening.matcher.js'
import { allowedEdits, editDistance, type PreparedName, prepareName } from './screening.normalize.js'
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

interface IndexedName {
  entry: number
  prepared: PreparedName
  origin: IndexHit['origin']
  via: string | null
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

function nameKeys(prepared: PreparedName): string[] {
  const keys = new Set<string>()
  const names = prepared.tokens.filter((item) => item.wordClass === 'name')
  for (const item of names) keys.add(`t:${item.key}`)
  if (names.length >= 2) keys.add(`c:${names.map((item) => item.key).join('')}`)
  if (names.length === 0) {
    const descriptors = prepared.tokens.filter((item) => item.wordClass === 'descriptor')
    keys.add(
      `d:${descriptors
        .map((item) => item.key)
        .sort()
        .join('+')}`,
    )
  }
  if (prepared.initials.length >= 3) keys.add(`a:${prepared.initials}`)
  if (prepared.pinyinKey) keys.add(`p:${prepared.pinyinKey}`)
  return [...keys]
}

/** Deletion variants of a word (SymSpell), for finding words within the allowed edit distance. */
function deletions(word: string, depth: number): string[] {
  const found = new Set<string>([word])
  let frontier = [word]
  for (let level = 0; level < depth; level++) {
    const next: string[] = []
    for (const item of frontier) {
      for (let index = 0; index < item.length; index++) {
        const variant = item.slice(0, index) + item.slice(index + 1)
        if (!found.has(variant)) {
          found.add(variant)
          next.push(variant)
        }
      }
    }
    frontier = next
  }
  return [...found]
}

/**
 * The in-memory screening index: every name and alias of every entry, blocked by words, joined
 * words, acronyms and typo-tolerant word variants; candidates are then scored by the matcher.
 */
export class ScreeningIndex {
  readonly entries: IndexEntry[] = []
  private readonly names: IndexedName[] = []
  private readonly postings = new Map<string, number[]>()
  private readonly vocabulary = new Set<string>()
  private deletionIndex: Map<string, string[]> | null = null

  /** Builds an index; `bridge` joins entries of different lists that share a distinctive name. */
  static build(entries: readonly IndexEntry[], options: { bridge?: boolean } = {}): ScreeningIndex {
    const index = new ScreeningIndex()
    for (const entry of entries) index.add(entry)
    if (options.bridge ?? true) index.bridge()
    return index
  }

  /** How many names (names, aliases, former names, bridges) the index holds. */
  get size(): number {
    return this.names.length
  }

  private add(entry: IndexEntry): void {
    const position = this.entries.length
    this.entries.push(entry)
    const isPerson = entry.entityType === 'person'
    const seen = new Set<string>()
    const push = (text: string, origin: IndexHit['origin'], via: string | null) => {
      const trimmed = text.trim()
      if (!trimmed || seen.has(trimmed)) return
      seen.add(trimmed)
      this.addName({ entry: position, prepared: prepareName(trimmed, { isPerson }), origin, via })
    }
    push(entry.name, 'name', null)
    for (const alias of entry.aliases) push(alias, 'alias', null)
    for (const former of entry.formerNames) push(former, 'former name', null)
  }

  private addName(name: IndexedName): void {
    const id = this.names.length
    this.names.push(name)
    for (const key of nameKeys(name.prepared)) {
      let list = this.postings.get(key)
      if (!list) {
        list = []
        this.postings.set(key, list)
        if (key.startsWith('t:')) this.vocabulary.add(key.slice(2))
      }
      if (list[list.length - 1] !== id) list.push(id)
    }
  }

  /** Entries of different lists whose names agree exactly (after normalisation) share their aliases. */
  private bridge(): void {
    const groups = new Map<string, Set<number>>()
    this.names.forEach((name, id) => {
      const entry = this.entries[name.entry]
      if (!entry || entry.entityType === 'person') return
      const key = name.prepared.tokens
        .filter((item) => item.weight > 0)
        .map((item) => item.key)
        .sort()
        .join(' ')
      const distinctive = name.prepared.tokens.filter((item) => item.wordClass === 'name').length
      if (distinctive === 0 && name.prepared.tokens.filter((item) => item.weight > 0).length < 3) return
      const group = groups.get(key) ?? new Set<number>()
      group.add(id)
      groups.set(key, group)
    })
    const parent = this.entries.map((_, index) => index)
    const find = (index: number): number => {
      let root = index
      while (parent[root] !== root) root = parent[root] ?? root
      return root
    }
    for (const group of groups.values()) {
      const entryIds = [...new Set([...group].map((id) => this.names[id]?.entry ?? 0))]
      // Very common names ("Ministry of Defence") are not evidence that two entries are one body.
      if (entryIds.length < 2 || entryIds.length > 12) continue
      const [first, ...rest] = entryIds
      for (const other of rest) parent[find(other)] = find(first ?? other)
    }
    const members = new Map<number, number[]>()
    this.entries.forEach((_, index) => {
      const root = find(index)
      const list = members.get(root) ?? []
      list.push(index)
      members.set(root, list)
    })
    const original = this.names.length
    const byEntry = new Map<number, IndexedName[]>()
    for (let id = 0; id < original; id++) {
      const name = this.names[id]
      if (!name) continue
      const list = byEntry.get(name.entry) ?? []
      list.push(name)
      byEntry.set(name.entry, list)
    }
    for (const group of members.values()) {
      if (group.length < 2 || group.length > 12) continue
      for (const target of group) {
        const own = new Set((byEntry.get(target) ?? []).map((name) => name.prepared.original))
        for (const source of group) {
          if (source === target) continue
          const sourceEntry = this.entries[source]
          for (const name of byEntry.get(source) ?? []) {
            if (own.has(name.prepared.original)) continue
            own.add(name.prepared.original)
            this.addName({
              entry: target,
              prepared: name.prepared,
              origin: 'bridge',
              via: sourceEntry ? `${sourceEntry.listName}: ${sourceEntry.name}` : null,
            })
          }
        }
      }
    }
  }

  private similarWords(word: string): string[] {
    const max = allowedEdits(word.length)
    if (max === 0) return []
    if (!this.deletionIndex) {
      const built = new Map<string, string[]>()
      for (const known of this.vocabulary) {
        const depth = allowedEdits(known.length)
        if (depth === 0) continue
        for (const variant of deletions(known, depth)) {
          const list = built.get(variant)
          if (list) list.push(known)
          else built.set(variant, [known])
        }
      }
      this.deletionIndex = built
    }
    const found = new Set<string>()
    for (const variant of deletions(word, max)) {
      for (const known of this.deletionIndex.get(variant) ?? []) {
        if (known !== word && editDistance(word, known, max) <= max) found.add(known)
      }
    }
    return [...found]
  }

  /** Builds the typo index now rather than at the first query (benchmarks measure it with the build). */
  warm(): void {
    this.similarWords('warmingup')
  }

  /** The entries a name may mean, best first, each with its score and explanation. */
  search(query: string, options: QueryOptions = {}): IndexHit[] {
    const thresholds = options.thresholds ?? defaultThresholds
    const isPerson = options.isPerson ?? false
    const prepared = prepareName(query, { isPerson })
    const keys = new Map<string, number>()
    for (const key of nameKeys(prepared)) keys.set(key, 1)
    for (const item of prepared.tokens) {
      if (item.wordClass !== 'name') continue
      for (const similar of this.similarWords(item.key)) keys.set(`t:${similar}`, 0.8)
      // A single word may be a whole name written without spaces, or an acronym.
      keys.set(`c:${item.key}`, 1)
      if (prepared.isAcronym) keys.set(`a:${item.key}`, 0.9)
    }
    // Query parts (a department's university) are looked up on their own as well.
    const segments = new Set(prepared.tokens.map((item) => item.segment))
    if (segments.size > 1) {
      for (const segment of segments) {
        const names = prepared.tokens.filter((item) => item.segment === segment && item.wordClass === 'name')
        if (names.length === 0) {
          const descriptors = prepared.tokens.filter(
            (item) => item.segment === segment && item.wordClass === 'descriptor',
          )
          keys.set(
            `d:${descriptors
              .map((item) => item.key)
              .sort()
              .join('+')}`,
            1,
          )
        }
      }
    }
    const total = this.names.length || 1
    const weighted = [...keys]
      .map(([key, weight]) => ({ key, weight, list: this.postings.get(key) }))
      .filter((item): item is { key: string; weight: number; list: number[] } => item.list !== undefined)
      .sort((a, b) => a.list.length - b.list.length)
    const scores = new Map<number, number>()
    let visited = 0
    for (const { weight, list } of weighted) {
      // Very common words only count once rarer ones have not narrowed the field.
      if (visited > 0 && visited + list.length > 20_000) continue
      const idf = weight * Math.log(1 + total / list.length)
      for (const id of list) scores.set(id, (scores.get(id) ?? 0) + idf)
      visited += list.length
    }
    const candidates = [...scores].sort((a, b) => b[1] - a[1]).slice(0, 40)
    const best = new Map<number, IndexHit>()
    for (const [id] of candidates) {
      const name = this.names[id]
      if (!name) continue
      const entry = this.entries[name.entry]
      if (!entry) continue
      if (isPerson ? entry.entityType === 'organisation' : entry.entityType === 'person') continue
      if (isPerson && !personListKinds.includes(entry.listKind)) continue
      let comparison = comparePrepared(prepared, name.prepared, thresholds)
      comparison = qualifyByCountry(comparison, entry, options, thresholds)
      if (comparison.verdict === 'no-match') continue
      const previous = best.get(name.entry)
      if (previous && previous.comparison.score >= comparison.score) continue
      const explanation =
        name.origin === 'bridge'
          ? `${comparison.explanation}; the name is an alias of the same body on ${name.via}`
          : name.origin === 'name'
            ? comparison.explanation
            : `${comparison.explanation} (${name.origin} on the list)`
      best.set(name.entry, {
        entry,
        matchedName: name.prepared.original,
        origin: name.origin,
        via: name.via,
        comparison: { ...comparison, explanation },
      })
    }
    return [...best.values()]
      .sort((a, b) => b.comparison.score - a.comparison.score)
      .slice(0, options.limit ?? 20)
  }
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
