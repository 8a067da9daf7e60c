import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { runJobsUntilIdle } from '../../platform/jobs/index.js'
import type { CollaborationScreening, ListChange, ListVersion, ScreeningList } from './screening.schema.js'

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/screening/${name}`, import.meta.url), 'utf8')

describe('partner screening through the API', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let admin: TestClient
  let reviewer: TestClient
  let researcher: TestClient
  let collaborationId = ''
  const runJobs = () => runJobsUntilIdle({ context: () => test.ctx })
  const importNro = async (file: string) =>
    admin.request('/api/v1/screening/imports', {
      method: 'POST',
      json: { format: 'ca-nro', fileName: file, content: fixture(file) },
    })

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
    admin = await harness.login('admin')
    reviewer = await harness.login('research-security')
    researcher = await harness.login('researcher')
  })
  afterAll(async () => test.cleanup())

  it('says "not screened" (never "no hits") before any list is imported', async () => {
    const ids = await demoIds(test.database.db)
    const sheet = buildSheet(ids, {
      partners: [
        {
          id: '0190a1b2-0000-7000-8000-00000000000a',
          nameOriginal: '哈尔滨工业大学',
          nameEnglish: 'School of Astronautics, Harbin Institute of Technology',
          country: 'CN',
          kind: 'university',
        },
        {
          id: '0190a1b2-0000-7000-8000-00000000000b',
          nameOriginal: '',
          nameEnglish: 'Universität Potsdam',
          country: 'DE',
          kind: 'university',
        },
      ],
    })
    const created = await researcher.request('/api/v1/collaborations', { method: 'POST', json: { sheet } })
    expect(created.status).toBe(201)
    collaborationId = (await created.json()).id
    expect(
      (await researcher.request(`/api/v1/collaborations/${collaborationId}/submit`, { method: 'POST' }))
        .status,
    ).toBe(200)
    const results: CollaborationScreening = await (
      await researcher.request(`/api/v1/collaborations/${collaborationId}/screening`)
    ).json()
    expect(results.partners.map((partner) => partner.status)).toEqual(['not_screened', 'not_screened'])
    expect(results.listsScreened).toBe(0)
  })

  it('imports a list as version 1 and explains its kind in German and English', async () => {
    const response = await importNro('nro-v1.csv')
    expect(response.status).toBe(201)
    const version: ListVersion = await response.json()
    expect(version).toMatchObject({ version: 1, entryCount: 4, added: 4, removed: 0, changed: 0 })
    const lists: ScreeningList[] = await (await reviewer.request('/api/v1/screening/lists')).json()
    expect(lists[0]).toMatchObject({
      key: 'ca-nro',
      kind: 'research_security',
      currentVersion: 1,
      isStale: false,
    })
    expect(lists[0]?.kindMeaning.de).toMatch(/Forschungssicherheit/)
  })

  it('screens the partners of the case in the background after the import, with explained hits', async () => {
    await runJobs()
    const results: CollaborationScreening = await (
      await researcher.request(`/api/v1/collaborations/${collaborationId}/screening`)
    ).json()
    const [harbin, potsdam] = results.partners
    expect(potsdam?.status).toBe('no_hits')
    expect(harbin?.status).toBe('open_hits')
    expect(harbin?.hits[0]).toMatchObject({
      name: 'Harbin Institute of Technology',
      listKind: 'research_security',
      verdict: 'match',
    })
    expect(harbin?.hits[0]?.explanation).toMatch(/matched/)
  })

  it('rejects a broken file whole and keeps the previous version', async () => {
    const response = await admin.request('/api/v1/screening/imports', {
      method: 'POST',
      json: { format: 'ca-nro', fileName: 'broken.csv', content: 'nom,pays\nx,y\n' },
    })
    expect(response.status).toBe(422)
    const lists: ScreeningList[] = await (await admin.request('/api/v1/screening/lists')).json()
    expect(lists[0]?.currentVersion).toBe(1)
  })

  it('refuses list imports and dispositions to researchers', async () => {
    expect((await researcher.request('/api/v1/screening/imports', { method: 'POST', json: {} })).status).toBe(
      403,
    )
    expect(
      (await researcher.request('/api/v1/screening/dispositions', { method: 'POST', json: {} })).status,
    ).toBe(403)
  })

  it('remembers a disposition for the entry version and raises the hit again when the entry changes', async () => {
    const screened = await reviewer.request(`/api/v1/collaborations/${collaborationId}/screening`, {
      method: 'POST',
    })
    const before: CollaborationScreening = await screened.json()
    expect(screened.status, JSON.stringify(before)).toBe(200)
    const partner = before.partners[0]
    const hit = partner?.hits[0]
    const disposed = await reviewer.request('/api/v1/screening/dispositions', {
      method: 'POST',
      json: {
        partnerId: partner?.partnerId,
        listKey: hit?.listKey,
        entityKey: hit?.entityKey,
        entryHash: hit?.entryHash,
        decision: 'confirmed',
        reason: 'The school belongs to HIT; export control informed.',
      },
    })
    expect(disposed.status).toBe(201)
    const after: CollaborationScreening = await (
      await researcher.request(`/api/v1/collaborations/${collaborationId}/screening`)
    ).json()
    expect(after.partners[0]?.status).toBe('hits')
    expect(after.partners[0]?.hits[0]?.disposition).toMatchObject({
      decision: 'confirmed',
      decidedBy: 'research-security',
    })

    // Version 2 changes the HIT entry (a new alias), removes Beihang and adds NWPU.
    const version: ListVersion = await (await importNro('nro-v2.csv')).json()
    expect(version).toMatchObject({ version: 2, added: 1, removed: 1, changed: 1 })
    const changes: ListChange[] = await (
      await reviewer.request(`/api/v1/screening/versions/${version.id}/changes`)
    ).json()
    expect(changes.map((change) => `${change.change} ${change.name}`).sort()).toEqual([
      'added Northwestern Polytechnical University',
      'changed Harbin Institute of Technology',
      'removed Beihang University',
    ])
    await runJobs()
    const again: CollaborationScreening = await (
      await researcher.request(`/api/v1/collaborations/${collaborationId}/screening`)
    ).json()
    expect(again.partners[0]?.status).toBe('open_hits')
    expect(again.partners[0]?.hits.every((item) => item.disposition === null)).toBe(true)
    expect(again.partners[0]?.hits[0]?.entryHash).not.toBe(hit?.entryHash)
  })

  it('keeps the versions and shows the partner page with history and dispositions', async () => {
    const lists: ScreeningList[] = await (await admin.request('/api/v1/screening/lists')).json()
    const versions: ListVersion[] = await (
      await admin.request(`/api/v1/screening/lists/${lists[0]?.id}/versions`)
    ).json()
    expect(versions.map((version) => version.version)).toEqual([2, 1])
    const results: CollaborationScreening = await (
      await reviewer.request(`/api/v1/collaborations/${collaborationId}/screening`)
    ).json()
    const page = await (await reviewer.request(`/api/v1/partners/${results.partners[0]?.partnerId}`)).json()
    expect(page.collaborations.map((item: { id: string }) => item.id)).toEqual([collaborationId])
    expect(page.dispositions).toHaveLength(1)
    expect(page.screenings.length).toBeGreaterThanOrEqual(3)
  })

  it('proposes the existing register record for another spelling of a partner, and merges records keeping both histories', async () => {
    const suggestions = await (
      await researcher.request(
        `/api/v1/partners/suggestions?name=${encodeURIComponent('Harbin Institute of Technology')}`,
      )
    ).json()
    expect(suggestions.length).toBeGreaterThan(0)
    const register = await (await reviewer.request('/api/v1/partners')).json()
    const [first, second] = register
    const merged = await reviewer.request(`/api/v1/partners/${first.id}/merge`, {
      method: 'POST',
      json: { otherId: second.id },
    })
    expect(merged.status).toBe(200)
    const page = await merged.json()
    expect(page.partner.aliases).toContain(second.name)
    expect((await (await reviewer.request('/api/v1/partners')).json()).length).toBe(register.length - 1)
  })

  it('screens a name ad hoc for a reviewer and logs it', async () => {
    const response = await reviewer.request('/api/v1/screening/search', {
      method: 'POST',
      json: { name: 'NWPU', country: 'CN' },
    })
    const result = await response.json()
    expect(result.matches[0]).toMatchObject({
      name: 'Northwestern Polytechnical University',
      verdict: 'match',
    })
    const audit = await (await admin.request('/api/v1/audit?action=screening.ad_hoc')).json()
    expect(JSON.stringify(audit)).toContain('NWPU')
  })

  it('lets an admin maintain the own list as versions', async () => {
    const added = await admin.request('/api/v1/screening/own-list/entries', {
      method: 'POST',
      json: {
        name: 'Havelland Dual-Use Trading Co., Ltd.',
        countries: ['CN'],
        reason: 'Earlier diversion case',
      },
    })
    expect(added.status).toBe(201)
    const result = await (
      await reviewer.request('/api/v1/screening/search', {
        method: 'POST',
        json: { name: 'HAVELLAND DUAL USE TRADING' },
      })
    ).json()
    expect(result.matches[0]).toMatchObject({ listKind: 'own', verdict: 'match' })
  })
})
