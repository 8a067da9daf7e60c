import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { checkAndRecordChain } from './audit.service.js'

/**
 * Verifies the whole audit chain and records the result; reports cite the newest one. A broken
 * chain is logged as an error for the operators (and `liaison audit verify` names the entry).
 */
export const verifyChainJob = defineJob({
  name: 'audit.verify_chain',
  payload: z.object({}),
  handle: async (ctx) => {
    const result = await checkAndRecordChain(ctx.db, ctx.now())
    if (result.ok) ctx.log.info({ checked: result.checked }, 'audit chain verified')
    else ctx.log.error({ firstBrokenSeq: result.firstBrokenSeq, reason: result.reason }, 'audit chain broken')
  },
})

/** Once a day, by one instance. */
export const chainCheckSchedule = defineSchedule({
  name: 'audit.verify_chain',
  everyMs: 24 * 60 * 60_000,
  job: verifyChainJob,
})
