import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Action, type Actor, actions, can, type Role, roles } from '../src/modules/access/index.js'
import { actorOf, createTokenUnchecked } from '../src/modules/auth/index.js'
import { createCollaboration } from '../src/modules/collaborations/index.js'
import { createUserUnchecked, listOfficesUnchecked } from '../src/modules/organisation/index.js'
import { openApiDocument } from '../src/server/app.js'
import { createDemoDatabase, createTestApp, type TestDatabase } from './test-app.js'

type Operation = { 'x-action'?: string }
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Every documented API operation with the access it declares. */
function documentedOperations() {
  const paths = openApiDocument().paths ?? {}
  return Object.entries(paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method]
      return operation ? [{ method, path, access: operation['x-action'] }] : []
    }),
  )
}

// Routes outside the OpenAPI document, each public on purpose.
const undocumentedPublicRoutes = new Set(['GET /api/v1/openapi.json'])

describe('the permission model', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  const tokens = new Map<Role, { token: string; actor: Actor }>()
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
    const offices = await listOfficesUnchecked(test.database.db)
    const officeId = offices[0]?.id ?? ''
    for (const role of roles) {
      const user = await createUserUnchecked(test.ctx, {
        username: `only-${role.replace('_', '-')}`,
        displayName: `Only ${role}`,
        email: '',
        roles: [{ role, officeId: role === 'office_reviewer' ? officeId : null }],
      })
      const created = await createTokenUnchecked(test.ctx, user.id, { name: 'walk' })
      tokens.set(role, { token: created.token, actor: actorOf(user, 'token') })
    }
    const admin = tokens.get('admin')?.token ?? ''
    const get = async (path: string) =>
      (await (await harness.request(path, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
        id: string
      }[]
    ids.unit = (await get('/api/v1/units'))[0]?.id ?? ''
    ids.office = officeId
    ids.contact = (await get('/api/v1/contacts'))[0]?.id ?? ''
    ids.user = (await get('/api/v1/users'))[0]?.id ?? ''
    // A case in which every walking user is a principal investigator, so record-level rules allow them.
    const walkers = [...tokens.values()].map(({ actor }) => ({ userId: actor.id, name: actor.displayName }))
    const researcherActor = tokens.get('researcher')?.actor ?? null
    ids.collaboration = (
      await createCollaboration(test.as(researcherActor), {
        sheet: { title: 'Walk', principalInvestigators: walkers },
      })
    ).id
    // A token id of another user: nobody but its owner may revoke it (and the owner is not walking).
    ids.token = (await createTokenUnchecked(test.ctx, ids.user, { name: 'other' })).record.id
  })
  afterAll(async () => test.cleanup())

  it('declares a known action (or public) on every documented route', () => {
    const operations = documentedOperations()
    expect(operations.length).toBeGreaterThan(15)
    for (const operation of operations) {
      expect(operation.access, `${operation.method} ${operation.path}`).toBeDefined()
      const known = operation.access === 'public' || actions.includes(operation.access as Action)
      expect(known, `${operation.method} ${operation.path}: ${operation.access}`).toBe(true)
    }
  })

  it('documents every registered API route, except the listed public ones', () => {
    const documented = new Set(
      documentedOperations().map(
        (op) => `${op.method.toUpperCase()} /api/v1${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    )
    const registered = harness.app.routes
      .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`)
    const missing = registered.filter(
      (route) => !documented.has(route) && !undocumentedPublicRoutes.has(route),
    )
    expect(missing).toEqual([])
  })

  it('answers every route for every role (and without a session) exactly as the policy says', async () => {
    const mismatches: string[] = []
    for (const operation of documentedOperations()) {
      const path = `/api/v1${operation.path}`.replace('{id}', () => {
        const resource = operation.path.split('/')[1] ?? ''
        const key = {
          units: 'unit',
          offices: 'office',
          contacts: 'contact',
          users: 'user',
          me: 'token',
          collaborations: 'collaboration',
        }[resource]
        return ids[key ?? ''] ?? '00000000-0000-7000-8000-000000000000'
      })
      const hasBody = operation.method !== 'get' && operation.method !== 'delete'
      const init = (headers: Record<string, string>) => ({
        method: operation.method.toUpperCase(),
        headers,
        ...(hasBody ? { json: {} } : {}),
      })

      const anonymous = await harness.request(path, init({}))
      const anonymousExpected = operation.access === 'public' ? 'allowed' : 401
      if (operation.access === 'public' ? [401, 403].includes(anonymous.status) : anonymous.status !== 401) {
        mismatches.push(
          `anonymous ${operation.method} ${path}: ${anonymous.status}, expected ${anonymousExpected}`,
        )
      }
      if (operation.access === 'public') continue

      for (const role of roles) {
        const entry = tokens.get(role)
        if (!entry) throw new Error(`no token for ${role}`)
        const allowed = can(entry.actor, operation.access as Action)
        const response = await harness.request(path, init({ authorization: `Bearer ${entry.token}` }))
        const ok = allowed ? ![401, 403].includes(response.status) : response.status === 403
        if (!ok)
          mismatches.push(
            `${role} ${operation.method} ${path}: ${response.status}, policy says ${allowed ? 'allow' : 'deny'}`,
          )
      }
    }
    expect(mismatches).toEqual([])
  })

  it('denies a user without roles everything but their own session, tokens and records, and reference lists', () => {
    const nobody: Actor = { id: 'x', username: 'x', displayName: 'x', roles: [], via: 'session' }
    const allowed = actions.filter((action) => can(nobody, action))
    expect(allowed.sort()).toEqual(
      [
        'collaboration.edit',
        'collaboration.list',
        'collaboration.read',
        'contact.list',
        'knowledge.comment',
        'knowledge.read',
        'notification.list',
        'notification.update',
        'office.list',
        'process.read',
        'profile.update',
        'questionnaire.read',
        'reference.read',
        'session.end',
        'session.read',
        'token.create',
        'token.list',
        'token.revoke',
        'training.read',
        'training.take',
        'unit.list',
      ].sort(),
    )
    const someoneElses = { kind: 'collaboration' as const, status: 'submitted', memberIds: ['y'] }
    expect(can(nobody, 'collaboration.read', someoneElses)).toBe(false)
    expect(can(nobody, 'collaboration.edit', someoneElses)).toBe(false)
    expect(actions.every((action) => !can(null, action))).toBe(true)
  })
})
