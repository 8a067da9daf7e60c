import { matchName } from '../../modules/screening/index.js'
import { loadConfig } from '../../platform/config.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'
import { commands } from './index.js'

/** Names from the arguments, or one per line from standard input. */
export async function namesFrom(input: CommandInput): Promise<string[]> {
  if (input.args.length > 0) return input.args
  let text = ''
  for await (const chunk of input.io.stdin) text += String(chunk)
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** `liaison screen [--json] [--country CC] [--person] [NAME…]`: screens names against the current lists. */
export async function screenNames(input: CommandInput): Promise<number> {
  const command = commands.find((item) => item.name === 'screen')
  const country = input.string('country')?.toUpperCase() ?? null
  if (country !== null && !/^[A-Z]{2}$/.test(country))
    throw new UsageError('--country takes a two-letter ISO code, e.g. CN.', command)
  if (country !== null && input.flag('person')) {
    throw new UsageError(
      '--country applies to organisations only: a person is never screened by origin.',
      command,
    )
  }
  const names = await namesFrom(input)
  if (names.length === 0)
    throw new UsageError('Give at least one name, as arguments or one per line on standard input.', command)
  const isJson = input.flag('json')
  return withCliContext(loadConfig(), async (ctx) => {
    let staleLists: string[] = []
    for (const name of names) {
      const result = await matchName(ctx, { name, country, isPerson: input.flag('person') })
      if (result.listsScreened === 0) {
        input.io.stderr.write(
          'liaison: no list has been imported, so nothing was screened (this is not "no hits").\n',
        )
        return exitCodes.failure
      }
      staleLists = result.staleLists
      if (isJson) {
        input.io.stdout.write(`${JSON.stringify({ query: result.query, matches: result.matches })}\n`)
        continue
      }
      input.io.stdout.write(
        `${name}: ${result.matches.length === 0 ? 'no hits' : `${result.matches.length} hit(s)`}\n`,
      )
      for (const match of result.matches) {
        input.io.stdout.write(
          `  ${match.verdict.padEnd(7)}${match.score.toFixed(3)}  ${match.name}  [${match.list}, ${match.listKind}]\n` +
            `         ${match.explanation}\n`,
        )
      }
    }
    if (staleLists.length > 0) input.io.stderr.write(`warning: stale lists: ${staleLists.join(', ')}\n`)
    return exitCodes.ok
  })
}
