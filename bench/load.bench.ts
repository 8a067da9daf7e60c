/**
 * Load benchmark: a portfolio of 10,000 collaborations (bench/generate.ts) and 200 concurrent
 * virtual users on loopback, each on its own keep-alive connection, doing a realistic mix —
 * researchers list their cases and open one, office staff open their queue and a case in it,
 * leadership opens the dashboard (reads); writers save a draft and post to a discussion (writes) —
 * against SQLite (one instance) and PostgreSQL (two instances, users spread over both).
 *
 * Two runs per database, each LOAD_WARMUP_SECONDS (default 5, not measured) and then
 * LOAD_SECONDS (default 20) measured: the judged one, where every user thinks
 * 0.5–1.5 × LOAD_PACE_SECONDS (default 1 s) between an answer and its next request — a faster
 * pace than people click; and a saturation run without any pause, which shows the capacity.
 * Prints per request kind and for reads and writes: answers, throughput, p50/p90/p99/max latency,
 * status codes. Targets (judged run): every answer 2xx, p99 under 250 ms for reads and 500 ms
 * for writes.
 *
 * `npm run bench -- load`; LOAD_COLLABORATIONS (default 10000), LOAD_SECONDS, LOAD_CONNECTIONS
 * (default 200), LOAD_PACE_SECONDS, LOAD_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), LOAD_ONLY (sqlite or postgres), LOAD_ROLES (some of
 * researcher, office, leadership, writer: only these users), LOAD_PROFILE_DIR (CPU profiles of the
 * app processes). Ports 3311–3313.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { seedDemoOrganisation } from '../src/demo/organisation.seed.js'
import { ensureAssessmentReferenceData } from '../src/modules/assessment/index.js'
import { refreshReportFacts } from '../src/modules/reports/index.js'
import { loadConfig } from '../src/platform/config.js'
import { createLogger } from '../src/platform/logger.js'
import { openMigratedDatabase, systemContext } from '../src/server/bootstrap.js'
import { newId } from '../src/shared/ids.js'
import { type AppProcess, signIn, startAppProcess, urlWithSchema } from '../test/app-process.js'
import { generatePortfolio } from './generate.js'
import { machineLine } from './machine.js'

const collaborations = Number(process.env.LOAD_COLLABORATIONS ?? 10_000)
const seconds = Number(process.env.LOAD_SECONDS ?? 20)
const connections = Number(process.env.LOAD_CONNECTIONS ?? 200)
/** Seconds between a virtual user's requests, on average (LOAD_PACE_SECONDS). */
const pace = Number(process.env.LOAD_PACE_SECONDS ?? 1)
/** LOAD_PROFILE_DIR: each app process writes a CPU profile of the run there (bench/profile-preload.mjs). */
const profiling: Record<string, string> = process.env.LOAD_PROFILE_DIR
  ? {
      LOAD_PROFILE_DIR: process.env.LOAD_PROFILE_DIR,
      NODE_OPTIONS: `--import ${new URL('./profile-preload.mjs', import.meta.url).pathname}`,
    }
  : {}
/** Seconds the users run before the measurement starts (LOAD_WARMUP_SECONDS). */
const warmup = Number(process.env.LOAD_WARMUP_SECONDS ?? 5)
/** Queries at least this slow are counted from the app processes' logs. */
const slowQueryMs = 50
const pgUrl = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
// Four of five virtual users read, one writes.
const writeShare = 0.2

/** Prepares a database: migrated, the demo organisation, reference data, the portfolio. */
async function prepare(databaseUrl: string, schema: string | undefined, filesDir: string) {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    FILES_DIR: filesDir,
    LOG_LEVEL: 'warn',
    SLOW_QUERY_MS: '0',
  })
  const database = await openMigratedDatabase(config, { schema })
  try {
    const ctx = systemContext(config, database, createLogger(config))
    await seedDemoOrganisation(ctx)
    await ensureAssessmentReferenceData(ctx)
    const started = performance.now()
    await generatePortfolio(database.db, { collaborations, reviewsPerCase: 3, seed: 1 })
    // As the background job does after a bulk load (reports.refresh_facts).
    await refreshReportFacts(database.db)
    process.stdout.write(
      `  generated ${collaborations} collaborations in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    )
  } finally {
    await database.close()
  }
}

/** Sessions, a case list, drafts to save and cases to discuss, through the first instance. */
async function scenario(app: AppProcess) {
  const researcher = await signIn(app, 'researcher')
  const office = await signIn(app, 'export-control')
  const mine = (await (await researcher('/collaborations?scope=mine&limit=100')).json()) as {
    items?: { id: string }[]
  }
  const cases = (Array.isArray(mine) ? mine : (mine.items ?? [])) as { id: string }[]
  if (cases.length === 0) throw new Error('the researcher has no cases')
  const drafts: { id: string; updatedAt: string }[] = []
  for (let index = 0; index < Math.ceil(connections * writeShare); index++) {
    const response = await researcher('/collaborations', 'POST', { sheet: { title: `Load draft ${index}` } })
    drafts.push((await response.json()) as { id: string; updatedAt: string })
  }
  return { researcher, office, cases: cases.map((item) => item.id), drafts, nextDraft: 0 }
}

/** Cookie and CSRF header of a signed-in client (signIn hides them; log in again for raw headers). */
async function rawSession(app: AppProcess, username: string): Promise<Record<string, string>> {
  const response = await fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  })
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }
}

/** One kind of request a virtual user makes. */
interface Step {
  name: string
  write: boolean
  request(context: VirtualUser): {
    method: 'GET' | 'PUT' | 'POST'
    path: string
    headers: Record<string, string>
    body?: string
  }
  /** Reads the answer (a saved draft's new version). */
  onResponse?(status: number, body: string, context: VirtualUser): void
}

/** What a virtual user keeps between its requests. */
interface VirtualUser {
  role: 'researcher' | 'office' | 'leadership' | 'writer'
  draft?: { id: string; updatedAt: string }
}

type Setup = Awaited<ReturnType<typeof scenario>> & {
  researcherHeaders: Record<string, string>
  officeHeaders: Record<string, string>
  leaderHeaders: Record<string, string>
}

/** The requests of the mix, by name. */
function steps(setup: Setup): Record<string, Step> {
  let caseIndex = 0
  let messageIndex = 0
  const nextCase = () => setup.cases[caseIndex++ % setup.cases.length] as string
  const year = new Date().getUTCFullYear()
  const dashboards = [
    '/api/v1/reports/dashboard',
    `/api/v1/reports/dashboard?from=${year}-01-01&to=${year}-12-31`,
    '/api/v1/reports/dashboard?risk=high',
  ]
  let dashboardIndex = 0
  return {
    'list my cases': {
      name: 'list my cases',
      write: false,
      request: () => ({
        method: 'GET',
        path: '/api/v1/collaborations?scope=mine&limit=50',
        headers: setup.researcherHeaders,
      }),
    },
    'open a case': {
      name: 'open a case',
      write: false,
      request: () => ({
        method: 'GET',
        path: `/api/v1/collaborations/${nextCase()}`,
        headers: setup.researcherHeaders,
      }),
    },
    'office queue': {
      name: 'office queue',
      write: false,
      request: () => ({ method: 'GET', path: '/api/v1/reviews/queue', headers: setup.officeHeaders }),
    },
    dashboard: {
      name: 'dashboard',
      write: false,
      request: () => ({
        method: 'GET',
        path: dashboards[dashboardIndex++ % dashboards.length] as string,
        headers: setup.leaderHeaders,
      }),
    },
    'save a draft': {
      name: 'save a draft',
      write: true,
      request: (user) => {
        user.draft ??= setup.drafts[setup.nextDraft++ % setup.drafts.length]
        const draft = user.draft as { id: string; updatedAt: string }
        return {
          method: 'PUT',
          path: `/api/v1/collaborations/${draft.id}/sheet`,
          headers: setup.researcherHeaders,
          body: JSON.stringify({
            sheet: { title: `Load draft ${messageIndex++}` },
            baseUpdatedAt: draft.updatedAt,
          }),
        }
      },
      onResponse: (status, body, user) => {
        if (status === 200 && user.draft)
          user.draft.updatedAt = (JSON.parse(body) as { updatedAt: string }).updatedAt
      },
    },
    comment: {
      name: 'comment',
      write: true,
      request: () => ({
        method: 'POST',
        path: `/api/v1/collaborations/${nextCase()}/messages`,
        headers: setup.researcherHeaders,
        body: JSON.stringify({ body: `Load message ${messageIndex++}` }),
      }),
    },
  }
}

/**
 * What each kind of virtual user does in turn: researchers look at their cases, office staff at
 * their queue and the cases in it, leadership at the dashboard, and writers save drafts and
 * comment. Of 200 users: 110 researchers, 40 office staff, 10 leadership, 40 writers.
 */
const roles: { role: NonNullable<VirtualUser['role']>; share: number; turns: string[] }[] = [
  { role: 'researcher', share: 0.55, turns: ['list my cases', 'open a case'] },
  { role: 'office', share: 0.2, turns: ['office queue', 'open a case'] },
  { role: 'leadership', share: 0.05, turns: ['dashboard'] },
  { role: 'writer', share: 0.2, turns: ['save a draft', 'comment'] },
]

interface Measured {
  latencies: Map<string, number[]>
  statuses: Map<string, Map<number, number>>
  errors: number
  seconds: number
}

/** One request over the virtual user's own keep-alive connection; resolves with status and body. */
function send(
  agent: http.Agent,
  base: URL,
  request: ReturnType<Step['request']>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        agent,
        headers: {
          ...request.headers,
          ...(request.body === undefined ? {} : { 'content-length': Buffer.byteLength(request.body) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        response.on('error', reject)
      },
    )
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('timeout')))
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

/**
 * Runs the virtual users against the instances for the given time, each on its own keep-alive
 * connection to one instance (round-robin, as a load balancer with sticky connections). With a
 * pace, a user waits between 0.5 and 1.5 times `pace` seconds after each answer before its next
 * request (its think time), as people using the application do; without, it sends its next
 * request as soon as the answer is in (saturation). Latency: from sending to the whole answer.
 */
async function drive(
  apps: AppProcess[],
  setup: Setup,
  options: { pace: number | null; seconds: number },
): Promise<Measured> {
  const mix = steps(setup)
  const measured: Measured = {
    latencies: new Map(),
    statuses: new Map(),
    errors: 0,
    seconds: options.seconds,
  }
  const users: (typeof roles)[number][] = []
  const only = process.env.LOAD_ROLES?.split(',')
  for (const entry of roles) {
    if (only && !only.includes(entry.role)) continue
    for (let i = 0; i < Math.round(entry.share * connections); i++) users.push(entry)
  }
  // The users warm up first (connections opened, code compiled, figures kept): not measured.
  const measureFrom = performance.now() + warmup * 1000
  const deadline = measureFrom + options.seconds * 1000
  let random = 12345
  const nextRandom = () => {
    random = (random * 1103515245 + 12345) % 2147483648
    return random / 2147483648
  }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  await Promise.all(
    users.map(async (entry, index) => {
      const base = new URL((apps[index % apps.length] as AppProcess).url)
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      const user: VirtualUser = { role: entry.role }
      // Users start spread over the first pace, not all in the same millisecond.
      if (options.pace) await pause(nextRandom() * options.pace * 1000)
      for (let turn = 0; performance.now() < deadline; turn++) {
        const step = mix[entry.turns[turn % entry.turns.length] as string] as Step
        const started = performance.now()
        try {
          const { status, body } = await send(agent, base, step.request(user))
          step.onResponse?.(status, body, user)
          if (started < measureFrom) continue
          const list = measured.latencies.get(step.name) ?? []
          list.push(performance.now() - started)
          measured.latencies.set(step.name, list)
          const statuses = measured.statuses.get(step.name) ?? new Map<number, number>()
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          measured.statuses.set(step.name, statuses)
        } catch {
          if (started >= measureFrom) measured.errors++
        } finally {
          if (options.pace) await pause((0.5 + nextRandom()) * options.pace * 1000)
        }
      }
      agent.destroy()
    }),
  )
  return measured
}

async function prepareMix(app: AppProcess): Promise<Setup> {
  const setup = await scenario(app)
  return {
    ...setup,
    researcherHeaders: await rawSession(app, 'researcher'),
    officeHeaders: await rawSession(app, 'export-control'),
    leaderHeaders: await rawSession(app, 'decision-maker'),
  }
}

const percentileOf = (values: number[], p: number) => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

/** Prints the figures of one run per request kind and for reads and writes; true when the targets are met. */
function print(label: string, measured: Measured, judged: boolean): boolean {
  const mix = Object.fromEntries(roles.flatMap((entry) => entry.turns.map((turn) => [turn, entry.role])))
  const writes = new Set(['save a draft', 'comment'])
  const row = (name: string, values: number[], statuses: Map<number, number>) => {
    const codes = [...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, count]) => `${code}×${count}`)
      .join(' ')
    process.stdout.write(
      `  ${name.padEnd(16)} ${String(values.length).padStart(7)} ${(values.length / measured.seconds).toFixed(0).padStart(6)} ${percentileOf(values, 50).toFixed(0).padStart(6)} ${percentileOf(values, 90).toFixed(0).padStart(6)} ${percentileOf(values, 99).toFixed(0).padStart(6)} ${Math.max(
        0,
        ...values,
      )
        .toFixed(0)
        .padStart(6)}  ${codes}\n`,
    )
  }
  process.stdout.write(
    `${label}\n  request          answers  req/s p50 ms p90 ms p99 ms max ms  status codes\n`,
  )
  const group = (write: boolean) => {
    const values: number[] = []
    const statuses = new Map<number, number>()
    for (const [name, list] of measured.latencies) {
      if (writes.has(name) !== write) continue
      values.push(...list)
      for (const [code, count] of measured.statuses.get(name) ?? [])
        statuses.set(code, (statuses.get(code) ?? 0) + count)
    }
    return { values, statuses }
  }
  for (const [name, list] of [...measured.latencies.entries()].sort((a, b) =>
    String(mix[a[0]]).localeCompare(String(mix[b[0]])),
  ))
    row(name, list, measured.statuses.get(name) ?? new Map())
  let met = measured.errors === 0
  for (const write of [false, true]) {
    const { values, statuses } = group(write)
    row(write ? 'all writes' : 'all reads', values, statuses)
    const target = write ? 500 : 250
    const failed = [...statuses.entries()]
      .filter(([code]) => code >= 300)
      .reduce((sum, [, count]) => sum + count, 0)
    const ok = failed === 0 && percentileOf(values, 99) < target
    if (judged)
      process.stdout.write(`    target: p99 < ${target} ms and every answer 2xx: ${ok ? 'met' : 'MISSED'}\n`)
    met &&= ok
  }
  process.stdout.write(`  connection errors and timeouts: ${measured.errors}\n`)
  return met
}

/** Queries the app processes logged as slow (at least slowQueryMs), the most frequent first. */
function printSlowQueries(apps: AppProcess[]): void {
  const byQuery = new Map<string, { count: number; max: number }>()
  for (const app of apps)
    for (const line of app.output().split('\n')) {
      if (!line.includes('"slow query"')) continue
      try {
        const entry = JSON.parse(line) as { sql: string; ms: number }
        const found = byQuery.get(entry.sql) ?? { count: 0, max: 0 }
        found.count++
        found.max = Math.max(found.max, entry.ms)
        byQuery.set(entry.sql, found)
      } catch {
        // not a log line
      }
    }
  const top = [...byQuery.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 8)
  process.stdout.write(`  queries of ${slowQueryMs} ms or more: ${top.length === 0 ? 'none' : ''}\n`)
  for (const [query, { count, max }] of top)
    process.stdout.write(
      `    ${String(count).padStart(5)}× max ${String(max).padStart(5)} ms  ${query.slice(0, 160)}\n`,
    )
}

/** The paced run (judged against the targets), then the saturation run (capacity, for information). */
async function measureBoth(apps: AppProcess[], label: string): Promise<boolean> {
  const setup = await prepareMix(apps[0] as AppProcess)
  const paced = await drive(apps, setup, { pace, seconds })
  const met = print(
    `${label}: ${connections} virtual users, each one request per ${pace} s on average (think time), ${seconds} s`,
    paced,
    true,
  )
  const saturated = await drive(apps, setup, { pace: null, seconds })
  print(
    `${label}: saturation, ${connections} connections sending without pause (capacity), ${seconds} s`,
    saturated,
    false,
  )
  return met
}

export async function run(): Promise<void> {
  process.stdout.write(
    `${machineLine()}\n  ${collaborations} collaborations; ${connections} virtual users: ${roles.map((entry) => `${Math.round(entry.share * connections)} ${entry.role} (${entry.turns.join(', ')})`).join('; ')}\n`,
  )
  const only = process.env.LOAD_ONLY
  const results: boolean[] = []
  if (only !== 'postgres') {
    const folder = mkdtempSync(join(tmpdir(), 'liaison-load-'))
    const file = join(folder, 'load.db')
    try {
      process.stdout.write('SQLite, one instance\n')
      await prepare(`sqlite:${file}`, undefined, join(folder, 'files'))
      const app = await startAppProcess({
        DATABASE_URL: `sqlite:${file}`,
        ALLOW_SQLITE_IN_PRODUCTION: 'true',
        FILES_DIR: join(folder, 'files'),
        PORT: '3311',
        SLOW_QUERY_MS: String(slowQueryMs),
        ...profiling,
      })
      try {
        results.push(await measureBoth([app], 'SQLite, one instance'))
        printSlowQueries([app])
      } finally {
        await app.stop()
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }
  if (only !== 'sqlite') {
    const schema = `load_${newId().replaceAll('-', '').slice(-12)}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`create schema "${schema}"`)
    const folder = mkdtempSync(join(tmpdir(), 'liaison-load-'))
    try {
      process.stdout.write('PostgreSQL, two instances\n')
      await prepare(pgUrl, schema, join(folder, 'files'))
      const env = {
        DATABASE_URL: urlWithSchema(pgUrl, schema),
        FILES_DIR: join(folder, 'files'),
        SLOW_QUERY_MS: String(slowQueryMs),
        ...profiling,
      }
      const apps = [
        await startAppProcess({ ...env, PORT: '3312' }),
        await startAppProcess({ ...env, PORT: '3313' }),
      ]
      try {
        results.push(await measureBoth(apps, 'PostgreSQL, two instances'))
        printSlowQueries(apps)
      } finally {
        await Promise.all(apps.map((app) => app.stop()))
      }
    } finally {
      await admin.query(`drop schema "${schema}" cascade`)
      await admin.end()
      rmSync(folder, { recursive: true, force: true })
    }
  }
  process.stdout.write(`\nload targets met on every database: ${results.every(Boolean) ? 'yes' : 'NO'}\n`)
}
