import type { Writable } from 'node:stream'

/** The exit codes of the `liaison` command. */
export const exitCodes = {
  ok: 0,
  /** The command ran and failed (expected errors, a broken audit chain). */
  failure: 1,
  /** The command line itself is wrong, or the command cannot do this for the configured database. */
  usage: 2,
  /** The operator pressed Ctrl-C at a prompt. */
  interrupted: 130,
} as const

/** The streams a command talks through: results on stdout, explanations and prompts on stderr. */
export interface CliIo {
  stdout: Writable
  stderr: Writable
  stdin: NodeJS.ReadStream
}

/** One `--option` of a command, as the parser and the help text see it. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  /** Placeholder of the value in the help text, e.g. `NAME`. */
  value?: string
  /** Whether the option may be given several times. */
  multiple?: boolean
  /** Whether the command refuses to run without it. */
  required?: boolean
  description: string
}

/** One positional argument; required unless marked optional. */
export interface ArgumentSpec {
  name: string
  description: string
  /** The argument may be left out (only trailing arguments). */
  optional?: boolean
  /** The last argument may be given any number of times (`NAME…`). */
  variadic?: boolean
}

/** What a command receives: its parsed command line and the streams. */
export interface CommandInput {
  io: CliIo
  /** The positional arguments, in the order the spec lists them. */
  args: string[]
  /** The value of a string option (the last one when given several times). */
  string(name: string): string | undefined
  /** Every value of a repeatable string option. */
  strings(name: string): string[]
  /** Whether a boolean option was given. */
  flag(name: string): boolean
}

/** Runs a command and answers its exit code. */
export type CommandHandler = (input: CommandInput) => Promise<number>

/** One entry of the command table. */
export interface CommandSpec {
  /** The words that name the command, e.g. `user create`. */
  name: string
  /** One line for the command list. */
  summary: string
  /** Everything after the name in the synopsis, e.g. `--user NAME [--days N | --no-expiry]`. */
  synopsis: string
  arguments?: ArgumentSpec[]
  options?: Record<string, OptionSpec>
  /** Further paragraphs of the command's help. */
  details?: string
  example: string
  /** Loads the implementation only when the command runs, so `liaison help` stays fast. */
  load(): Promise<CommandHandler>
}

/** A wrong command line: the message and the usage go to stderr and the exit code is 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to show, when the command itself was recognised. */
    readonly command?: CommandSpec,
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The operator interrupted a prompt. */
export class InterruptedError extends Error {
  constructor() {
    super('Interrupted.')
    this.name = 'InterruptedError'
  }
}
