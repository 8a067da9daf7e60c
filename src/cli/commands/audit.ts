import { type AuditVerification, checkAndRecordChain } from '../../modules/audit/index.js'
import { loadConfig } from '../../platform/config.js'
import { type CommandInput, exitCodes } from '../command.js'
import { withCliContext } from '../context.js'

/**
 * `liaison audit verify`: recomputes the hash chain and records the result (reports cite the
 * newest); exit 1 at the first broken entry.
 */
export async function verifyAudit(input: CommandInput): Promise<number> {
  const verification = await withCliContext(loadConfig(), (ctx) => checkAndRecordChain(ctx.db, ctx.now()))
  if (verification.ok) {
    input.io.stdout.write(`${describeVerification(verification)}\n`)
    return exitCodes.ok
  }
  input.io.stderr.write(`${describeVerification(verification)}\n`)
  return exitCodes.failure
}

/** One line on the state of the audit chain: `ok: N entries verified` or the first broken link. */
export function describeVerification(verification: AuditVerification): string {
  if (verification.ok) return `ok: ${verification.checked} entries verified`
  return (
    `broken: audit entry seq ${verification.firstBrokenSeq}: ${verification.reason} ` +
    `(${verification.checked} entries before it verified)`
  )
}
