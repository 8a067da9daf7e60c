import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, createTestApp, type TestDatabase } from '../../../test/test-app.js'

describe('signing in and out', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>

  beforeAll(async () => {
    test = await createDemoDatabase({ LOGIN_MAX_ATTEMPTS: '3' })
    harness = createTestApp(test)
  })
  afterAll(async () => test.cleanup())

  it('opens a session with an HttpOnly, SameSite cookie and returns the user with roles', async () => {
    const response = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'export-control', password: 'demo' },
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^liaison_session=[\w-]{40,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    const body = await response.json()
    expect(body.user.username).toBe('export-control')
    expect(body.user.roles).toEqual([{ role: 'office_reviewer', officeId: expect.any(String) }])
    expect(body.csrfToken).toEqual(expect.any(String))
    expect(body.user).not.toHaveProperty('passwordHash')
  })

  it('stores only a hash of the session secret', async () => {
    const client = await harness.login('researcher')
    const rows = await test.database.db.selectFrom('sessions').select('idHash').execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.idHash))).toBe(true)
    expect(client.session.user.username).toBe('researcher')
  })

  it('refuses a wrong password with 401 problem+json and the same answer for an unknown user', async () => {
    const wrong = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'legal', password: 'nope' },
    })
    const unknown = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'ghost', password: 'nope' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.headers.get('content-type')).toBe('application/problem+json')
    expect((await wrong.json()).detail).toBe((await unknown.json()).detail)
  })

  it('rate-limits repeated failures for a username and tells when to retry', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await harness.request('/api/v1/auth/login', {
        method: 'POST',
        json: { username: 'hr', password: 'wrong' },
      })
    }
    const blocked = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'hr', password: 'demo' },
    })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('names every wrong field of a malformed login, including unknown ones', async () => {
    const response = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { user: 'x', password: 5 },
    })
    expect(response.status).toBe(422)
    const problem = await response.json()
    const fields = problem.errors.map((error: { field: string }) => error.field).sort()
    expect(fields).toEqual(['password', 'user', 'username'])
  })

  it('answers the session endpoint by cookie and ends the session on logout', async () => {
    const client = await harness.login('legal')
    expect((await client.request('/api/v1/auth/session')).status).toBe(200)
    expect((await client.request('/api/v1/auth/logout', { method: 'POST' })).status).toBe(204)
    expect((await client.request('/api/v1/auth/session')).status).toBe(401)
  })

  it('refuses a state-changing request without the CSRF token', async () => {
    const client = await harness.login('admin')
    const cookieOnly = await harness.request('/api/v1/me', {
      method: 'PATCH',
      headers: { cookie: `liaison_session=${'x'}` },
      json: { locale: 'en' },
    })
    expect(cookieOnly.status).toBe(401)
    const withSession = await client.request('/api/v1/me', {
      method: 'PATCH',
      headers: { 'x-csrf-token': 'forged' },
      json: { locale: 'en' },
    })
    expect(withSession.status).toBe(403)
    const ok = await client.request('/api/v1/me', { method: 'PATCH', json: { locale: 'en' } })
    expect(ok.status).toBe(200)
    expect((await ok.json()).locale).toBe('en')
  })

  it('refuses state-changing requests from another origin', async () => {
    const response = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      json: { username: 'admin', password: 'demo' },
    })
    expect(response.status).toBe(403)
  })

  it('expires sessions after the configured time', async () => {
    let now = new Date('2026-03-02T09:00:00Z')
    const clocked = createTestApp(test, { now: () => now })
    const client = await clocked.login('ethics')
    now = new Date(now.getTime() + 13 * 3_600_000)
    expect((await client.request('/api/v1/auth/session')).status).toBe(401)
  })
})

describe('personal API tokens', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
  })
  afterAll(async () => test.cleanup())

  it('creates a token shown once, stored hashed, that carries the user roles', async () => {
    const client = await harness.login('auditor')
    const created = await client.request('/api/v1/me/tokens', {
      method: 'POST',
      json: { name: 'reporting script' },
    })
    expect(created.status).toBe(201)
    const { token, record } = await created.json()
    expect(token).toMatch(/^lsn_/)
    const stored = await test.database.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow()
    expect(stored.tokenHash).not.toContain(token)
    expect(JSON.stringify(await (await client.request('/api/v1/me/tokens')).json())).not.toContain(token)

    const bearer = { authorization: `Bearer ${token}` }
    const session = await harness.request('/api/v1/auth/session', { headers: bearer })
    expect(session.status).toBe(200)
    expect((await session.json()).via).toBe('token')
    expect((await harness.request('/api/v1/audit', { headers: bearer })).status).toBe(200)
    expect(
      (await harness.request('/api/v1/units', { method: 'POST', headers: bearer, json: {} })).status,
    ).toBe(403)
  })

  it('stops working once revoked, and an invalid token is a 401 rather than anonymous', async () => {
    const client = await harness.login('researcher')
    const { token, record } = await (
      await client.request('/api/v1/me/tokens', { method: 'POST', json: { name: 'x' } })
    ).json()
    expect((await client.request(`/api/v1/me/tokens/${record.id}`, { method: 'DELETE' })).status).toBe(204)
    const after = await harness.request('/api/v1/auth/session', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(after.status).toBe(401)
    const garbage = await harness.request('/api/v1/health', {
      headers: { authorization: 'Bearer lsn_nonsense' },
    })
    expect(garbage.status).toBe(401)
  })

  it('does not let one user revoke another user’s token', async () => {
    const owner = await harness.login('legal')
    const { record } = await (
      await owner.request('/api/v1/me/tokens', { method: 'POST', json: { name: 'mine' } })
    ).json()
    const other = await harness.login('hr')
    expect((await other.request(`/api/v1/me/tokens/${record.id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('rejects an expired token', async () => {
    let now = new Date('2026-01-01T00:00:00Z')
    const clocked = createTestApp(test, { now: () => now })
    const client = await clocked.login('expert')
    const { token } = await (
      await client.request('/api/v1/me/tokens', { method: 'POST', json: { name: 'short', expiresInDays: 1 } })
    ).json()
    now = new Date('2026-01-03T00:00:00Z')
    expect(
      (await clocked.request('/api/v1/auth/session', { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401)
  })
})
