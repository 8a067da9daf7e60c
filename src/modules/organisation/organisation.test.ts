import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'

describe('organisation', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let admin: TestClient
  let researcher: TestClient

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
    admin = await harness.login('admin')
    researcher = await harness.login('researcher')
  })
  afterAll(async () => test.cleanup())

  it('seeds the demo institution with every office and a contact for each reviewing office', async () => {
    const offices = await (await researcher.request('/api/v1/offices')).json()
    expect(offices.map((office: { key: string }) => office.key)).toEqual([
      'export_control',
      'legal',
      'hr',
      'technology_transfer',
      'funding_office',
      'international_office',
      'ethics',
      'data_protection',
      'research_security',
    ])
    const contacts = await (await researcher.request('/api/v1/contacts')).json()
    const officesWithContact = new Set(contacts.map((contact: { officeId: string }) => contact.officeId))
    expect(officesWithContact.size).toBe(9)
  })

  it('lets an admin create a unit below another and audits it', async () => {
    const units = await (await admin.request('/api/v1/units')).json()
    const geo = units.find((unit: { code: string }) => unit.code === 'GEO')
    const response = await admin.request('/api/v1/units', {
      method: 'POST',
      json: { code: 'GEO.3', nameDe: 'Geochemie', nameEn: 'Geochemistry', parentId: geo.id },
    })
    expect(response.status).toBe(201)
    const unit = await response.json()
    expect(unit.parentId).toBe(geo.id)
    const audit = await (await admin.request(`/api/v1/audit?entityType=unit&entityId=${unit.id}`)).json()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'unit.created', actorName: 'admin', after: { code: 'GEO.3' } })
  })

  it('refuses a duplicate unit code with 409 naming the field, and changes nothing', async () => {
    const before = (await (await admin.request('/api/v1/units')).json()).length
    const response = await admin.request('/api/v1/units', {
      method: 'POST',
      json: { code: 'GEO', nameDe: 'Doppelt', nameEn: 'Duplicate' },
    })
    expect(response.status).toBe(409)
    expect((await response.json()).errors).toEqual([{ field: 'code', message: 'This code is taken' }])
    expect((await (await admin.request('/api/v1/units')).json()).length).toBe(before)
  })

  it('refuses to place a unit below its own descendant', async () => {
    const units = await (await admin.request('/api/v1/units')).json()
    const geo = units.find((unit: { code: string }) => unit.code === 'GEO')
    const child = units.find((unit: { code: string }) => unit.code === 'GEO.1')
    const response = await admin.request(`/api/v1/units/${geo.id}`, {
      method: 'PATCH',
      json: { parentId: child.id },
    })
    expect(response.status).toBe(422)
    expect((await response.json()).errors[0].field).toBe('parentId')
  })

  it('rejects unknown fields and oversized text with the field named', async () => {
    const response = await admin.request('/api/v1/units', {
      method: 'POST',
      json: { code: 'X1', nameDe: 'x'.repeat(201), nameEn: 'ok', colour: 'red' },
    })
    expect(response.status).toBe(422)
    const fields = (await response.json()).errors.map((error: { field: string }) => error.field).sort()
    expect(fields).toEqual(['colour', 'nameDe'])
  })

  it('creates a user with an office reviewer role, who can then sign in', async () => {
    const offices = await (await admin.request('/api/v1/offices')).json()
    const legal = offices.find((office: { key: string }) => office.key === 'legal')
    const response = await admin.request('/api/v1/users', {
      method: 'POST',
      json: {
        username: 'j.doe',
        displayName: 'Jane Doe',
        email: 'jane@example.org',
        password: 'correct horse battery',
        roles: [
          { role: 'office_reviewer', officeId: legal.id },
          { role: 'researcher', officeId: null },
        ],
      },
    })
    expect(response.status).toBe(201)
    const signedIn = await harness.login('j.doe', 'correct horse battery')
    expect(signedIn.session.user.roles).toHaveLength(2)
  })

  it('requires an office for the office reviewer role', async () => {
    const response = await admin.request('/api/v1/users', {
      method: 'POST',
      json: {
        username: 'no.office',
        displayName: 'No Office',
        email: '',
        roles: [{ role: 'office_reviewer', officeId: null }],
      },
    })
    expect(response.status).toBe(422)
    expect((await response.json()).errors[0].field).toBe('roles.0.officeId')
  })

  it('keeps at least one active administrator', async () => {
    const users = await (await admin.request('/api/v1/users?q=admin')).json()
    const self = users.find((user: { username: string }) => user.username === 'admin')
    const response = await admin.request(`/api/v1/users/${self.id}`, { method: 'PATCH', json: { roles: [] } })
    expect(response.status).toBe(422)
  })

  it('signs a deactivated user out and refuses their next sign-in', async () => {
    const client = await harness.login('funding-office')
    const user = client.session.user
    expect(
      (await admin.request(`/api/v1/users/${user.id}`, { method: 'PATCH', json: { isActive: false } }))
        .status,
    ).toBe(200)
    expect((await client.request('/api/v1/auth/session')).status).toBe(401)
    const again = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'funding-office', password: 'demo' },
    })
    expect(again.status).toBe(401)
  })

  it('manages contact persons and records removals in the audit trail', async () => {
    const offices = await (await admin.request('/api/v1/offices')).json()
    const created = await admin.request('/api/v1/contacts', {
      method: 'POST',
      json: { officeId: offices[0].id, name: 'Dr. Eva Lang', topics: ['sanctions'], languages: ['de', 'en'] },
    })
    expect(created.status).toBe(201)
    const contact = await created.json()
    const updated = await admin.request(`/api/v1/contacts/${contact.id}`, {
      method: 'PATCH',
      json: { phone: '+49 30 1234' },
    })
    expect((await updated.json()).phone).toBe('+49 30 1234')
    expect((await admin.request(`/api/v1/contacts/${contact.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await admin.request(`/api/v1/contacts/${contact.id}`, { method: 'DELETE' })).status).toBe(404)
    const trail = await (
      await admin.request(`/api/v1/audit?entityType=contact&entityId=${contact.id}`)
    ).json()
    expect(trail.map((entry: { action: string }) => entry.action)).toEqual([
      'contact.deleted',
      'contact.updated',
      'contact.created',
    ])
    expect(trail[0].before.name).toBe('Dr. Eva Lang')
  })

  it('rejects a contact with an unknown topic or a malformed phone number', async () => {
    const offices = await (await admin.request('/api/v1/offices')).json()
    const response = await admin.request('/api/v1/contacts', {
      method: 'POST',
      json: { officeId: offices[0].id, name: 'X', topics: ['gossip'], phone: 'call me' },
    })
    expect(response.status).toBe(422)
    const fields = (await response.json()).errors.map((error: { field: string }) => error.field).sort()
    expect(fields).toEqual(['phone', 'topics.0'])
  })

  it('answers 404 problem+json for an unknown id and 422 for a malformed one', async () => {
    expect(
      (
        await admin.request('/api/v1/units/01900000-0000-7000-8000-000000000000', {
          method: 'PATCH',
          json: {},
        })
      ).status,
    ).toBe(404)
    const malformed = await admin.request('/api/v1/units/not-an-id', { method: 'PATCH', json: {} })
    expect(malformed.status).toBe(422)
    expect((await malformed.json()).errors[0].field).toBe('param.id')
  })
})
