import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDatabase, type TestDatabase } from '../../../test/test-app.js'
import type { Ctx } from '../context.js'
import { defineJob, defineSchedule, enqueue } from './jobs.js'
import { claimJobs, countJobs } from './jobs.repo.js'
import { runDueJobs, runJobsUntilIdle } from './runner.js'

const ran: string[] = []
let failuresLeft = 0
const recordJob = defineJob({
  name: 'test.record',
  payload: z.object({ value: z.string() }),
  handle: async (_ctx, { value }) => {
    if (failuresLeft > 0) {
      failuresLeft--
      throw new Error('temporary failure')
    }
    ran.push(value)
  },
  maxAttempts: 3,
  backoffMs: () => 60_000,
})

describe('the job queue', () => {
  let test: TestDatabase
  let now = new Date('2026-03-02T08:00:00Z')
  const context = (): Ctx => ({ ...test.ctx, now: () => now })

  beforeAll(async () => {
    test = await createTestDatabase()
  })
  afterAll(async () => test.cleanup())

  it('keeps no job of a change that rolled back', async () => {
    await expect(
      test.database.db.transaction().execute(async (trx) => {
        await enqueue(trx, context(), recordJob, { value: 'lost' })
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await countJobs(test.database.db)).toEqual({})
  })

  it('runs each job once and marks it done', async () => {
    ran.length = 0
    await enqueue(test.database.db, context(), recordJob, { value: 'a' })
    await enqueue(test.database.db, context(), recordJob, { value: 'b' })
    await runJobsUntilIdle({ context })
    await runJobsUntilIdle({ context })
    expect(ran.sort()).toEqual(['a', 'b'])
    const done = await test.database.db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', 'test.record')
      .where('status', '=', 'done')
      .execute()
    expect(done).toHaveLength(2)
  })

  it('retries a failing job after its backoff and gives up after the last attempt', async () => {
    ran.length = 0
    failuresLeft = 1
    await enqueue(test.database.db, context(), recordJob, { value: 'retry' })
    await runJobsUntilIdle({ context })
    expect(ran).toEqual([])
    now = new Date(now.getTime() + 61_000)
    await runJobsUntilIdle({ context })
    expect(ran).toEqual(['retry'])

    failuresLeft = 10
    await enqueue(test.database.db, context(), recordJob, { value: 'doomed' })
    for (let attempt = 0; attempt < 4; attempt++) {
      await runJobsUntilIdle({ context })
      now = new Date(now.getTime() + 61_000)
    }
    const failed = await test.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'failed')
      .execute()
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ attempts: 3, lastError: 'temporary failure' })
    failuresLeft = 0
  })

  it('enqueues a job with a dedupe key only once while it is pending', async () => {
    const before = (await countJobs(test.database.db)).pending ?? 0
    await enqueue(test.database.db, context(), recordJob, { value: 'x' }, { dedupeKey: 'same' })
    await enqueue(test.database.db, context(), recordJob, { value: 'x' }, { dedupeKey: 'same' })
    expect((await countJobs(test.database.db)).pending).toBe(before + 1)
    await runJobsUntilIdle({ context })
  })

  it('hands a job whose worker died to another worker after the lease', async () => {
    ran.length = 0
    await enqueue(test.database.db, context(), recordJob, { value: 'orphan' })
    const claimed = await claimJobs(test.database.db, test.database.dialect, 'dead-worker', now, 30_000, 10)
    expect(claimed).toHaveLength(1)
    expect(await runDueJobs({ context, workerId: 'alive' })).toBe(0)
    now = new Date(now.getTime() + 31_000)
    expect(await runDueJobs({ context, workerId: 'alive' })).toBe(1)
    expect(ran).toEqual(['orphan'])
  })

  it('never gives the same job to two workers claiming at once', async () => {
    for (let index = 0; index < 40; index++)
      await enqueue(test.database.db, context(), recordJob, { value: `c${index}` })
    const claims = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map((worker) =>
        claimJobs(test.database.db, test.database.dialect, worker, now, 60_000, 15),
      ),
    )
    const ids = claims.flat().map((job) => job.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(40)
    now = new Date(now.getTime() + 120_000)
    await runJobsUntilIdle({ context })
  })

  it('runs scheduled work once per period across instances', async () => {
    const ticks: string[] = []
    const tickJob = defineJob({
      name: 'test.tick',
      payload: z.object({}),
      handle: async () => void ticks.push('tick'),
    })
    defineSchedule({ name: 'test.every-hour', everyMs: 3_600_000, job: tickJob })
    await Promise.all([runDueJobs({ context, workerId: 'i1' }), runDueJobs({ context, workerId: 'i2' })])
    await runJobsUntilIdle({ context, workerId: 'i3' })
    expect(ticks).toEqual(['tick'])
    now = new Date(now.getTime() + 3_600_000)
    await runJobsUntilIdle({ context, workerId: 'i1' })
    await runJobsUntilIdle({ context, workerId: 'i2' })
    expect(ticks).toEqual(['tick', 'tick'])
  })
})
