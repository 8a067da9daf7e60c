import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../src/platform/db/migrations/index.js'
import { newId } from '../src/shared/ids.js'
import { runSql, urlWithSchema } from './app-process.js'
import { testDatabaseUrl } from './test-app.js'

const run = promisify(execFile)
const migrateEntry = fileURLToPath(new URL('./fixtures/instances/migrate.ts', import.meta.url))
const describePg = testDatabaseUrl ? describe : describe.skip

describePg('migrations on PostgreSQL with several instances starting at once', () => {
  const schema = `t_${newId().replaceAll('-', '').slice(-16)}`
  const url = testDatabaseUrl ?? ''

  beforeAll(async () => {
    await runSql(url, 'public', [`create schema "${schema}"`])
  })
  afterAll(async () => {
    await runSql(url, 'public', [`drop schema if exists "${schema}" cascade`])
  })

  it('runs every migration once, by one process, while the other waits and succeeds', async () => {
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: urlWithSchema(url, schema), LOG_LEVEL: 'warn' }
    const processes = await Promise.all(
      [1, 2].map(() => run(process.execPath, ['--import', 'tsx', migrateEntry], { env, timeout: 60_000 })),
    )
    const applied = processes.map((result) => JSON.parse(result.stdout.trim()) as string[])
    const all = Object.keys(migrations).sort()
    expect([...(applied[0] ?? []), ...(applied[1] ?? [])].sort()).toEqual(all)
    const [rows] = await runSql(url, schema, ['select name from kysely_migration order by name'])
    expect(rows?.rows.map((row) => row.name)).toEqual(all)
  }, 90_000)
})
