import { readFile } from 'node:fs/promises'
import { importAnnexUnchecked, listReferenceVersions } from '../../modules/assessment/index.js'
import { loadConfig } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import { type CommandInput, exitCodes } from '../command.js'
import { withCliContext } from '../context.js'
import { formatTable } from '../table.js'

/** `liaison reference import annex FILE`: imports Annex I as a new version unless it is unchanged. */
export async function importAnnex(input: CommandInput): Promise<number> {
  const [file = ''] = input.args
  let json: string
  try {
    json = await readFile(file, 'utf8')
  } catch {
    throw new AppError('validation', `Cannot read ${file}.`)
  }
  const report = await withCliContext(loadConfig(), async (ctx) => {
    try {
      return await importAnnexUnchecked(ctx, json)
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new AppError('validation', `${file} is not JSON: ${error.message}`)
      throw error
    }
  })
  input.io.stdout.write(
    report.isNew
      ? `Imported Annex I ${report.label} as version ${report.version} (${report.entries} entries).\n`
      : `Unchanged: Annex I ${report.label} is already version ${report.version}; nothing imported.\n`,
  )
  return exitCodes.ok
}

/** `liaison reference list`: every stored version of the assessment reference data. */
export async function listReference(input: CommandInput): Promise<number> {
  const versions = await withCliContext(loadConfig(), (ctx) => listReferenceVersions(ctx))
  input.io.stdout.write(
    formatTable(
      ['KIND', 'KEY', 'VERSION', 'LABEL', 'CREATED', 'BY'],
      versions.map((row) => [
        row.kind,
        row.key || '-',
        String(row.version),
        row.label,
        row.createdAt,
        row.createdBy,
      ]),
    ),
  )
  return exitCodes.ok
}
