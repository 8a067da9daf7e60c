/**
 * Load benchmark: a portfolio of 10,000 collaborations (bench/generate.ts), 200 concurrent
 * virtual users on loopback (autocannon) doing a realistic mix — list my cases, open a case,
 * office queue (reads); save a draft, post to a discussion (writes) — against SQLite (one
 * instance) and PostgreSQL (two instances, requests spread round-robin over both), each for
 * LOAD_SECONDS (default 20). Prints throughput, p50/p90/p99 latency for reads and writes, errors.
 *
 * `npm run bench -- load`; LOAD_COLLABORATIONS (default 10000), LOAD_SECONDS, LOAD_CONNECTIONS
 * (default 200), LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), LOAD_ONLY
 * (sqlite or postgres). Ports 3311–3313.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { seedDemoOrganisation } from '../src/demo/organisation.seed.js'
import { ensureAssessmentReferenceData } from '../src/modules/assessment/index.js'
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
const pgUrl = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
// Four of five virtual users read, one writes.
const writeShare = 0.2

interface Figures {
  label: string
  requests: number
  throughput: number
  p50: number
  p90: number
  p99: number
  errors: number
  non2xx: number
}

/** Prepares a database: migrated, the demo organisation, reference data, the portfolio. */
async function prepare(databaseUrl: string, schema: string | undefined, filesDir: string) {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    FILES_DIR: filesDir,
    LOG_LEVEL: 'warn',
  })
  const database = await openMigratedDatabase(config, { schema })
  try {
    const ctx = systemContext(config, database, createLogger(config))
    await seedDemoOrganisation(ctx)
    await ensureAssessmentReferenceData(ctx)
    const started = performance.now()
    await generatePortfolio(database.db, { collaborations, reviewsPerCase: 3, seed: 1 })
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
  return { researcher, office, cases: cases.map((item) => item.id), drafts }
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

function summarise(label: string, result: autocannon.Result): Figures {
  return {
    label,
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

/** Runs the mix against the given instances; reads and writes are measured separately. */
async function drive(apps: AppProcess[], label: string): Promise<Figures[]> {
  const setup = await scenario(apps[0] as AppProcess)
  const researcherHeaders = await rawSession(apps[0] as AppProcess, 'researcher')
  const officeHeaders = await rawSession(apps[0] as AppProcess, 'export-control')
  const readConnections = Math.round(connections * (1 - writeShare))
  const writeConnections = connections - readConnections
  let readIndex = 0
  const reads = autocannon({
    // autocannon spreads the connections round-robin over several URLs (its types say one).
    url: apps.map((app) => app.url) as unknown as string,
    connections: readConnections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const kind = readIndex++ % 3
          const caseId = setup.cases[readIndex % setup.cases.length]
          if (kind === 0)
            return {
              ...request,
              method: 'GET',
              path: '/api/v1/collaborations?scope=mine&limit=50',
              headers: researcherHeaders,
            }
          if (kind === 1)
            return {
              ...request,
              method: 'GET',
              path: `/api/v1/collaborations/${caseId}`,
              headers: researcherHeaders,
            }
          return { ...request, method: 'GET', path: '/api/v1/reviews/queue', headers: officeHeaders }
        },
      },
    ],
  })
  let draftIndex = 0
  let writeIndex = 0
  const writes = autocannon({
    // autocannon spreads the connections round-robin over several URLs (its types say one).
    url: apps.map((app) => app.url) as unknown as string,
    connections: writeConnections,
    duration: seconds,
    initialContext: {},
    requests: [
      {
        setupRequest: (request, context) => {
          const state = context as { draft?: { id: string; updatedAt: string }; step?: number }
          state.draft ??= setup.drafts[draftIndex++ % setup.drafts.length]
          state.step = (state.step ?? 0) + 1
          const draft = state.draft as { id: string; updatedAt: string }
          if (state.step % 2 === 1)
            return {
              ...request,
              method: 'PUT',
              path: `/api/v1/collaborations/${draft.id}/sheet`,
              headers: researcherHeaders,
              body: JSON.stringify({
                sheet: { title: `Load draft ${writeIndex++}` },
                baseUpdatedAt: draft.updatedAt,
              }),
            }
          const caseId = setup.cases[writeIndex++ % setup.cases.length]
          return {
            ...request,
            method: 'POST',
            path: `/api/v1/collaborations/${caseId}/messages`,
            headers: researcherHeaders,
            body: JSON.stringify({ body: `Load message ${writeIndex}` }),
          }
        },
        onResponse: (status, body, context) => {
          const state = context as { draft?: { id: string; updatedAt: string }; step?: number }
          if (status === 200 && state.draft && (state.step ?? 0) % 2 === 1) {
            state.draft.updatedAt = (JSON.parse(body) as { updatedAt: string }).updatedAt
          }
        },
      },
    ],
  })
  const [readResult, writeResult] = await Promise.all([reads, writes])
  return [summarise(`${label} reads`, readResult), summarise(`${label} writes`, writeResult)]
}

function print(figures: Figures[]): void {
  process.stdout.write(
    '  mix                      requests  req/s    p50 ms  p90 ms  p99 ms  errors  non-2xx  target\n',
  )
  for (const row of figures) {
    const target = row.label.endsWith('reads') ? 250 : 500
    const met = row.errors === 0 && row.non2xx === 0 && row.p99 < target
    process.stdout.write(
      `  ${row.label.padEnd(24)} ${String(row.requests).padStart(8)}  ${row.throughput.toFixed(0).padStart(5)}  ${String(row.p50).padStart(6)}  ${String(row.p90).padStart(6)}  ${String(row.p99).padStart(6)}  ${String(row.errors).padStart(6)}  ${String(row.non2xx).padStart(7)}  p99<${target} ${met ? 'met' : 'MISSED'}\n`,
    )
  }
}

export async function run(): Promise<void> {
  process.stdout.write(
    `${machineLine()}\n  ${collaborations} collaborations, ${connections} connections (${Math.round(writeShare * 100)} % writing), ${seconds} s per database; dashboard endpoint: not in this build, left out\n`,
  )
  const only = process.env.LOAD_ONLY
  const figures: Figures[] = []
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
      })
      try {
        figures.push(...(await drive([app], 'SQLite')))
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
      const env = { DATABASE_URL: urlWithSchema(pgUrl, schema), FILES_DIR: join(folder, 'files') }
      const apps = [
        await startAppProcess({ ...env, PORT: '3312' }),
        await startAppProcess({ ...env, PORT: '3313' }),
      ]
      try {
        figures.push(...(await drive(apps, 'PostgreSQL ×2')))
      } finally {
        await Promise.all(apps.map((app) => app.stop()))
      }
    } finally {
      await admin.query(`drop schema "${schema}" cascade`)
      await admin.end()
      rmSync(folder, { recursive: true, force: true })
    }
  }
  print(figures)
}
