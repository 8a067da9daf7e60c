import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase } from './database.js'

const folder = mkdtempSync(join(tmpdir(), 'liaison-db-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('slow query log', () => {
  it('reports queries at or above the threshold with their SQL, and no others', async () => {
    const slow: { sql: string; ms: number; failed: boolean }[] = []
    const database = createDatabase(
      { kind: 'sqlite', file: join(folder, 'slow.db') },
      { slowQueryMs: 20, onSlowQuery: (query) => slow.push(query) },
    )
    try {
      await sql`select 1`.execute(database.db)
      // A query that counts to five million takes well over 20 ms.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000000) select count(*) from n`.execute(
        database.db,
      )
      expect(slow).toHaveLength(1)
      expect(slow[0]?.sql).toContain('with recursive n(i)')
      expect(slow[0]?.ms).toBeGreaterThanOrEqual(20)
      expect(slow[0]?.failed).toBe(false)
    } finally {
      await database.close()
    }
  })

  it('reports nothing when the threshold is 0', async () => {
    const slow: unknown[] = []
    const database = createDatabase(
      { kind: 'sqlite', file: join(folder, 'off.db') },
      { slowQueryMs: 0, onSlowQuery: (query) => slow.push(query) },
    )
    try {
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 500000) select count(*) from n`.execute(
        database.db,
      )
      expect(slow).toEqual([])
    } finally {
      await database.close()
    }
  })
})
