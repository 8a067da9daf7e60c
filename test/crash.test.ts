import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type DatabaseHandle } from '../src/platform/db/database.js'
import { type AppProcess, databaseEnv, liaisonCli, signIn, startAppProcess } from './app-process.js'
import { createDemoDatabase, type TestDatabase, testDialect } from './test-app.js'

interface Loop {
  id: string
  /** Highest sheet revision acknowledged with 2xx. */
  ackedRevision: number
  ackedMessages: string[]
}

describe(`a server killed with SIGKILL in a burst of writes (${testDialect})`, () => {
  let test: TestDatabase
  let env: Record<string, string>
  let app: AppProcess | undefined
  const loops: Loop[] = []

  beforeAll(async () => {
    test = await createDemoDatabase()
    env = { ...(await databaseEnv(test)), FILES_DIR: test.config.files.dir, DATABASE_POOL_SIZE: '8' }
    await test.database.close()
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
    await test?.cleanup()
  })

  it('keeps every acknowledged write, passes the integrity check and the audit verification', async () => {
    app = await startAppProcess(env)
    const request = await signIn(app, 'researcher')
    // Each loop owns one draft: it saves the sheet and posts to the discussion, again and again.
    const concurrency = 16
    for (let index = 0; index < concurrency; index++) {
      const response = await request('/collaborations', 'POST', { sheet: { title: `Crash ${index} rev 0` } })
      expect(response.status).toBe(201)
      const created = (await response.json()) as { id: string }
      loops.push({ id: created.id, ackedRevision: 0, ackedMessages: [] })
    }
    let acknowledged = 0
    let failed = 0
    const writer = async (loop: Loop, index: number) => {
      let updatedAt = ((await (await request(`/collaborations/${loop.id}`)).json()) as { updatedAt: string })
        .updatedAt
      for (let step = 1; ; step++) {
        try {
          if (step % 2 === 1) {
            const revision = loop.ackedRevision + 1
            const response = await request(`/collaborations/${loop.id}/sheet`, 'PUT', {
              sheet: { title: `Crash ${index} rev ${revision}` },
              baseUpdatedAt: updatedAt,
            })
            if (response.status !== 200) throw new Error(`save answered ${response.status}`)
            updatedAt = ((await response.json()) as { updatedAt: string }).updatedAt
            loop.ackedRevision = revision
          } else {
            const body = `Crash ${index} message ${step}`
            const response = await request(`/collaborations/${loop.id}/messages`, 'POST', { body })
            if (response.status !== 201) throw new Error(`post answered ${response.status}`)
            loop.ackedMessages.push(body)
          }
          acknowledged++
        } catch (error) {
          // The server is gone (connection refused or reset); anything else is a failure of the test.
          if (!/fetch failed|ECONNRESET|ECONNREFUSED|other side closed/i.test(String(error))) failed++
          return
        }
      }
    }
    const writing = Promise.all(loops.map((loop, index) => writer(loop, index)))
    while (acknowledged < 300) await new Promise((resolve) => setTimeout(resolve, 5))
    await app.kill()
    await writing
    expect(failed).toBe(0)

    app = await startAppProcess(env)
    const reopened = await signIn(app, 'researcher')
    for (const [index, loop] of loops.entries()) {
      const stored = (await (await reopened(`/collaborations/${loop.id}`)).json()) as {
        sheet: { title: string }
      }
      const revision = Number(/rev (\d+)$/.exec(stored.sheet.title)?.[1])
      // The save in flight at the kill may or may not have committed; nothing acknowledged is lost.
      expect(stored.sheet.title.startsWith(`Crash ${index} rev`)).toBe(true)
      expect(revision === loop.ackedRevision || revision === loop.ackedRevision + 1).toBe(true)
      const messages = (await (await reopened(`/collaborations/${loop.id}/messages`)).json()) as {
        body: string
      }[]
      const bodies = new Set(messages.map((message) => message.body))
      expect(loop.ackedMessages.filter((body) => !bodies.has(body))).toEqual([])
    }
    await app.stop()
    app = undefined

    // The database is sound.
    if (test.config.database.kind === 'sqlite') {
      const connection = new SqliteDatabase(test.config.database.file, { fileMustExist: true })
      try {
        expect(connection.prepare('pragma integrity_check').pluck().all()).toEqual(['ok'])
        expect(connection.prepare('pragma foreign_key_check').all()).toEqual([])
      } finally {
        connection.close()
      }
    } else {
      const check: DatabaseHandle = createDatabase(
        { kind: 'postgres', url: env.DATABASE_URL ?? '' },
        { poolSize: 1 },
      )
      try {
        expect(await postgresInconsistencies(check)).toEqual([])
      } finally {
        await check.close()
      }
    }
    const verify = await liaisonCli(['audit', 'verify'], env)
    expect(verify.stdout).toMatch(/^ok: \d+ entries verified/)
  }, 180_000)
})

/**
 * Consistency on PostgreSQL: constraints are enforced by the server, so what remains to check is
 * that every index is usable and the relations the application keeps hold (no orphans); the audit
 * chain is checked by `liaison audit verify`.
 */
async function postgresInconsistencies(database: DatabaseHandle): Promise<string[]> {
  const problems: string[] = []
  const invalid = await sql<{ name: string }>`
    select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and (not i.indisvalid or not i.indisready)`.execute(database.db)
  problems.push(...invalid.rows.map((row) => `index ${row.name} is not valid`))
  const orphans = await sql<{ n: number }>`
    select count(*) as n from messages m where not exists (select 1 from collaborations c where c.id = m.collaboration_id)`.execute(
    database.db,
  )
  if (Number(orphans.rows[0]?.n) > 0) problems.push(`${orphans.rows[0]?.n} messages without their case`)
  const versions = await sql<{ n: number }>`
    select count(*) as n from collaboration_versions v where not exists (select 1 from collaborations c where c.id = v.collaboration_id)`.execute(
    database.db,
  )
  if (Number(versions.rows[0]?.n) > 0) problems.push(`${versions.rows[0]?.n} versions without their case`)
  return problems
}
