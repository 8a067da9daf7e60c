import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, createTestApp, type TestDatabase, testDialect } from './test-app.js'

describe(`cases created at the same moment in a fresh institution (${testDialect})`, () => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createDemoDatabase({ LOG_LEVEL: 'silent' })
  })
  afterAll(async () => {
    await test.cleanup()
  })

  it('all succeed and the questionnaire they answer is published exactly once', async () => {
    const client = await createTestApp(test).login('researcher')
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        client.request('/api/v1/collaborations', {
          method: 'POST',
          json: { sheet: { title: `Parallel ${index}` } },
        }),
      ),
    )
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201))
    const questionnaires = await test.database.db.selectFrom('questionnaires').select('version').execute()
    expect(questionnaires).toEqual([{ version: 1 }])
    const references = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { reference: string }).reference),
    )
    expect(new Set(references).size).toBe(12)
  }, 60_000)
})
