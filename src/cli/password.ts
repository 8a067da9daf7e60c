import { UpdateUserSchema } from '../modules/organisation/index.js'
import { AppError } from '../platform/errors.js'
import { type CliIo, type CommandInput, InterruptedError, UsageError } from './command.js'

/**
 * The new password a command was given: from stdin with `--password-stdin`, asked twice on the
 * terminal otherwise, or none with `--no-password` (when `allowNone`). Checked against the same
 * schema the API uses.
 * @throws UsageError for contradicting options or when there is no terminal to ask on,
 *   AppError('validation') when the two entries differ, ZodError when the password is too short
 */
export async function readNewPassword(
  input: CommandInput,
  options: { allowNone: boolean },
): Promise<string | undefined> {
  const fromStdin = input.flag('password-stdin')
  if (options.allowNone && input.flag('no-password')) {
    if (fromStdin) throw new UsageError('--password-stdin and --no-password exclude each other.')
    return undefined
  }
  let password: string
  if (fromStdin) {
    password = (await readAll(input.io.stdin)).replace(/\r?\n$/, '')
  } else if (input.io.stdin.isTTY) {
    password = await readHidden('New password: ', input.io)
    if ((await readHidden('Repeat the password: ', input.io)) !== password) {
      throw new AppError('validation', 'The two passwords differ.')
    }
  } else {
    const alternatives = options.allowNone ? ' (or --no-password for an SSO-only user)' : ''
    throw new UsageError(`There is no terminal to ask for the password: use --password-stdin${alternatives}.`)
  }
  return UpdateUserSchema.parse({ password }).password
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads one line from the terminal without echoing it. */
function readHidden(prompt: string, io: CliIo): Promise<string> {
  const { stdin, stderr } = io
  // Raw mode before the prompt: keys typed the moment the prompt appears must not echo either.
  stdin.setRawMode(true)
  stderr.write(prompt)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let typed: string[] = []
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish()
          resolve(typed.join(''))
          return
        }
        if (char === '\u0003') {
          finish()
          reject(new InterruptedError())
          return
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
        else typed.push(char)
      }
    }
    stdin.on('data', onData)
  })
}
