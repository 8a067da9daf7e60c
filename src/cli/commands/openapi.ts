import { openApiDocument } from '../../server/app.js'
import { type CommandInput, exitCodes } from '../command.js'

/** `liaison openapi`: prints the OpenAPI document as pretty JSON (what docs/openapi.json holds). */
export async function printOpenApi(input: CommandInput): Promise<number> {
  input.io.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`)
  return exitCodes.ok
}
