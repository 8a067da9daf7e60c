/**
 * The everyday pages at 10,000 collaborations: the demo institution (with its knowledge library
 * and regulations) plus a generated portfolio (bench/generate.ts), then each page's API request
 * through the real app as the person who would open it, on SQLite and on PostgreSQL
 * (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, in a schema of its own).
 * Target: every page under 500 ms; exports are listed for information.
 *
 * `npm run bench -- pages`; BENCH_COLLABORATIONS (default 10000), BENCH_REPEATS (default 5),
 * BENCH_DATABASE (sqlite or postgres).
 */
import { seedDemoIfEmpty } from '../src/demo/index.js'
import type { TestDatabase } from '../test/test-app.js'
import { onBothDatabases, type TestApp } from './databases.js'
import { generatePortfolio } from './generate.js'
import { machineLine, ms, percentile } from './machine.js'

const collaborations = Number(process.env.BENCH_COLLABORATIONS ?? 10_000)
const repeats = Number(process.env.BENCH_REPEATS ?? 5)
const target = 500

interface Page {
  name: string
  user: string
  path: string
  /** Downloads are not pages: measured, not judged. */
  export?: boolean
}

async function measure(label: string, app: TestApp, test: TestDatabase): Promise<boolean> {
  await seedDemoIfEmpty(test.ctx)
  const generated = await generatePortfolio(test.database.db, { collaborations, reviewsPerCase: 5, seed: 7 })
  process.stdout.write(
    `${label}: demo institution plus ${generated.collaborations} generated collaborations in ${generated.seconds.toFixed(1)} s\n`,
  )
  const db = test.database.db
  const someCase = await db
    .selectFrom('collaborations')
    .select('id')
    .where('status', '=', 'in_review')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const regulation = await db
    .selectFrom('knowledgeDocuments')
    .select('id')
    .where('kind', '=', 'regulation')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const pages: Page[] = [
    { name: 'my cases', user: 'researcher', path: '/api/v1/collaborations?scope=mine&limit=50' },
    {
      name: 'my cases, search',
      user: 'researcher',
      path: '/api/v1/collaborations?scope=mine&limit=50&q=china',
    },
    { name: 'a case', user: 'export-control', path: `/api/v1/collaborations/${someCase.id}` },
    { name: 'all cases', user: 'export-control', path: '/api/v1/collaborations?scope=all&limit=50' },
    { name: 'review queue', user: 'export-control', path: '/api/v1/reviews/queue' },
    { name: 'partner register', user: 'export-control', path: '/api/v1/partners?limit=50' },
    { name: 'notifications', user: 'researcher', path: '/api/v1/notifications' },
    { name: 'knowledge library', user: 'researcher', path: '/api/v1/knowledge/documents?limit=50' },
    { name: 'regulation watch', user: 'export-control', path: '/api/v1/knowledge/regulation-watch' },
    {
      name: "a regulation's cases",
      user: 'export-control',
      path: `/api/v1/knowledge/documents/${regulation.id}/cases`,
    },
    { name: 'training report', user: 'admin', path: '/api/v1/training/report' },
    { name: 'audit trail', user: 'admin', path: '/api/v1/audit?limit=50' },
    {
      name: 'register export (CSV)',
      user: 'admin',
      path: '/api/v1/register/export?format=csv',
      export: true,
    },
  ]
  const { login } = app.createTestApp(test)
  const clients = new Map<string, Awaited<ReturnType<typeof login>>>()
  let ok = true
  for (const page of pages) {
    const client = clients.get(page.user) ?? (await login(page.user))
    clients.set(page.user, client)
    const times: number[] = []
    let bytes = 0
    for (let i = 0; i < repeats; i++) {
      const start = performance.now()
      const response = await client.request(page.path)
      bytes = (await response.arrayBuffer()).byteLength
      times.push(performance.now() - start)
      if (response.status !== 200) throw new Error(`${page.name}: HTTP ${response.status}`)
    }
    const max = Math.max(...times)
    const over = !page.export && max >= target
    if (over) ok = false
    process.stdout.write(
      `${label}  ${page.name.padEnd(24)} p50 ${ms(percentile(times, 50)).padStart(9)}  max ${ms(max).padStart(9)}  ${`${(bytes / 1024).toFixed(0)} kB`.padStart(8)}${page.export ? '  (export)' : ''}${over ? '  OVER TARGET' : ''}\n`,
    )
  }
  return ok
}

/** Runs the benchmark on both databases and prints its figures. */
export async function run(): Promise<void> {
  process.stdout.write(`${machineLine()}\n${repeats} runs per page, target < ${target} ms for every page\n`)
  const met = await onBothDatabases('empty', measure)
  process.stdout.write(`\nevery page under ${target} ms on both databases: ${met ? 'yes' : 'NO'}\n`)
}
