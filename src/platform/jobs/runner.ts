import { hostname } from 'node:os'
import { newId } from '../../shared/ids.js'
import type { Ctx } from '../context.js'
import { enqueue, findJobDefinition, registeredSchedules } from './jobs.js'
import * as repo from './jobs.repo.js'

/** The job's lease passed to another worker before this one finished. */
class LeaseLost extends Error {
  constructor() {
    super('The job lease was lost')
  }
}

/** How a worker runs. */
export interface RunnerOptions {
  /** Builds the context a handler runs in (system actor, the worker's logger). */
  context: () => Ctx
  workerId?: string
  pollMs?: number
  leaseMs?: number
  batch?: number
}

/** Runs one round: takes schedule turns, claims due jobs and runs them. Returns how many ran. */
export async function runDueJobs(options: RunnerOptions & { workerId: string }): Promise<number> {
  const ctx = options.context()
  const now = ctx.now()
  for (const schedule of registeredSchedules()) {
    // The turn and its job commit together: a worker dying in between loses neither.
    await ctx.db.transaction().execute(async (trx) => {
      if (await repo.takeScheduleTurn(trx, schedule.name, schedule.everyMs, options.workerId, now)) {
        await enqueue(trx, ctx, schedule.job, {}, { dedupeKey: `schedule:${schedule.name}`, runAt: now })
      }
    })
  }
  const jobs = await repo.claimJobs(
    ctx.db,
    ctx.dialect,
    options.workerId,
    now,
    options.leaseMs ?? 60_000,
    options.batch ?? 10,
  )
  await Promise.all(
    jobs.map(async (job) => {
      const definition = findJobDefinition(job.name)
      try {
        if (!definition) throw new Error(`No handler for job "${job.name}"`)
        const payload = definition.payload.parse(JSON.parse(job.payload))
        if (definition.transactional) {
          await ctx.db.transaction().execute(async (trx) => {
            await definition.handle({ ...ctx, db: trx }, payload)
            if (!(await repo.completeJob(trx, job.id, options.workerId, ctx.now()))) throw new LeaseLost()
          })
        } else {
          await definition.handle(ctx, payload)
          if (!(await repo.completeJob(ctx.db, job.id, options.workerId, ctx.now()))) {
            ctx.log.warn(
              { job: job.name, id: job.id },
              'job finished after its lease passed to another worker',
            )
          }
        }
      } catch (error) {
        if (error instanceof LeaseLost) {
          // Another worker took the job over after the lease ran out; its attempt counts, ours is undone.
          ctx.log.warn({ job: job.name, id: job.id }, 'job lease lost; this attempt was rolled back')
          return
        }
        const message = error instanceof Error ? error.message : String(error)
        const retry =
          definition && job.attempts < job.maxAttempts
            ? new Date(ctx.now().getTime() + definition.backoffMs(job.attempts))
            : null
        ctx.log.warn(
          { job: job.name, id: job.id, attempts: job.attempts, err: message, retry: retry?.toISOString() },
          'job failed',
        )
        await repo.failJob(ctx.db, job, options.workerId, message.slice(0, 2000), retry, ctx.now())
      }
    }),
  )
  return jobs.length
}

/** A worker's name in `jobs.locked_by`: host, process id and a random part, so operators see who holds a job. */
function defaultWorkerId(): string {
  return `${hostname()}/${process.pid}/${newId().slice(-8)}`
}

/** Runs rounds until no job is due (tests and the CLI use it). */
export async function runJobsUntilIdle(options: RunnerOptions, maxRounds = 100): Promise<number> {
  const workerId = options.workerId ?? defaultWorkerId()
  let total = 0
  for (let round = 0; round < maxRounds; round++) {
    const ran = await runDueJobs({ ...options, workerId })
    total += ran
    if (ran === 0) return total
  }
  return total
}

/** Starts polling in the background; `stop()` waits for the running round to end. */
export function startJobRunner(options: RunnerOptions): { stop(): Promise<void> } {
  const workerId = options.workerId ?? defaultWorkerId()
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let current: Promise<unknown> = Promise.resolve()
  const tick = () => {
    if (stopped) return
    current = runDueJobs({ ...options, workerId })
      .catch((error: unknown) => options.context().log.error({ err: error }, 'job round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs ?? 1000)
      })
  }
  timer = setTimeout(tick, 0)
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await current
    },
  }
}
