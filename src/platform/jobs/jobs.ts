import type { z } from 'zod'
import { newId } from '../../shared/ids.js'
import type { Ctx } from '../context.js'
import type { Db } from '../db/database.js'

/** A kind of background work: a name, the zod schema of its payload, and an idempotent handler. */
export interface JobDefinition<P> {
  name: string
  payload: z.ZodType<P>
  /** Takes ids, not objects; may run more than once for the same payload (after a crash). */
  handle(ctx: Ctx, payload: P): Promise<void>
  maxAttempts: number
  /**
   * Whether the handler's changes commit in one transaction with the job's completion: `ctx.db`
   * is then that transaction, and a worker that dies (or loses its lease) mid-job leaves no trace
   * of the attempt, so the work takes effect exactly once. For handlers that only touch the
   * database; handlers that talk to the outside world (mail) stay non-transactional and idempotent.
   */
  transactional: boolean
  /** Delay before attempt n+1 after n failed attempts. */
  backoffMs(attempts: number): number
}

const registry = new Map<string, JobDefinition<unknown>>()

/** Registers a kind of job; modules define theirs in `*.jobs.ts`. */
export function defineJob<P>(definition: {
  name: string
  payload: z.ZodType<P>
  handle: (ctx: Ctx, payload: P) => Promise<void>
  maxAttempts?: number
  transactional?: boolean
  backoffMs?: (attempts: number) => number
}): JobDefinition<P> {
  const job: JobDefinition<P> = {
    maxAttempts: 8,
    transactional: false,
    // 30 s, 1 min, 2 min, … capped at one hour.
    backoffMs: (attempts) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1)),
    ...definition,
  }
  // The registry holds every job kind behind one type; payloads are parsed by the job's own schema.
  registry.set(job.name, job as JobDefinition<unknown>)
  return job
}

/** The registered job kind of that name, if any. */
export function findJobDefinition(name: string): JobDefinition<unknown> | undefined {
  return registry.get(name)
}

/** Options when enqueuing. */
export interface EnqueueOptions {
  runAt?: Date
  /** While a job with this key is not done, enqueuing another with the same key does nothing. */
  dedupeKey?: string
}

/**
 * Adds a job inside the caller's transaction: if the change rolls back, the job is gone too
 * (the outbox pattern).
 */
export async function enqueue<P>(
  trx: Db,
  ctx: Pick<Ctx, 'now'>,
  job: JobDefinition<P>,
  payload: P,
  options: EnqueueOptions = {},
): Promise<void> {
  const now = ctx.now()
  await trx
    .insertInto('jobs')
    .values({
      id: newId(),
      name: job.name,
      payload: JSON.stringify(job.payload.parse(payload)),
      status: 'pending',
      attempts: 0,
      maxAttempts: job.maxAttempts,
      runAt: (options.runAt ?? now).toISOString(),
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      dedupeKey: options.dedupeKey ?? null,
      createdAt: now.toISOString(),
      finishedAt: null,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .execute()
}

/** Recurring work: enqueued once per period across all instances. */
export interface ScheduleDefinition {
  name: string
  everyMs: number
  job: JobDefinition<Record<string, never>>
}

const schedules = new Map<string, ScheduleDefinition>()

/** Registers recurring work (deadline checks, reminders, list staleness). */
export function defineSchedule(schedule: ScheduleDefinition): ScheduleDefinition {
  schedules.set(schedule.name, schedule)
  return schedule
}

/** Every registered schedule. */
export function registeredSchedules(): ScheduleDefinition[] {
  return [...schedules.values()]
}
