import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { toCsv } from '../../shared/csv.js'
import { importColumns } from './collaboration.import.js'

const row = (values: Partial<Record<(typeof importColumns)[number], string>>) =>
  importColumns.map((column) => values[column] ?? '')

describe('importing an existing register from CSV', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let admin: TestClient

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
    admin = await harness.login('admin')
  })
  afterAll(async () => test.cleanup())

  const importCsv = (csv: string, dryRun = false) => {
    const form = new FormData()
    form.set('file', new File([csv], 'register.csv', { type: 'text/csv' }))
    return admin.request(`/api/v1/collaborations/import?dryRun=${dryRun}`, { method: 'POST', body: form })
  }
  const count = async () =>
    (await test.database.db.selectFrom('collaborations').select('id').execute()).length

  it('offers a template whose example row imports cleanly', async () => {
    const template = await admin.request('/api/v1/collaborations/import/template')
    expect(template.headers.get('content-type')).toContain('text/csv')
    const report = await (await importCsv(await template.text(), true)).json()
    expect(report).toMatchObject({
      imported: false,
      dryRun: true,
      rejectedCount: 0,
      rows: [{ row: 2, status: 'ok' }],
    })
  })

  it('imports every row when all are valid, with partners in any script, as decided cases', async () => {
    const csv = toCsv([
      [...importColumns],
      row({
        title: 'Tsinghua battery materials',
        unit_code: 'MAT.1',
        pi_name: 'Dr. Ines Wolf',
        partner_names: '清华大学',
        partner_names_english: 'Tsinghua University',
        partner_countries: 'CN',
        partner_kinds: 'university',
        status: 'active',
        trl: '3',
      }),
      row({
        title: 'Coastal erosion, Fujian',
        research_areas: '343-02',
        pi_username: 'researcher',
        partner_names_english: 'Xiamen University;Fujian Normal University',
        partner_countries: 'CN;CN',
        status: 'ended',
      }),
    ])
    const before = await count()
    const report = await (await importCsv(csv)).json()
    expect(report).toMatchObject({ imported: true, importedCount: 2, rejectedCount: 0 })
    expect(report.rows.every((entry: { reference: string }) => /^FZH-/.test(entry.reference))).toBe(true)
    expect(await count()).toBe(before + 2)
    const list = await (await admin.request('/api/v1/collaborations?scope=all&q=fujian')).json()
    expect(list[0]).toMatchObject({
      status: 'ended',
      partnerNames: ['Xiamen University', 'Fujian Normal University'],
    })
  })

  it('imports nothing when one row is bad, and says row by row what and why', async () => {
    const csv = toCsv([
      [...importColumns],
      row({ title: 'Fine row' }),
      row({
        title: '',
        trl: '12',
        unit_code: 'NOPE',
        partner_countries: 'China',
        partner_names: 'X',
        status: 'maybe',
      }),
    ])
    const before = await count()
    const report = await (await importCsv(csv)).json()
    expect(report).toMatchObject({ imported: false, importedCount: 0, rejectedCount: 1 })
    expect(report.rows[0]).toMatchObject({ row: 2, status: 'ok' })
    const columns = report.rows[1].problems.map((problem: { column: string }) => problem.column).sort()
    expect(columns).toEqual(['partner_countries', 'status', 'title', 'trl', 'unit_code'])
    expect(await count()).toBe(before)
  })

  it('refuses a file whose header is not the template’s', async () => {
    const response = await importCsv('name,country\nX,CN\n')
    expect(response.status).toBe(422)
    expect((await response.json()).errors[0].message).toContain('Unknown columns')
  })

  it('is for administrators only', async () => {
    const researcher = await harness.login('researcher')
    const form = new FormData()
    form.set('file', new File(['title\nX\n'], 'r.csv'))
    expect(
      (await researcher.request('/api/v1/collaborations/import', { method: 'POST', body: form })).status,
    ).toBe(403)
  })
})
