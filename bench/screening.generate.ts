/**
 * Makes a large, realistic set of listed names from the real lists: every real entry plus
 * variants of it (typos, legal forms, departments and branches, other cities, case, word order),
 * as a screening index would hold them after years of list imports.
 */
import type { IndexEntry } from '../src/modules/screening/screening.index.js'

/** A small deterministic random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const cities = [
  'Beijing',
  'Shanghai',
  'Shenzhen',
  'Wuhan',
  'Chengdu',
  'Xian',
  'Nanjing',
  'Tianjin',
  'Harbin',
  'Dalian',
  'Moscow',
  'Tehran',
  'Minsk',
  'Dubai',
  'Hong Kong',
  'Novosibirsk',
  'Qingdao',
  'Hefei',
  'Changsha',
  'Guangzhou',
]
const legalForms = [
  'Co., Ltd.',
  'LLC',
  'Limited',
  'Group Co., Ltd.',
  'JSC',
  'GmbH',
  'Corporation',
  '有限公司',
]
const units = [
  'Research Institute',
  'Branch',
  'Laboratory',
  'Technology Center',
  'Trading Company',
  'Subsidiary',
  'Institute',
]

/** A spelling variant of a name: one or two random, realistic changes. */
export function variantOf(name: string, random: () => number): string {
  let result = name
  const changes = 1 + Math.floor(random() * 2)
  for (let index = 0; index < changes; index++) {
    const choice = Math.floor(random() * 7)
    const words = result.split(' ')
    if (choice === 0) {
      const at = Math.floor(random() * words.length)
      const word = words[at] ?? ''
      if (word.length >= 6) {
        const position = 1 + Math.floor(random() * (word.length - 3))
        words[at] =
          word.slice(0, position) +
          (word[position + 1] ?? '') +
          (word[position] ?? '') +
          word.slice(position + 2)
      }
      result = words.join(' ')
    } else if (choice === 1) result = `${result} ${legalForms[Math.floor(random() * legalForms.length)]}`
    else if (choice === 2)
      result = `${cities[Math.floor(random() * cities.length)]} ${units[Math.floor(random() * units.length)]} of ${result}`
    else if (choice === 3) result = `${result} (${cities[Math.floor(random() * cities.length)]})`
    else if (choice === 4) result = result.toUpperCase()
    else if (choice === 5 && words.length > 2) result = [...words.slice(1), words[0]].join(' ')
    else result = `${result} No. ${1 + Math.floor(random() * 999)}`
  }
  return result
}

const origins = new WeakMap<IndexEntry, string>()

/** The id of the real entry a generated entry is a variant of (the same body), or null for a real entry. */
export function generatedFrom(entry: IndexEntry): string | null {
  return origins.get(entry) ?? null
}

/** `total` index entries: the real ones, then variants of them until the total is reached. */
export function generateEntries(real: readonly IndexEntry[], total: number, seed = 42): IndexEntry[] {
  const random = seededRandom(seed)
  const none: string[] = []
  const entries: IndexEntry[] = [...real]
  for (let index = entries.length; index < total; index++) {
    const base = real[Math.floor(random() * real.length)]
    if (!base) break
    const entry: IndexEntry = {
      ...base,
      id: `generated:${index}`,
      entityKey: `generated:${index}`,
      name: variantOf(base.name, random),
      aliases: none,
      formerNames: none,
    }
    origins.set(entry, base.id)
    entries.push(entry)
  }
  return entries
}
