/**
 * The dual-use pre-assessment: index build time, time to assess a 20,000-character description,
 * throughput on 1,000 realistic descriptions, and the quality figures on the labelled set.
 */
import { readFileSync } from 'node:fs'
import { shippedReferenceSet } from '../src/modules/assessment/assessment.data.js'
import { assess, isFlagged } from '../src/modules/assessment/assessment.engine.js'
import { buildIndex } from '../src/modules/assessment/assessment.index.js'
import { DataSheetSchema } from '../src/modules/collaborations/collaboration.schema.js'
import { ms, percentile } from './machine.js'

interface Labelled {
  id: string
  category?: string
  entries?: string[]
  language: string
  register: string
  trl: number
  text: string
}
interface Abstract {
  title: string
  text: string
  keywords: string
}

const fixtures = new URL('../test/fixtures/assessment/', import.meta.url)
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'))

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const controlled = read<Labelled[]>('controlled.json')
  const civil = read<Labelled[]>('civil.json')
  const abstracts = read<Abstract[]>('cordis-abstracts.json')

  const loadStart = performance.now()
  const refs = shippedReferenceSet()
  const buildStart = performance.now()
  const index = buildIndex(refs)
  const buildEnd = performance.now()
  const today = '2026-06-01'
  const run = (text: string, trl: number | null = null) =>
    assess(index, { sheet: DataSheetSchema.parse({ description: text, trl }), today })

  // 20,000-character descriptions: realistic abstracts with one controlled description inside.
  const long: string[] = []
  for (let variant = 0; variant < 100; variant++) {
    let text = ''
    let at = variant * 7
    while (text.length < 20_000) {
      const item =
        at % 10 === 3 ? controlled[at % controlled.length]?.text : abstracts[at % abstracts.length]?.text
      text += `${item ?? ''}\n\n`
      at++
    }
    long.push(text.slice(0, 20_000))
  }
  for (const text of long.slice(0, 10)) run(text)
  const times = long.map((text) => {
    const start = performance.now()
    run(text)
    return performance.now() - start
  })

  const realistic = Array.from({ length: 1000 }, (_, position) => {
    const labelled = [...controlled, ...civil]
    if (position % 5 === 0) return labelled[position % labelled.length]?.text ?? ''
    const abstract = abstracts[position % abstracts.length]
    return abstract ? `${abstract.title}\n\n${abstract.text}\n\nKeywords: ${abstract.keywords}` : ''
  })
  const throughputStart = performance.now()
  for (const text of realistic) run(text)
  const throughputSeconds = (performance.now() - throughputStart) / 1000

  let categoryHits = 0
  let flaggedControlled = 0
  let entryHits = 0
  const misses: string[] = []
  for (const item of controlled) {
    const result = run(item.text, item.trl)
    const top3 = result.candidates.slice(0, 3).map((candidate) => candidate.category)
    const top5 = result.candidates.slice(0, 5).map((candidate) => candidate.code)
    const categoryOk = item.category !== undefined && top3.includes(item.category)
    const entryOk = (item.entries ?? []).some((code) => top5.includes(code))
    if (result.candidates.some(isFlagged)) flaggedControlled++
    if (categoryOk) categoryHits++
    if (entryOk) entryHits++
    if (!categoryOk || !entryOk) misses.push(`${item.id}: top5 ${top5.join(' ') || '-'}`)
  }
  let unflagged = 0
  for (const item of civil) {
    const result = run(item.text, item.trl)
    const flagged = result.candidates.filter(isFlagged)
    if (flagged.length === 0 && result.riskLevel === 'low') unflagged++
    else
      misses.push(
        `${item.id} (civil): ${result.riskLevel} ${flagged.map((candidate) => candidate.code).join(' ')}`,
      )
  }

  const fraction = (value: number, total: number) => `${(value / total).toFixed(3)} (${value}/${total})`
  const lines = [
    `reference data loaded in ${ms(buildStart - loadStart)}; ${refs.annex.entries.length} Annex I entries`,
    `index build: ${ms(buildEnd - buildStart)}`,
    `assess 20,000 characters: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))} (${times.length} descriptions)`,
    `throughput: ${(realistic.length / throughputSeconds).toFixed(0)} descriptions/s (1,000 realistic descriptions in ${(throughputSeconds * 1000).toFixed(0)} ms)`,
    `category top-3 accuracy: ${fraction(categoryHits, controlled.length)}`,
    `entry recall@5: ${fraction(entryHits, controlled.length)}`,
    `civil descriptions left unflagged: ${fraction(unflagged, civil.length)}`,
    `controlled descriptions with a flagged candidate: ${fraction(flaggedControlled, controlled.length)}`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  if (misses.length > 0) process.stdout.write(`misses:\n  ${misses.join('\n  ')}\n`)
}
