import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'

// Strings a hostile or broken client may send: lone surrogates, control characters, huge text, markup.
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme-composite' }),
  fc.constantFrom(
    '\ud800',
    'a\udfffb',
    '\u0000',
    '\u001b[31m',
    '<script>alert(1)</script>',
    "'; drop table users; --",
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  ),
  fc.integer({ min: 0, max: 200_000 }).map((length) => 'x'.repeat(length)),
)
const nastyValue = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
)
const sheetLike = fc.record(
  {
    title: nastyValue,
    summary: nastyValue,
    description: nastyValue,
    trl: fc.oneof(fc.integer({ min: -5, max: 15 }), nastyValue),
    researchAreas: fc.oneof(
      fc.array(fc.constantFrom('343-02', '999-99', 'x', ''), { maxLength: 12 }),
      nastyValue,
    ),
    keywords: fc.oneof(fc.array(nastyString, { maxLength: 40 }), nastyValue),
    partners: fc.oneof(
      fc.array(
        fc.record(
          {
            id: fc.oneof(fc.uuid(), nastyString),
            nameOriginal: nastyValue,
            country: fc.oneof(fc.constantFrom('CN', 'DE', 'cn', 'XYZ'), nastyValue),
            kind: nastyValue,
            nationality: nastyValue,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      nastyValue,
    ),
    activities: fc.oneof(
      fc.record({ mobility: nastyValue, mobilityMonths: nastyValue }, { requiredKeys: [] }),
      nastyValue,
    ),
    answers: fc.oneof(
      fc.dictionary(
        fc.string({ maxLength: 70 }),
        fc.record({ answer: nastyValue, explanation: nastyValue }, { requiredKeys: [] }),
        { maxKeys: 3 },
      ),
      nastyValue,
    ),
    unexpected: nastyValue,
  },
  { requiredKeys: [] },
)

describe('random and malformed input to the collaboration endpoints', () => {
  let test: TestDatabase
  let researcher: TestClient
  let draft: { id: string; updatedAt: string }

  beforeAll(async () => {
    test = await createDemoDatabase()
    researcher = await createTestApp(test).login('researcher')
    draft = await (
      await researcher.request('/api/v1/collaborations', {
        method: 'POST',
        json: { sheet: { title: 'Fixed' } },
      })
    ).json()
  })
  afterAll(async () => test.cleanup())

  const snapshot = async () => {
    const rows = await test.database.db
      .selectFrom('collaborations')
      .select(['id', 'sheet', 'updatedAt'])
      .orderBy('id')
      .execute()
    const audit = await test.database.db.selectFrom('auditEvents').select('seq').execute()
    return { rows: JSON.stringify(rows), auditCount: audit.length }
  }

  it('never answers 5xx to a create, and a refused create writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.record({ sheet: sheetLike }), fc.anything(), sheetLike), async (body) => {
        const before = await snapshot()
        const response = await researcher.request('/api/v1/collaborations', { method: 'POST', json: body })
        expect(response.status).toBeLessThan(500)
        if (response.status !== 201) {
          expect(response.headers.get('content-type')).toBe('application/problem+json')
          expect(await snapshot()).toEqual(before)
        }
      }),
      { numRuns: 120 },
    )
  })

  it('never answers 5xx to a save, and a refused save changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(sheetLike, async (sheet) => {
        const before = await snapshot()
        const response = await researcher.request(`/api/v1/collaborations/${draft.id}/sheet`, {
          method: 'PUT',
          json: { sheet, baseUpdatedAt: draft.updatedAt },
        })
        expect(response.status).toBeLessThan(500)
        if (response.status === 200) draft = await response.json()
        else expect(await snapshot()).toEqual(before)
      }),
      { numRuns: 120 },
    )
  })

  it('answers raw garbage bodies with a problem, not a crash', async () => {
    for (const body of ['{', 'null', '[]', '"x"', '\u0000\u0001', '{"sheet":{"title":"\\ud800"}}']) {
      const response = await researcher.request('/api/v1/collaborations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(response.status, body).toBeGreaterThanOrEqual(400)
      expect(response.status, body).toBeLessThan(500)
    }
  })
})
