import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../src/platform/db/database.js'
import { newId } from '../src/shared/ids.js'
import {
  type AppProcess,
  databaseEnv,
  liaisonCli,
  runSql,
  signIn,
  startAppProcess,
  urlWithSchema,
} from './app-process.js'
import { createDemoDatabase, type TestDatabase, testDatabaseUrl, testDialect } from './test-app.js'

describe(`liaison backup while the server writes, then liaison restore into a fresh database (${testDialect})`, () => {
  let test: TestDatabase
  let env: Record<string, string>
  let app: AppProcess | undefined
  let folder: string
  let restoreDatabase: string | undefined

  beforeAll(async () => {
    test = await createDemoDatabase()
    env = { ...(await databaseEnv(test)), FILES_DIR: test.config.files.dir }
    await test.database.close()
    folder = mkdtempSync(join(tmpdir(), 'liaison-backup-writes-'))
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
    await test?.cleanup()
    rmSync(folder, { recursive: true, force: true })
    if (restoreDatabase)
      await runSql(testDatabaseUrl ?? '', 'public', [`drop database if exists "${restoreDatabase}"`])
  })

  it('restores everything acknowledged before the backup began, nothing invented, with a verifying audit trail', async () => {
    app = await startAppProcess(env)
    const request = await signIn(app, 'researcher')
    const acknowledged: string[] = []
    let isWriting = true
    const failures: string[] = []
    const writer = async (index: number) => {
      for (let step = 0; isWriting; step++) {
        try {
          const response = await request('/collaborations', 'POST', {
            sheet: { title: `Backup ${index}.${step}` },
          })
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id)
          else failures.push(`${response.status} ${await response.text()}`)
        } catch (error) {
          failures.push(String(error))
          return
        }
      }
    }
    const writing = Promise.all([0, 1, 2, 3, 4, 5].map(writer))
    while (acknowledged.length < 30) await new Promise((resolve) => setTimeout(resolve, 10))

    const beforeBackup = [...acknowledged]
    const file = join(folder, testDialect === 'sqlite' ? 'liaison.db' : 'liaison.dump')
    const backup = await liaisonCli(['backup', file], env).finally(() => {
      if (acknowledged.length === 0) isWriting = false
    })
    const afterBackup = acknowledged.length
    isWriting = false
    await writing
    expect(failures).toEqual([])
    expect(backup.stdout).toMatch(/^Backed up/)
    // Writes went on during the backup.
    expect(afterBackup).toBeGreaterThan(beforeBackup.length)
    await app.stop()
    app = undefined

    // A fresh database: a new file, or a new PostgreSQL database with a schema of the dumped name.
    let restoredEnv: Record<string, string>
    if (testDialect === 'sqlite') {
      restoredEnv = { DATABASE_URL: `sqlite:${join(folder, 'restored.db')}` }
    } else {
      restoreDatabase = `liaison_restore_${newId().replaceAll('-', '').slice(-12)}`
      await runSql(testDatabaseUrl ?? '', 'public', [`create database "${restoreDatabase}"`])
      const schema = new URL(env.DATABASE_URL ?? '').searchParams.get('options')?.split('=')[1] ?? 'public'
      const url = new URL(testDatabaseUrl ?? '')
      url.pathname = `/${restoreDatabase}`
      restoredEnv = { DATABASE_URL: urlWithSchema(url.href, schema) }
    }
    const restore = await liaisonCli(['restore', file], restoredEnv)
    expect(restore.stdout).toMatch(/Audit trail: ok: \d+ entries verified/)

    const source = createDatabase(databaseConfig(env.DATABASE_URL ?? ''), { poolSize: 1 })
    const restored = createDatabase(databaseConfig(restoredEnv.DATABASE_URL ?? ''), { poolSize: 1 })
    try {
      const ids = async (handle: typeof source) =>
        new Set(
          (
            await handle.db
              .selectFrom('collaborations')
              .select('id')
              .where('title', 'like', 'Backup %')
              .execute()
          ).map((row) => row.id),
        )
      const inSource = await ids(source)
      const inRestored = await ids(restored)
      // Everything acknowledged before the backup began is there …
      expect(beforeBackup.filter((id) => !inRestored.has(id))).toEqual([])
      // … and nothing that the source never had.
      expect([...inRestored].filter((id) => !inSource.has(id))).toEqual([])
      expect(inRestored.size).toBeLessThanOrEqual(afterBackup + 6)
      const audit = async (handle: typeof source) =>
        Number(
          (
            await handle.db
              .selectFrom('auditEvents')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n,
        )
      expect(await audit(restored)).toBeLessThanOrEqual(await audit(source))
      expect(await audit(restored)).toBeGreaterThan(beforeBackup.length)
    } finally {
      await source.close()
      await restored.close()
    }
    const verify = await liaisonCli(['audit', 'verify'], restoredEnv)
    expect(verify.stdout).toMatch(/^ok: \d+ entries verified/)
  }, 180_000)
})

function databaseConfig(url: string) {
  return url.startsWith('postgres')
    ? ({ kind: 'postgres', url } as const)
    : ({ kind: 'sqlite', file: url.slice('sqlite:'.length) } as const)
}
