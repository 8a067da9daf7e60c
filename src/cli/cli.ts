import { inspect, parseArgs } from 'node:util'
import { ZodError } from 'zod'
import { ConfigError } from '../platform/config.js'
import { AppError } from '../platform/errors.js'
import {
  type CliIo,
  type CommandInput,
  type CommandSpec,
  exitCodes,
  InterruptedError,
  type OptionSpec,
  UsageError,
} from './command.js'
import { commands } from './commands/index.js'

const helpWords = new Set(['help', '--help', '-h'])

/** Runs one `liaison …` command line and answers the process's exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    return reportError(error, io)
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || helpWords.has(first)) {
    if (first === 'help' && rest.length > 0) {
      const found = findCommand(rest)
      if (!found || found.rest.length > 0) throw new UsageError(`There is no command "${rest.join(' ')}".`)
      io.stdout.write(commandHelp(found.command))
    } else {
      io.stdout.write(usage())
    }
    return exitCodes.ok
  }
  const found = findCommand(argv)
  if (!found) throw new UsageError(unknownCommandMessage(argv))
  const { command } = found
  const parsed = parseCommandLine(command, found.rest)
  if (parsed.help) {
    io.stdout.write(commandHelp(command))
    return exitCodes.ok
  }
  const handler = await command.load()
  return handler({ ...parsed.input, io })
}

/** The command named by the leading words of the command line (the longest name wins). */
function findCommand(argv: readonly string[]): { command: CommandSpec; rest: string[] } | undefined {
  let best: { command: CommandSpec; rest: string[] } | undefined
  for (const command of commands) {
    const words = command.name.split(' ')
    const matches = words.every((word, index) => argv[index] === word)
    if (matches && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) }
    }
  }
  return best
}

function unknownCommandMessage(argv: readonly string[]): string {
  const [first = ''] = argv
  const group = commands.filter((command) => command.name.startsWith(`${first} `))
  if (group.length > 0) {
    const subcommands = group.map((command) => command.name.slice(first.length + 1))
    const given =
      argv[1] === undefined || argv[1].startsWith('-') ? 'needs a subcommand' : `has no "${argv[1]}"`
    return `"liaison ${first}" ${given}: ${subcommands.join(', ')}.`
  }
  return `There is no command "${first}".`
}

function parseCommandLine(
  command: CommandSpec,
  args: string[],
): { help: boolean; input: Omit<CommandInput, 'io'> } {
  const specs = command.options ?? {}
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  }
  for (const [name, spec] of Object.entries(specs))
    options[name] = spec.multiple ? { type: spec.type, multiple: true } : { type: spec.type }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), command)
  }
  const { values, positionals } = parsed
  if (values.help === true) return { help: true, input: emptyInput }
  const expected = command.arguments ?? []
  if (positionals.length > expected.length && !expected.at(-1)?.variadic) {
    throw new UsageError(`Unexpected argument "${positionals[expected.length]}".`, command)
  }
  const missing = expected.slice(positionals.length).filter((arg) => !arg.optional)
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((arg) => arg.name).join(' ')}.`, command)
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && values[name] === undefined) throw new UsageError(`--${name} is required.`, command)
  }

  const strings = (name: string): string[] => {
    const value = values[name]
    const list = Array.isArray(value) ? value : [value]
    return list.filter((item): item is string => typeof item === 'string')
  }
  return {
    help: false,
    input: {
      args: positionals,
      strings,
      string: (name) => strings(name).at(-1),
      flag: (name) => values[name] === true,
    },
  }
}

const emptyInput: Omit<CommandInput, 'io'> = {
  args: [],
  strings: () => [],
  string: () => undefined,
  flag: () => false,
}

/** The overview: every command with its summary. */
export function usage(): string {
  const helpLine = 'help [command]'
  const width = Math.max(helpLine.length, ...commands.map((command) => command.name.length)) + 2
  const lines = [
    'Usage: liaison <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    `  ${helpLine.padEnd(width)}Show this overview, or the options of one command`,
    '',
    'The database comes from DATABASE_URL (default sqlite:./var/liaison.db), as for the server.',
    'Run "liaison help <command>" or "liaison <command> --help" for its options and an example.',
  ]
  return `${lines.join('\n')}\n`
}

/** The help of one command: synopsis, arguments, options and an example. */
export function commandHelp(command: CommandSpec): string {
  const lines = [
    `Usage: liaison ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`,
    '',
    command.summary,
  ]
  if (command.details) lines.push('', command.details)
  const rows: [string, string][] = [
    ...(command.arguments ?? []).map((arg): [string, string] => [arg.name, arg.description]),
    ...Object.entries(command.options ?? {}).map(([name, spec]): [string, string] => [
      optionLabel(name, spec),
      spec.description,
    ]),
  ]
  if (rows.length > 0) {
    const width = Math.max(...rows.map(([label]) => label.length)) + 2
    lines.push('', ...rows.map(([label, description]) => `  ${label.padEnd(width)}${description}`))
  }
  lines.push('', 'Example:', `  ${command.example}`)
  return `${lines.join('\n')}\n`
}

function optionLabel(name: string, spec: OptionSpec): string {
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''
  return `--${name}${value}${spec.multiple ? ' …' : ''}${spec.required ? ' (required)' : ''}`
}

/** Prints an error the way an operator wants to read it and answers the exit code. */
function reportError(error: unknown, io: CliIo): number {
  const say = (text: string) => io.stderr.write(`${text}\n`)
  if (error instanceof UsageError) {
    say(`liaison: ${error.message}\n`)
    io.stderr.write(error.command ? commandHelp(error.command) : usage())
    return exitCodes.usage
  }
  if (error instanceof InterruptedError) {
    say('liaison: interrupted.')
    return exitCodes.interrupted
  }
  if (error instanceof ConfigError) {
    say(`liaison: ${error.message}`)
    return exitCodes.failure
  }
  if (error instanceof AppError) {
    say(`liaison: ${error.message}`)
    for (const field of error.details.fields ?? []) say(`  - ${field.field}: ${field.message}`)
    return exitCodes.failure
  }
  if (error instanceof ZodError) {
    say('liaison: The input is not valid.')
    for (const issue of error.issues) say(`  - ${issue.path.join('.') || '(input)'}: ${issue.message}`)
    return exitCodes.failure
  }
  // Anything else is a bug or an outage: the stack helps whoever reports it.
  say(
    `liaison: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : inspect(error)}`,
  )
  return exitCodes.failure
}
