import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { importList, listScreeningLists } from '../../modules/screening/index.js'
import { type ListFormat, ListFormatSchema } from '../../modules/screening/screening.schema.js'
import { loadConfig } from '../../platform/config.js'
import type { Ctx } from '../../platform/context.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'
import { commands } from './index.js'

/**
 * The operator at the command line has the database in hand anyway; list management runs with
 * the admin role, recorded in the audit trail under the operating-system account.
 */
export function asListAdmin(ctx: Ctx): Ctx {
  const actor = ctx.actor ?? {
    id: 'system',
    username: 'cli',
    displayName: 'Command line',
    roles: [],
    via: 'system' as const,
  }
  return { ...ctx, actor: { ...actor, roles: [{ role: 'admin', officeId: null }] } }
}

/** Reads the files of an import; for OFAC, FILE is sdn.csv (alt.csv and add.csv beside it) or their folder. */
export function readListFiles(
  format: ListFormat,
  path: string,
): { content: string; alt?: string; add?: string; fileName: string } {
  if (!existsSync(path)) throw new UsageError(`There is no file "${path}".`)
  if (format === 'ofac-sdn') {
    const folder = statSync(path).isDirectory() ? path : dirname(path)
    const sdn = statSync(path).isDirectory() ? join(path, 'sdn.csv') : path
    if (!existsSync(sdn)) throw new UsageError(`There is no sdn.csv in "${folder}".`)
    const optional = (name: string) =>
      existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : undefined
    return {
      content: readFileSync(sdn, 'utf8'),
      alt: optional('alt.csv'),
      add: optional('add.csv'),
      fileName: sdn,
    }
  }
  if (statSync(path).isDirectory()) throw new UsageError(`"${path}" is a folder; give the list file.`)
  return { content: readFileSync(path, 'utf8'), fileName: path }
}

/** `liaison lists import --format F FILE`: a new list version; a broken file changes nothing. */
export async function importListFile(input: CommandInput): Promise<number> {
  const command = commands.find((item) => item.name === 'lists import')
  const format = ListFormatSchema.safeParse(input.string('format'))
  if (!format.success) {
    throw new UsageError(`--format must be one of: ${ListFormatSchema.options.join(', ')}.`, command)
  }
  const files = readListFiles(format.data, input.args[0] ?? '')
  const version = await withCliContext(loadConfig(), (ctx) =>
    importList(asListAdmin(ctx), { format: format.data, ...files }),
  )
  for (const warning of version.warnings) input.io.stderr.write(`warning: ${warning}\n`)
  input.io.stdout.write(
    `version ${version.version}: ${version.entryCount} entries ` +
      `(${version.added} added, ${version.removed} removed, ${version.changed} changed); ` +
      're-screening of open cases is queued\n',
  )
  return exitCodes.ok
}

/** `liaison lists`: every list with its kind, current version, count and staleness. */
export async function showLists(input: CommandInput): Promise<number> {
  const lists = await withCliContext(loadConfig(), (ctx) => listScreeningLists(asListAdmin(ctx)))
  if (lists.length === 0) {
    input.io.stdout.write('No lists imported yet. Import one with "liaison lists import --format … FILE".\n')
    return exitCodes.ok
  }
  for (const list of lists) {
    const state = list.isStale ? `STALE since ${list.staleSince?.slice(0, 10)}` : 'current'
    input.io.stdout.write(
      `${list.key.padEnd(22)}${list.kind.padEnd(24)}v${String(list.currentVersion ?? 0).padEnd(4)}` +
        `${String(list.entryCount).padStart(7)} entries  imported ${list.importedAt?.slice(0, 10) ?? '-'}  ${state}\n`,
    )
  }
  return exitCodes.ok
}
