/**
 * Partner screening: quality on the labelled pairs, and speed and memory of the index at
 * 1,000,000 names, compared with Fuse.js. `npm run bench -- screening`.
 */
import Fuse from 'fuse.js'
import {
  compareWithLists,
  type IndexEntry,
  ScreeningIndex,
} from '../src/modules/screening/screening.index.js'
import { defaultThresholds } from '../src/modules/screening/screening.matcher.js'
import { type LabelledPair, labelledPairs, realIndexEntries } from '../test/fixtures/screening/labelled.js'
import { ms, percentile } from './machine.js'
import { generatedFrom, generateEntries, seededRandom, variantOf } from './screening.generate.js'

const say = (line: string) => process.stdout.write(`${line}\n`)
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`

function quality(label: string, pairs: readonly LabelledPair[], index: ScreeningIndex | null) {
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (const pair of pairs) {
    const flagged =
      compareWithLists(index, pair.name1, pair.name2, { isPerson: pair.isPerson }).verdict !== 'no-match'
    if (pair.isSame) flagged ? tp++ : fn++
    else flagged ? fp++ : tn++
  }
  const precision = tp / (tp + fp)
  const recall = tp / (tp + fn)
  const f1 = (2 * precision * recall) / (precision + recall)
  say(
    `  ${label.padEnd(44)} n=${String(pairs.length).padStart(4)}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${tp} fp ${fp} fn ${fn} tn ${tn})`,
  )
}

function heapUsed(): number {
  const collect = (globalThis as { gc?: () => void }).gc
  collect?.()
  return process.memoryUsage().heapUsed
}

/** Runs the screening benchmark and prints its figures. */
export async function run(): Promise<void> {
  const real = realIndexEntries()
  const realIndex = ScreeningIndex.build(real)
  const pairs = labelledPairs()
  const hand = pairs.filter(
    (pair) =>
      !pair.what.startsWith('hard negative sharing') &&
      ![
        'case',
        'typo',
        'punctuation',
        'legal form',
        'old romanisation',
        'department',
        'pinyin with spaces',
        'pinyin with tones, no spaces',
      ].includes(pair.what),
  )
  say(
    `quality on ${pairs.length} labelled pairs (flagged = verdict match or review; thresholds match ${defaultThresholds.match}, review ${defaultThresholds.review})`,
  )
  quality('all pairs, matcher + list aliases', pairs, realIndex)
  quality(
    'Chinese pairs, matcher + list aliases',
    pairs.filter((pair) => pair.isChinese),
    realIndex,
  )
  quality('hand-written hard cases, matcher + aliases', hand, realIndex)
  quality('all pairs, matcher alone', pairs, null)
  quality(
    'Chinese pairs, matcher alone',
    pairs.filter((pair) => pair.isChinese),
    null,
  )

  const total = Number(process.env.SCREENING_BENCH_NAMES ?? 1_000_000)
  const entries = generateEntries(real, total)
  const before = heapUsed()
  let started = performance.now()
  const index = ScreeningIndex.build(entries)
  index.warm()
  const buildMs = performance.now() - started
  const after = heapUsed()
  say(
    `\nindex: ${entries.length.toLocaleString('en')} entries, ${index.size.toLocaleString('en')} names (with aliases and bridges)`,
  )
  say(
    `  build ${ms(buildMs)}; heap for the index ${mib(after - before)}; process RSS ${mib(process.memoryUsage().rss)}`,
  )

  // Queries: fresh variants of real entries (each should find its entry) and names not listed.
  const random = seededRandom(7)
  const queries: { name: string; expected: string | null; entry: IndexEntry | null }[] = []
  const organisations = real.filter((entry) => entry.entityType === 'organisation')
  for (let i = 0; i < 1000; i++) {
    if (i % 5 === 4) {
      queries.push({
        name: `Havelland ${['Solar', 'Geodesy', 'Optics', 'Marine'][i % 4]} Research Cooperative ${i}`,
        expected: null,
        entry: null,
      })
      continue
    }
    const entry = organisations[Math.floor(random() * organisations.length)]
    if (!entry) continue
    queries.push({
      name: i % 3 === 0 ? entry.name : variantOf(entry.name, random),
      expected: entry.id,
      entry,
    })
  }
  const times: number[] = []
  let found = 0
  let foundBody = 0
  let positives = 0
  for (const query of queries) {
    const start = performance.now()
    const hits = index.search(query.name)
    times.push(performance.now() - start)
    if (query.expected) {
      positives++
      if (hits.some((hit) => hit.entry.id === query.expected || hit.entry.name === query.entry?.name)) found++
      // The generated entries are variants of a real entry: the same body listed under another
      // spelling. When twenty of them outrank the real entry, the body has still been found.
      if (
        hits.some(
          (hit) =>
            hit.entry.id === query.expected ||
            hit.entry.name === query.entry?.name ||
            generatedFrom(hit.entry) === query.expected,
        )
      )
        foundBody++
    }
  }
  say(
    `  ${queries.length} single queries: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, recall ${(found / positives).toFixed(3)} (${found}/${positives})`,
  )
  say(
    `  recall counting a listed variant of the same body (generated from the same real entry): ${(foundBody / positives).toFixed(3)} (${foundBody}/${positives})`,
  )

  started = performance.now()
  for (let i = 0; i < 10_000; i++) {
    const entry = organisations[i % organisations.length]
    if (entry) index.search(variantOf(entry.name, random), { country: 'CN' })
  }
  say(`  re-screen of 10,000 partners: ${ms(performance.now() - started)}`)

  // Fuse.js, the usual JavaScript fuzzy search, over the real lists (names and aliases).
  const sample = queries.slice(0, 40)
  const documents = real.flatMap((entry) =>
    [entry.name, ...entry.aliases].map((name) => ({ id: entry.id, name })),
  )
  started = performance.now()
  const fuse = new Fuse(documents, {
    keys: ['name'],
    threshold: 0.4,
    includeScore: true,
    ignoreLocation: true,
  })
  const fuseBuild = performance.now() - started
  const ours = { ms: 0, found: 0 }
  const theirs = { ms: 0, found: 0 }
  let samplePositives = 0
  for (const query of sample) {
    let start = performance.now()
    const hits = realIndex.search(query.name)
    ours.ms += performance.now() - start
    start = performance.now()
    const fuseHits = fuse.search(query.name, { limit: 20 })
    theirs.ms += performance.now() - start
    if (!query.expected) continue
    samplePositives++
    if (hits.some((hit) => hit.entry.id === query.expected)) ours.found++
    if (fuseHits.some((hit) => hit.item.id === query.expected)) theirs.found++
  }
  say(
    `\nFuse.js comparison: ${sample.length} queries against the real lists (${documents.length.toLocaleString('en')} names), top 20`,
  )
  say(
    `  Liaison: ${ms(ours.ms / sample.length)} per query, recall ${(ours.found / samplePositives).toFixed(3)}`,
  )
  say(
    `  Fuse.js: ${ms(theirs.ms / sample.length)} per query (index ${ms(fuseBuild)}), recall ${(theirs.found / samplePositives).toFixed(3)}`,
  )
  say(`  time ratio Fuse.js / Liaison: ${(theirs.ms / ours.ms).toFixed(1)} ×`)
  const fuseLarge = new Fuse(
    entries.slice(0, 100_000).map((entry) => ({ id: entry.id, name: entry.name })),
    { keys: ['name'], threshold: 0.4, ignoreLocation: true },
  )
  started = performance.now()
  for (const query of sample.slice(0, 3)) fuseLarge.search(query.name, { limit: 20 })
  const fusePerQuery = (performance.now() - started) / 3
  say(
    `  Fuse.js on 100,000 of the generated names: ${ms(fusePerQuery)} per query (≈ ${ms(fusePerQuery * (total / 100_000))} at ${total.toLocaleString('en')}, linear scan)`,
  )
}
