import { existsSync, statSync } from 'node:fs'
import { importTrainingModules, readModuleFolder } from '../../modules/training/index.js'
import { loadConfig } from '../../platform/config.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'
import { commands } from './index.js'
import { asListAdmin } from './lists.js'

/** `liaison training import DIR`: every module file of the folder, as new module versions where changed. */
export async function importTraining(input: CommandInput): Promise<number> {
  const command = commands.find((item) => item.name === 'training import')
  const folder = input.args[0] ?? ''
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`"${folder}" is not a folder of module files.`, command)
  const files = readModuleFolder(folder)
  if (files.length === 0) throw new UsageError(`There are no .json files in "${folder}".`, command)
  const outcomes = await withCliContext(loadConfig(), (ctx) => importTrainingModules(asListAdmin(ctx), files))
  for (const outcome of outcomes) {
    const what =
      outcome.outcome === 'added'
        ? `imported as version ${outcome.version}`
        : outcome.outcome === 'unchanged'
          ? `unchanged (version ${outcome.version})`
          : `skipped: older than the stored version ${outcome.version}`
    input.io.stdout.write(`${outcome.key.padEnd(28)}${what}\n`)
  }
  return exitCodes.ok
}
