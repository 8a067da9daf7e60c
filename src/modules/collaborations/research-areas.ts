import { readFileSync } from 'node:fs'
import { parseCsvRecords } from '../../shared/csv.js'
import type { ResearchArea } from './collaboration.schema.js'

// Upstream irregularities noted in data/dfg-subject-classification/SOURCE.md, corrected on load.
const labelCorrections: Record<string, Partial<Pick<ResearchArea, 'labelDe' | 'labelEn'>>> = {
  '213': { labelDe: 'Zoologie' },
  '314': { labelEn: 'Analytical Chemistry' },
}

let cached: ResearchArea[] | null = null

/** The level follows from the notation: 1 = discipline, 11 = research area, 111 = review board, 111-01 = subject area. */
function levelOf(code: string): number {
  if (code.includes('-')) return 3
  return Math.min(code.length - 1, 2)
}

function parentOf(code: string): string | null {
  if (code.includes('-')) return code.split('-')[0] ?? null
  return code.length > 1 ? code.slice(0, -1) : null
}

/** The DFG subject classification 2024–2028 shipped in data/, read once. */
export function researchAreas(): ResearchArea[] {
  if (cached) return cached
  const file = new URL('../../../data/dfg-subject-classification/dfg-2024.concepts.csv', import.meta.url)
  cached = parseCsvRecords(readFileSync(file, 'utf8')).map((record) => {
    const code = record.notation ?? ''
    return {
      code,
      level: levelOf(code),
      labelDe: record['prefLabel@de'] ?? '',
      labelEn: record['prefLabel@en'] ?? '',
      parent: parentOf(code),
      ...labelCorrections[code],
    }
  })
  return cached
}

/** Whether a code is a DFG subject area (the level researchers choose). */
export function isSubjectArea(code: string): boolean {
  return researchAreas().some((area) => area.code === code && area.level === 3)
}
