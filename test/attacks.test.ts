import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCollaboration } from '../src/modules/collaborations/index.js'
import { openApiDocument } from '../src/server/app.js'
import { buildSheet, demoIds } from './factories.js'
import { createDemoDatabase, createTestApp, type TestDatabase, testDialect } from './test-app.js'

/** Text that would break a query built by string concatenation. */
const sqlPayloads = [
  "' OR '1'='1",
  "'; DROP TABLE collaborations; --",
  '" OR ""="',
  '%',
  '_',
  '\\',
  '1) UNION SELECT username, 1 FROM users --',
  '\u0000',
]
/** What a database error would put in a response body. */
const sqlErrorText =
  /syntax error|SQLITE_[A-Z]|SqliteError|near ".*":|relation ".*" does not exist|unterminated quoted|invalid input syntax|\$argon2/i

type App = ReturnType<typeof createTestApp>

describe(`attacks on the running app (${testDialect})`, () => {
  let test: TestDatabase
  let api: App
  let admin: Awaited<ReturnType<App['login']>>
  let researcher: Awaited<ReturnType<App['login']>>
  let caseId: string

  beforeAll(async () => {
    test = await createDemoDatabase({
      LOGIN_MAX_ATTEMPTS: '3',
      LOGIN_LOCK_AFTER: '5',
      LOGIN_LOCK_MINUTES: '30',
    })
    api = createTestApp(test)
    admin = await api.login('admin')
    researcher = await api.login('researcher')
    const ids = await demoIds(test.database.db)
    const actor = {
      id: ids.researcherId,
      username: 'researcher',
      displayName: ids.researcherName,
      roles: [{ role: 'researcher' as const, officeId: null }],
      via: 'session' as const,
    }
    caseId = (await createCollaboration(test.as(actor), { sheet: buildSheet(ids) })).id
  }, 60_000)
  afterAll(async () => test.cleanup())

  it('answers SQL metacharacters in every query parameter of every GET route without a 5xx or a leak', async () => {
    const document = openApiDocument()
    let requests = 0
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const get = (item as { get?: { parameters?: Array<{ name: string; in: string }> } }).get
      if (!get) continue
      const concrete = path.replace(/\{(\w+)\}/g, (_all, name: string) => (name === 'id' ? caseId : 'x'))
      const queryNames = (get.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((p) => p.name)
      for (const payload of sqlPayloads) {
        const targets = [
          // Path parameters carry the payload too.
          `/api/v1${path.replace(/\{(\w+)\}/g, () => encodeURIComponent(payload))}`,
          ...queryNames.map((name) => `/api/v1${concrete}?${name}=${encodeURIComponent(payload)}`),
        ]
        for (const target of targets) {
          const response = await admin.request(target)
          requests++
          const body = await response.text()
          expect(response.status, `${target} → ${body.slice(0, 200)}`).toBeLessThan(500)
          expect(body, target).not.toMatch(sqlErrorText)
        }
      }
    }
    expect(requests).toBeGreaterThan(200)
  }, 120_000)

  it('stores names full of SQL and HTML verbatim and finds them again by search', async () => {
    const title = "Robert'); DROP TABLE collaborations; -- <script>alert(1)</script>"
    const ids = await demoIds(test.database.db)
    const created = await researcher.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: { ...buildSheet(ids), title } },
    })
    expect(created.status).toBe(201)
    const found = await researcher.request(`/api/v1/collaborations?q=${encodeURIComponent("Robert');")}`)
    expect(found.status).toBe(200)
    expect(found.headers.get('content-type')).toContain('application/json')
    const list = (await found.json()) as Array<{ title: string }>
    expect(list.map((item) => item.title)).toContain(title)
    const all = await test.database.db.selectFrom('collaborations').select('id').execute()
    expect(all.length).toBeGreaterThan(1)
    // A NUL character (PostgreSQL cannot store it) is refused with the field named, not a 500.
    const nul = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      json: { body: 'before\u0000after', isInternal: false },
    })
    expect(nul.status).toBe(422)
    expect(await nul.text()).toContain('NUL')
  })

  it('refuses oversized JSON bodies and uploads with 413 problem+json', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10)
    const json = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      json: { body: big, isInternal: false },
    })
    expect(json.status).toBe(413)
    expect(json.headers.get('content-type')).toContain('application/problem+json')
    const form = new FormData()
    form.set(
      'file',
      new File([new Uint8Array(test.config.files.maxAttachmentBytes + 200 * 1024)], 'big.pdf', {
        type: 'application/pdf',
      }),
    )
    const upload = await researcher.request(`/api/v1/collaborations/${caseId}/attachments`, {
      method: 'POST',
      body: form,
    })
    expect(upload.status).toBe(413)
    expect(upload.headers.get('content-type')).toContain('application/problem+json')
    // A body that lies about its length is measured, not trusted.
    const lying = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '10' },
      body: JSON.stringify({ body: big, isInternal: false }),
    })
    expect([400, 413, 422]).toContain(lying.status)
  })

  it('refuses path tricks in attachment file names and never writes outside the store', async () => {
    const names = [
      '../../etc/passwd.pdf',
      '..\\..\\windows\\system32.pdf',
      '/etc/shadow.pdf',
      'C:\\boot.pdf',
      '.htaccess.pdf',
      'normal.pdf\u0000.exe',
      'CON.pdf',
      '%2e%2e%2fsecret.pdf',
      'report.pdf.exe',
      'a\nb.pdf',
    ]
    for (const name of names) {
      const form = new FormData()
      form.set('file', new File(['%PDF-1.4\n%%EOF'], name, { type: 'application/pdf' }))
      const response = await researcher.request(`/api/v1/collaborations/${caseId}/attachments`, {
        method: 'POST',
        body: form,
      })
      expect(response.status, name).toBe(422)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
    const stored = await test.database.db
      .selectFrom('attachments')
      .select('fileName')
      .where('collaborationId', '=', caseId)
      .execute()
    expect(stored).toEqual([])
  })

  it('does not accept a session id planted before sign-in (session fixation)', async () => {
    const planted = 'attacker-chosen-session-id-0123456789'
    const login = await api.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { cookie: `liaison_session=${planted}` },
      json: { username: 'auditor', password: 'demo' },
    })
    expect(login.status).toBe(200)
    const issued = /liaison_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]
    expect(issued).toBeDefined()
    expect(issued).not.toBe(planted)
    const withPlanted = await api.request('/api/v1/auth/session', {
      headers: { cookie: `liaison_session=${planted}` },
    })
    expect(withPlanted.status).toBe(401)
    const cookie = login.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })

  it('refuses state changes from another origin and without the CSRF token', async () => {
    const foreign = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      json: { body: 'from elsewhere', isInternal: false },
    })
    expect(foreign.status).toBe(403)
    const noToken = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      headers: { 'x-csrf-token': 'wrong' },
      json: { body: 'forged', isInternal: false },
    })
    expect(noToken.status).toBe(403)
    // A cross-site form post (text/plain, no custom header) is refused as well.
    const form = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': '' },
      body: '{"body":"form","isInternal":false}',
    })
    expect(form.status).toBe(403)
    const messages = await test.database.db
      .selectFrom('messages')
      .select('body')
      .where('collaborationId', '=', caseId)
      .execute()
    expect(messages).toEqual([])
  })

  it('rate-limits brute-force sign-in, then locks the account and tells its owner; an admin unlocks', async () => {
    const attempt = (password: string, ip = '10.0.0.1') =>
      api.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        json: { username: 'j.fischer', password },
      })
    const statuses: number[] = []
    for (let index = 0; index < 4; index++) statuses.push((await attempt(`guess-${index}`)).status)
    expect(statuses).toEqual([401, 401, 401, 429])
    const limited = await attempt('demo')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('content-type')).toContain('application/problem+json')
    // After the window the attacker continues; the account locks at the fifth failure.
    await test.database.db.deleteFrom('rateLimits').execute()
    expect((await attempt('guess-4')).status).toBe(401)
    expect((await attempt('guess-5')).status).toBe(401)
    await test.database.db.deleteFrom('rateLimits').execute()
    const locked = await attempt('demo')
    expect(locked.status).toBe(429)
    const user = await test.database.db
      .selectFrom('users')
      .select(['id', 'lockedUntil'])
      .where('username', '=', 'j.fischer')
      .executeTakeFirstOrThrow()
    expect(user.lockedUntil).not.toBeNull()
    const notice = await test.database.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('userId', '=', user.id)
      .where('kind', '=', 'account_locked')
      .execute()
    expect(notice).toHaveLength(1)
    const audit = await test.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', '=', user.id)
      .where('action', '=', 'user.locked')
      .execute()
    expect(audit).toHaveLength(1)
    // An unknown username answers exactly like a locked one once limited: nothing to enumerate.
    for (let index = 0; index < 3; index++) {
      await api.request('/api/v1/auth/login', {
        method: 'POST',
        json: { username: 'nobody-here', password: 'x' },
      })
    }
    const unknown = await api.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'nobody-here', password: 'x' },
    })
    expect(unknown.status).toBe(429)
    expect(((await unknown.json()) as { detail: string }).detail).toBe(
      ((await locked.json()) as { detail: string }).detail,
    )
    // Only an admin unlocks; then the right password works again.
    expect((await researcher.request(`/api/v1/users/${user.id}/unlock`, { method: 'POST' })).status).toBe(403)
    expect((await admin.request(`/api/v1/users/${user.id}/unlock`, { method: 'POST' })).status).toBe(204)
    expect((await attempt('demo')).status).toBe(200)
  })

  it('unlocks by itself after the lock period', async () => {
    const user = await test.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 's.keller')
      .executeTakeFirstOrThrow()
    await test.database.db
      .updateTable('users')
      .set({ lockedUntil: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', user.id)
      .execute()
    const response = await api.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 's.keller', password: 'demo' },
    })
    expect(response.status).toBe(200)
  })

  it('answers id guessing on another unit’s case with 404 and leaks nothing', async () => {
    const other = await api.login('a.nowak')
    for (const path of [
      '',
      '/messages',
      '/attachments',
      '/history',
      '/versions',
      '/assessment',
      '/screening',
      '/review',
      '/access-log',
    ]) {
      const response = await other.request(`/api/v1/collaborations/${caseId}${path}`)
      const body = await response.text()
      expect([403, 404], `${path}: ${response.status}`).toContain(response.status)
      expect(body, path).not.toContain('Longmenshan')
      expect(body, path).not.toContain('Hoffmann')
    }
    // A random id and an existing one answer alike.
    const missing = await other.request('/api/v1/collaborations/01900000-0000-7000-8000-000000000000')
    const hidden = await other.request(`/api/v1/collaborations/${caseId}`)
    expect(missing.status).toBe(hidden.status)
    expect(((await missing.json()) as { detail: string }).detail).toBe(
      ((await hidden.json()) as { detail: string }).detail,
    )
  })

  it('refuses expired and revoked API tokens', async () => {
    const created = await researcher.request('/api/v1/me/tokens', {
      method: 'POST',
      json: { name: 'expiring', expiresInDays: 1 },
    })
    const { token, record } = (await created.json()) as { token: string; record: { id: string } }
    const bearer = { authorization: `Bearer ${token}` }
    expect((await api.request('/api/v1/auth/session', { headers: bearer })).status).toBe(200)
    await test.database.db
      .updateTable('apiTokens')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', record.id)
      .execute()
    const expired = await api.request('/api/v1/auth/session', { headers: bearer })
    expect(expired.status).toBe(401)
    expect(expired.headers.get('content-type')).toContain('application/problem+json')

    const second = await researcher.request('/api/v1/me/tokens', {
      method: 'POST',
      json: { name: 'revoked', expiresInDays: 30 },
    })
    const revoked = (await second.json()) as { token: string; record: { id: string } }
    expect(
      (await researcher.request(`/api/v1/me/tokens/${revoked.record.id}`, { method: 'DELETE' })).status,
    ).toBe(204)
    expect(
      (await api.request('/api/v1/auth/session', { headers: { authorization: `Bearer ${revoked.token}` } }))
        .status,
    ).toBe(401)
    // A forged token with the right prefix, and a token of a disabled user.
    expect(
      (
        await api.request('/api/v1/auth/session', {
          headers: { authorization: 'Bearer lsn_forged0000000000000000000000000000' },
        })
      ).status,
    ).toBe(401)
  })

  it('serves stored markup only as JSON, never as HTML', async () => {
    const payload = '<img src=x onerror=alert(1)><svg onload=alert(2)>'
    const posted = await researcher.request(`/api/v1/collaborations/${caseId}/messages`, {
      method: 'POST',
      json: { body: payload, isInternal: false },
    })
    expect(posted.status).toBe(201)
    const read = await researcher.request(`/api/v1/collaborations/${caseId}/messages`)
    expect(read.headers.get('content-type')).toContain('application/json')
    expect(read.headers.get('x-content-type-options')).toBe('nosniff')
    expect(read.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await read.text()).toContain('onerror=alert(1)')
    // An unknown API path with markup in it is answered as problem+json, not reflected as HTML.
    const reflected = await api.request('/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    expect(reflected.headers.get('content-type')).toContain('application/problem+json')
  })
})
