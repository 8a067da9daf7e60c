import type { TestDatabase } from '../test/test-app.js'

/** The test app module, loaded once per database (it reads TEST_DATABASE_URL when loaded). */
export type TestApp = typeof import('../test/test-app.js')

/**
 * Runs a measurement on SQLite and on PostgreSQL (TEST_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test, in a schema of its own that is dropped afterwards);
 * BENCH_DATABASE=sqlite or postgres runs one. Each gets a fresh database with the demo
 * organisation (`organisation`) or empty (`empty`). Returns whether every measurement met its target.
 */
export async function onBothDatabases(
  start: 'organisation' | 'empty',
  measure: (label: string, app: TestApp, test: TestDatabase) => Promise<boolean>,
): Promise<boolean> {
  const results: boolean[] = []
  const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
  const only = process.env.BENCH_DATABASE
  for (const label of ['sqlite', 'postgres'] as const) {
    if (only && only !== label) continue
    if (label === 'sqlite') delete process.env.TEST_DATABASE_URL
    else process.env.TEST_DATABASE_URL = postgresUrl
    const app = (await import(`../test/test-app.js?db=${label}`)) as TestApp
    const test = start === 'organisation' ? await app.createDemoDatabase() : await app.createTestDatabase()
    try {
      results.push(await measure(label, app, test))
    } finally {
      await test.cleanup()
    }
  }
  return results.every(Boolean)
}
