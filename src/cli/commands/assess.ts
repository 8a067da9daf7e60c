import { readFile } from 'node:fs/promises'
import type { AssessmentResult } from '../../modules/assessment/index.js'
import { assess, getAssessmentIndex, maxAdHocCharacters } from '../../modules/assessment/index.js'
import { DataSheetSchema } from '../../modules/collaborations/index.js'
import { loadConfig } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'

// Four bytes per character at most in UTF-8: anything larger cannot be within the character limit.
const maxBytes = maxAdHocCharacters * 4

async function readAll(stream: NodeJS.ReadStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > maxBytes) break
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Decodes a description and refuses what is not one: empty, binary (NUL bytes or invalid UTF-8)
 * or longer than the limit of the ad-hoc assessment.
 * @throws AppError('validation') naming the problem
 */
export function decodeDescription(bytes: Buffer, source: string): string {
  if (bytes.length > maxBytes)
    throw new AppError(
      'validation',
      `${source} is larger than the limit of ${maxAdHocCharacters} characters.`,
    )
  if (bytes.includes(0))
    throw new AppError('validation', `${source} looks binary (it contains NUL bytes); give a text file.`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new AppError('validation', `${source} is not UTF-8 text.`)
  }
  if (text.trim() === '') throw new AppError('validation', `${source} is empty: give a project description.`)
  if (text.length > maxAdHocCharacters)
    throw new AppError(
      'validation',
      `${source} has ${text.length} characters; the limit is ${maxAdHocCharacters}.`,
    )
  return text
}

/** `liaison assess [--trl N] [--json] [FILE]`: pre-assesses a description from FILE or standard input. */
export async function assessDescription(input: CommandInput): Promise<number> {
  const trlOption = input.string('trl')
  const trl = trlOption === undefined ? null : Number(trlOption)
  if (trl !== null && !(Number.isInteger(trl) && trl >= 1 && trl <= 9))
    throw new UsageError('--trl must be a whole number from 1 to 9.')
  const [file] = input.args
  let bytes: Buffer
  if (file) {
    try {
      bytes = await readFile(file)
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : ''
      throw new AppError(
        'validation',
        code === 'ENOENT' ? `There is no file ${file}.` : `Cannot read ${file} (${code || 'error'}).`,
      )
    }
  } else {
    if (input.io.stdin.isTTY)
      input.io.stderr.write('Reading the description from standard input (end with Ctrl-D) …\n')
    bytes = await readAll(input.io.stdin)
  }
  const text = decodeDescription(bytes, file ?? 'The input')
  const result = await withCliContext(loadConfig(), async (ctx) => {
    const index = await getAssessmentIndex(ctx)
    const sheet = DataSheetSchema.parse({ description: text, trl })
    return assess(index, { sheet, today: ctx.now().toISOString().slice(0, 10) })
  })
  input.io.stdout.write(input.flag('json') ? `${JSON.stringify(result)}\n` : describeResult(result))
  return exitCodes.ok
}

/** The result as an operator reads it on a terminal. */
export function describeResult(result: AssessmentResult): string {
  const lines = [`Risk level: ${result.riskLevel} (score ${result.riskScore})`, '', result.summary.en, '']
  if (result.candidates.length > 0) {
    lines.push('Control-list candidates:')
    for (const candidate of result.candidates) {
      lines.push(
        `  ${candidate.code}  cat. ${candidate.category}  ${candidate.score.toFixed(1).padStart(6)}  ${candidate.strength.padEnd(8)} ${candidate.status}  ${candidate.heading.slice(0, 70)}`,
      )
      for (const mapping of candidate.mappings.slice(0, 3))
        lines.push(`      "${mapping.found}" → ${mapping.means}`)
      if (candidate.exclusionNote) lines.push(`      note: ${candidate.exclusionNote.slice(0, 160)}`)
      for (const comparison of candidate.thresholds.slice(0, 3))
        lines.push(
          `      ${comparison.found} vs ${comparison.threshold}: ${comparison.isMet ? 'meets' : 'below'}`,
        )
    }
    lines.push('')
  }
  if (result.areas.length > 0)
    lines.push(`Sensitive areas: ${result.areas.map((area) => area.key).join(', ')}`, '')
  lines.push(`TRL band: ${result.proportionality.band}`)
  for (const exemption of result.proportionality.exemptions)
    lines.push(`  ${exemption.kind}: ${exemption.reasonEn}`)
  lines.push('', 'Factors:')
  for (const factor of result.factors)
    lines.push(`  ${factor.weight >= 0 ? '+' : ''}${factor.weight}  ${factor.key}: ${factor.reasonEn}`)
  if (result.factors.length === 0) lines.push('  (none)')
  for (const rule of result.noGos)
    lines.push(`No-go rule "${rule.name}" (${rule.consequence}): ${rule.explanation}`)
  if (result.offices.length > 0) lines.push('', `Offices: ${result.offices.join(', ')}`)
  const versions = result.versions
  lines.push(
    '',
    `Versions: annex ${versions.annex} (${versions.annexLabel}), vocabulary ${versions.vocabulary}, areas ${versions.sensitiveAreas}, rules ${versions.noGoRules}, weights ${versions.weights}, ${versions.engine}`,
  )
  return `${lines.join('\n')}\n`
}
