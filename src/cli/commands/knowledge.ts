import { importKnowledgeFiles, readKnowledgeFolder } from '../../modules/knowledge/index.js'
import { loadConfig } from '../../platform/config.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'
import { commands } from './index.js'
import { asListAdmin } from './lists.js'

/** `liaison knowledge import DIR`: loads Markdown documents with front matter; prints what changed. */
export async function importKnowledge(input: CommandInput): Promise<number> {
  const folder = input.args[0]
  if (!folder)
    throw new UsageError(
      'Give the folder to import.',
      commands.find((item) => item.name === 'knowledge import'),
    )
  const files = readKnowledgeFolder(folder)
  const report = await withCliContext(loadConfig(), (ctx) => importKnowledgeFiles(asListAdmin(ctx), files))
  input.io.stdout.write(
    `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.problems.length} skipped\n`,
  )
  for (const key of report.created) input.io.stdout.write(`  created  ${key}\n`)
  for (const key of report.updated) input.io.stdout.write(`  updated  ${key}\n`)
  for (const problem of report.problems) input.io.stderr.write(`error: ${problem.path}: ${problem.message}\n`)
  return report.problems.length > 0 ? exitCodes.failure : exitCodes.ok
}
