import type { Selectable } from 'kysely'
import type { Dialect } from '../db/columns.js'
import type { Db } from '../db/database.js'
import type { JobTable } from '../db/tables.js'

/** A job row as claimed by a worker. */
export type JobRow = Selectable<JobTable>

/**
 * Claims up to `limit` due jobs for a worker: pending jobs whose time has come and running jobs
 * whose lease has expired (their worker died). On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several
 * workers claim concurrently without ever taking the same job; SQLite has one writer at a time.
 */
export async function claimJobs(
  db: Db,
  dialect: Dialect,
  workerId: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<JobRow[]> {
  const nowIso = now.toISOString()
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString()
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', nowIso)]),
          eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', nowIso)]),
        ]),
      )
      .orderBy('runAt')
      .limit(limit)
    if (dialect === 'postgres') due = due.forUpdate().skipLocked()
    const ids = (await due.execute()).map((row) => row.id)
    if (ids.length === 0) return []
    return trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        lockedBy: workerId,
        lockedUntil: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .returningAll()
      .execute()
  })
}

/** Marks a job done, if this worker still holds it; frees its dedupe key. */
export async function completeJob(db: Db, id: string, workerId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'done',
      finishedAt: now.toISOString(),
      lockedBy: null,
      lockedUntil: null,
      dedupeKey: null,
    })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Puts a failed job back for a later attempt, or marks it failed for good. */
export async function failJob(
  db: Db,
  job: JobRow,
  workerId: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? {
            status: 'pending',
            runAt: retryAt.toISOString(),
            lockedBy: null,
            lockedUntil: null,
            lastError: error,
          }
        : {
            status: 'failed',
            finishedAt: now.toISOString(),
            lockedBy: null,
            lockedUntil: null,
            lastError: error,
            dedupeKey: null,
          },
    )
    .where('id', '=', job.id)
    .where('lockedBy', '=', workerId)
    .execute()
}

/**
 * Takes the turn of a schedule: moves its next run forward only if nobody else did, so exactly one
 * instance enqueues each period's job.
 */
export async function takeScheduleTurn(
  db: Db,
  name: string,
  everyMs: number,
  workerId: string,
  now: Date,
): Promise<boolean> {
  const nowIso = now.toISOString()
  const next = new Date(now.getTime() + everyMs).toISOString()
  await db
    .insertInto('jobSchedules')
    .values({ name, nextRunAt: nowIso, lastRunAt: null, lastRunBy: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const result = await db
    .updateTable('jobSchedules')
    .set({ nextRunAt: next, lastRunAt: nowIso, lastRunBy: workerId })
    .where('name', '=', name)
    .where('nextRunAt', '<=', nowIso)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Counts jobs by status (for tests, health and the admin view). */
export async function countJobs(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]))
}
