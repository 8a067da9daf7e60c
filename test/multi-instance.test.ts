import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoOrganisation } from '../src/demo/organisation.seed.js'
import type { DatabaseHandle } from '../src/platform/db/database.js'
import { enqueue } from '../src/platform/jobs/index.js'
import { openMigratedDatabase } from '../src/server/bootstrap.js'
import { type AppProcess, runSql, startAppProcess, urlWithSchema } from './app-process.js'
import { countedJob, testTablesSql, tickEveryMs } from './fixtures/instances/test-jobs.js'
import { createTestApp, createTestDatabase, type TestDatabase, testDatabaseUrl } from './test-app.js'

// Several instances share one database only on PostgreSQL; without TEST_DATABASE_URL this is skipped.
const describePg = testDatabaseUrl ? describe : describe.skip

async function currentSchema(database: DatabaseHandle): Promise<string> {
  const rows = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)
  return rows.rows[0]?.schema ?? 'public'
}

describePg('two app instances on one PostgreSQL database', () => {
  let test: TestDatabase
  let second: DatabaseHandle

  beforeAll(async () => {
    test = await createTestDatabase({ LOGIN_MAX_ATTEMPTS: '3' })
    await seedDemoOrganisation(test.ctx)
    second = await openMigratedDatabase(test.config, {
      schema: await currentSchema(test.database),
      poolSize: 2,
    })
  })
  afterAll(async () => {
    await second?.close()
    await test?.cleanup()
  })

  it('share sessions: signed in on one, known to the other; signed out on one, gone on both', async () => {
    const a = createTestApp(test)
    const b = createTestApp({ ...test, database: second })
    const login = await a.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'hr', password: 'demo' },
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const sessionOnB = await b.request('/api/v1/auth/session', { headers: { cookie } })
    expect(sessionOnB.status).toBe(200)
    const info = (await sessionOnB.json()) as { user: { username: string }; csrfToken: string }
    expect(info.user.username).toBe('hr')
    const logout = await b.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': info.csrfToken },
    })
    expect(logout.status).toBe(204)
    expect((await a.request('/api/v1/auth/session', { headers: { cookie } })).status).toBe(401)
  })

  it('share login rate limits: failures on either instance count together', async () => {
    const a = createTestApp(test)
    const b = createTestApp({ ...test, database: second })
    const fail = (app: typeof a) =>
      app.request('/api/v1/auth/login', { method: 'POST', json: { username: 'ethics', password: 'wrong' } })
    expect((await fail(a)).status).toBe(401)
    expect((await fail(b)).status).toBe(401)
    expect((await fail(a)).status).toBe(401)
    const blocked = await b.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'ethics', password: 'demo' },
    })
    expect(blocked.status).toBe(429)
  })
})

describePg('three app processes on one PostgreSQL database', () => {
  let test: TestDatabase
  let schema: string
  let folder: string
  const apps: AppProcess[] = []
  let observer: DatabaseHandle | undefined
  const jobCount = 1000
  let killedPid = 0
  let startedAt = 0
  let endedAt = 0

  const url = () => testDatabaseUrl ?? ''

  beforeAll(async () => {
    test = await createTestDatabase()
    schema = await currentSchema(test.database)
    // A fresh, empty schema: the three instances migrate it and load the reference data themselves,
    // all at once, as instances of a new installation do.
    await test.database.close()
    await runSql(url(), schema, [
      `drop schema "${schema}" cascade`,
      `create schema "${schema}"`,
      ...testTablesSql,
    ])
    folder = mkdtempSync(join(tmpdir(), 'liaison-instances-'))
    const env = {
      DATABASE_URL: urlWithSchema(url(), schema),
      FILES_DIR: join(folder, 'files'),
      // Short lease and polling so that a killed worker's jobs are retried within the test.
      JOB_LEASE_SECONDS: '2',
      JOB_POLL_MS: '50',
      JOB_BATCH_SIZE: '25',
      DATABASE_POOL_SIZE: '4',
    }
    startedAt = Date.now()
    apps.push(...(await Promise.all([1, 2, 3].map(() => startAppProcess(env)))))
    observer = await openMigratedDatabase(test.config, { schema, poolSize: 2 })
    test = { ...test, database: observer }
  }, 120_000)

  it('start in production mode without demo accounts', async () => {
    const users = await test.database.db.selectFrom('users').select('username').execute()
    expect(users).toEqual([])
  })

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()))
    await observer?.close()
    await test?.cleanup()
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  it('runs each of 1,000 jobs exactly once to completion although one worker is killed mid-run', async () => {
    const db = test.database.db
    await db.transaction().execute(async (trx) => {
      for (let key = 0; key < jobCount; key++) await enqueue(trx, test.ctx, countedJob, { key })
    })
    // Kill one instance once about a third of the jobs are done: it is then in the middle of a batch.
    const victim = apps[1] as AppProcess
    const runs = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from test_job_runs`.execute(db)).rows[0]?.n)
    const deadline = Date.now() + 50_000
    while ((await runs()) < jobCount / 3 && Date.now() < deadline) await sleep(20)
    killedPid = victim.child.pid ?? 0
    const heldByVictim = () =>
      db
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'running')
        .where('lockedBy', 'like', `%/${killedPid}/%`)
        .execute()
    // Kill it while it holds a job (between two batches it holds none).
    let claimedByVictim = await heldByVictim()
    while (claimedByVictim.length === 0 && Date.now() < deadline) {
      await sleep(2)
      claimedByVictim = await heldByVictim()
    }
    await victim.kill()
    expect(claimedByVictim.length).toBeGreaterThan(0)

    const done = async () =>
      Number(
        (
          await sql<{
            n: number
          }>`select count(*) as n from jobs where name = 'test.counted' and status = 'done'`.execute(db)
        ).rows[0]?.n,
      )
    while ((await done()) < jobCount && Date.now() < deadline) await sleep(100)
    endedAt = Date.now()
    expect(await done()).toBe(jobCount)

    const perKey = await sql<{ key: number; n: number }>`
      select key, count(*) as n from test_job_runs group by key`.execute(db)
    expect(perKey.rows).toHaveLength(jobCount)
    expect(perKey.rows.filter((row) => Number(row.n) !== 1)).toEqual([])
    const byPid = await sql<{ pid: number; n: number }>`
      select pid, count(*) as n from test_job_runs group by pid`.execute(db)
    // Every instance took part, the killed one included (its committed jobs stay done).
    expect(byPid.rows.length).toBe(3)
    expect(byPid.rows.some((row) => row.pid === killedPid)).toBe(true)
    // The jobs the killed worker held were retried after their lease by the others.
    const retried = await db
      .selectFrom('jobs')
      .select(['id', 'attempts'])
      .where('name', '=', 'test.counted')
      .where('attempts', '>', 1)
      .execute()
    expect(retried.length).toBeGreaterThan(0)
    const unfinished = await db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', ['pending', 'running'])
      .where('name', '=', 'test.counted')
      .execute()
    expect(unfinished).toEqual([])
  }, 90_000)

  it('runs scheduled work once per period across all instances', async () => {
    const ticks = await test.database.db
      .selectFrom('jobs')
      .select(['runAt'])
      .where('name', '=', 'test.tick')
      .orderBy('runAt')
      .execute()
    const seconds = (endedAt - startedAt) / 1000
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    // At most one per period over the whole run, whichever instance took the turn.
    expect(ticks.length).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / tickEveryMs) + 1)
    const times = ticks.map((tick) => Date.parse(tick.runAt))
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(tickEveryMs)
    const ran = await sql<{ n: number }>`select count(*) as n from test_ticks`.execute(test.database.db)
    expect(Number(ran.rows[0]?.n)).toBeGreaterThanOrEqual(ticks.length - 1)
  })
})

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
