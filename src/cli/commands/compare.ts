import { compareTwoNames } from '../../modules/screening/index.js'
import { loadConfig } from '../../platform/config.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'
import { commands } from './index.js'
import { namesFrom } from './screen.js'

/** `liaison compare [--json] [--person] NAME1 NAME2` or `--pairs` (TSV on stdin): why two names match. */
export async function compareNamesCommand(input: CommandInput): Promise<number> {
  const command = commands.find((item) => item.name === 'compare')
  const isPerson = input.flag('person')
  if (input.flag('pairs')) {
    if (input.args.length > 0)
      throw new UsageError('--pairs reads the names from standard input; give no names.', command)
    const lines = await namesFrom({ ...input, args: [] })
    const pairs = lines.map((line, index) => {
      const [name1, name2, ...rest] = line.split('\t').map((cell) => cell.trim())
      if (!name1 || !name2 || rest.length > 0) {
        throw new UsageError(`Line ${index + 1} is not "name1<TAB>name2": ${JSON.stringify(line)}`, command)
      }
      return { name1, name2 }
    })
    return withCliContext(loadConfig(), async (ctx) => {
      for (const { name1, name2 } of pairs) {
        const result = await compareTwoNames(ctx, name1, name2, isPerson)
        input.io.stdout.write(
          `${JSON.stringify({ name1, name2, score: result.score, verdict: result.verdict, explanation: result.explanation })}\n`,
        )
      }
      return exitCodes.ok
    })
  }
  const [name1, name2] = input.args
  if (!name1 || !name2 || input.args.length !== 2)
    throw new UsageError('Give exactly two names (or --pairs).', command)
  const result = await withCliContext(loadConfig(), (ctx) => compareTwoNames(ctx, name1, name2, isPerson))
  if (input.flag('json')) {
    input.io.stdout.write(
      `${JSON.stringify({ name1, name2, score: result.score, verdict: result.verdict, explanation: result.explanation, parts: result.parts })}\n`,
    )
  } else {
    input.io.stdout.write(`${result.score.toFixed(3)} ${result.verdict}\n${result.explanation}\n`)
  }
  return exitCodes.ok
}
