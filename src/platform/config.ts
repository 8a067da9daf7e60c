import { isIP } from 'node:net'
import { z } from 'zod'

/** The environment variables Liaison understands, with their defaults; documented in the README. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.string().min(1).default('sqlite:./var/liaison.db'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Failed sign-ins (since the last success) after which the account is locked; 0 turns locking off. */
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(0).default(20),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(60),
  /** Days after which ended and withdrawn cases are archived; 0 turns retention off. */
  RETENTION_ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).max(36500).default(730),
  /** What archiving drops: a comma-separated subset of attachments, personal_data (or none). */
  RETENTION_DROP: z
    .string()
    .regex(
      /^(none|(attachments|personal_data)(,(attachments|personal_data))*)$/,
      'attachments, personal_data, both comma-separated, or none',
    )
    .default('attachments,personal_data'),
  TRUST_PROXY: z.string().default('false'),
  ALLOW_SQLITE_IN_PRODUCTION: z.stringbool().default(false),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Queries taking at least this many milliseconds are logged (warn, without parameters); 0: none. */
  SLOW_QUERY_MS: z.coerce.number().int().min(0).max(600_000).default(500),
  /** How long dashboard figures may lag behind the data (seconds); default 30, 0 in tests. */
  REPORTS_MAX_LAG_SECONDS: z.coerce.number().int().min(0).max(3600).optional(),
  JOBS_ENABLED: z.stringbool().default(true),
  JOB_LEASE_SECONDS: z.coerce.number().positive().max(86_400).default(300),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  JOB_BATCH_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SEED_DEMO: z.stringbool().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  OIDC_LABEL: z.string().default('Institutional login (SSO)'),
  OIDC_ALLOW_INSECURE: z.stringbool().default(false),
  WEB_DIST: z.string().default('dist/web'),
  FILES_DIR: z.string().min(1).default('./var/files'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'An smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Liaison <liaison@localhost>'),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(20),
  /** A font with Chinese characters for PDFs (e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc). */
  PDF_CJK_FONT: z.string().min(1).optional(),
  INSTITUTION_NAME: z.string().min(1).max(200).default('Forschungszentrum Havelland'),
  REFERENCE_PREFIX: z
    .string()
    .regex(/^[A-Z0-9]{1,8}$/)
    .default('FZH'),
})

export type Env = z.infer<typeof EnvSchema>

/** Parsed, validated configuration; the rest of the program never reads process.env. */
export interface Config {
  env: Env['NODE_ENV']
  isProduction: boolean
  port: number
  host: string
  publicUrl: string
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }
  logLevel: Env['LOG_LEVEL']
  session: { ttlHours: number; secureCookies: boolean }
  login: { maxAttempts: number; windowMinutes: number; lockAfter: number; lockMinutes: number }
  retention: { archiveAfterDays: number; dropAttachments: boolean; dropPersonalData: boolean }
  /** Which proxies in front of Liaison are believed about the client's address and protocol. */
  trustProxy: TrustProxy
  /** Background jobs: whether this instance runs them, their lease and polling interval. */
  jobs: { enabled: boolean; leaseMs: number; pollMs: number; batchSize: number }
  /** PostgreSQL connections per instance. */
  databasePoolSize: number
  /** Queries at least this slow are logged (0: none). */
  slowQueryMs: number
  /** Dashboard figures: how many seconds they may lag behind the data (0: always current). */
  reports: { maxLagSeconds: number }
  seedDemo: boolean
  oidc: null | {
    issuer: string
    clientId: string
    clientSecret: string | undefined
    scopes: string
    label: string
    allowInsecure: boolean
  }
  webDist: string
  files: { dir: string; maxAttachmentBytes: number }
  mail: { smtpUrl: string | null; from: string }
  institution: { name: string; referencePrefix: string }
  /** PDF output: without a CJK font, Chinese characters are given in pinyin. */
  pdf: { cjkFont: string | null }
}

/**
 * The proxies trusted to report the client in X-Forwarded-For / X-Forwarded-Proto:
 * none; the last `hops` proxies before Liaison; or any proxy whose address is in the list.
 */
export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'addresses'; addresses: string[] }

/**
 * Reads TRUST_PROXY: `false`/`0` (default), a hop count (`1` for one reverse proxy; `true`
 * means 1), or a comma-separated list of proxy addresses and IPv4/IPv6 CIDR ranges.
 */
export function parseTrustProxy(value: string): TrustProxy | string {
  const text = value.trim().toLowerCase()
  if (text === 'false' || text === '0' || text === 'no' || text === 'off') return { kind: 'none' }
  if (text === 'true' || text === 'yes' || text === 'on') return { kind: 'hops', hops: 1 }
  if (/^\d+$/.test(text)) {
    const hops = Number.parseInt(text, 10)
    return hops <= 32 ? { kind: 'hops', hops } : 'a hop count of at most 32'
  }
  const addresses = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const bad = addresses.filter((entry) => {
    const [address = '', prefix, ...rest] = entry.split('/')
    const family = isIP(address)
    if (family === 0 || rest.length > 0) return true
    if (prefix === undefined) return false
    const bits = Number(prefix)
    return !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)
  })
  if (addresses.length === 0 || bad.length > 0)
    return `false, a hop count, or a comma-separated list of IP addresses/CIDR ranges (not understood: ${bad.join(', ') || value})`
  return { kind: 'addresses', addresses }
}

/** Raised at start-up when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Reads a database location: `postgres://…`, `sqlite:path`, or a plain file path. */
function parseDatabaseUrl(url: string): Config['database'] {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url }
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: url.slice('sqlite:'.length) || ':memory:' }
  return { kind: 'sqlite', file: url }
}

/**
 * Parses the environment once; every problem is listed in one error.
 * @throws ConfigError when a variable is malformed or a combination is inconsistent
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    // Malformed values are listed together with the problems of the values that did parse.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    const partial = EnvSchema.partial().safeParse(
      Object.fromEntries(
        Object.entries(cleaned).filter(
          ([key]) => !parsed.error.issues.some((issue) => issue.path[0] === key),
        ),
      ),
    )
    if (partial.success) problems.push(...combinationProblems(partial.data, cleaned))
    throw new ConfigError(problems)
  }
  const env = parsed.data
  const problems = combinationProblems(env, cleaned)
  if (problems.length > 0) throw new ConfigError(problems)
  const isProduction = env.NODE_ENV === 'production'
  const trustProxy = parseTrustProxy(env.TRUST_PROXY) as TrustProxy

  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    publicUrl: publicUrl.replace(/\/$/, ''),
    database: parseDatabaseUrl(env.DATABASE_URL),
    logLevel: env.LOG_LEVEL,
    session: {
      ttlHours: env.SESSION_TTL_HOURS,
      secureCookies: isProduction || publicUrl.startsWith('https:'),
    },
    login: {
      maxAttempts: env.LOGIN_MAX_ATTEMPTS,
      windowMinutes: env.LOGIN_WINDOW_MINUTES,
      lockAfter: env.LOGIN_LOCK_AFTER,
      lockMinutes: env.LOGIN_LOCK_MINUTES,
    },
    retention: {
      archiveAfterDays: env.RETENTION_ARCHIVE_AFTER_DAYS,
      dropAttachments: env.RETENTION_DROP.split(',').includes('attachments'),
      dropPersonalData: env.RETENTION_DROP.split(',').includes('personal_data'),
    },
    trustProxy,
    jobs: {
      enabled: env.JOBS_ENABLED,
      leaseMs: Math.round(env.JOB_LEASE_SECONDS * 1000),
      pollMs: env.JOB_POLL_MS,
      batchSize: env.JOB_BATCH_SIZE,
    },
    databasePoolSize: env.DATABASE_POOL_SIZE,
    slowQueryMs: env.SLOW_QUERY_MS,
    reports: { maxLagSeconds: env.REPORTS_MAX_LAG_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 30) },
    seedDemo: env.SEED_DEMO ?? !isProduction,
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            scopes: env.OIDC_SCOPES,
            label: env.OIDC_LABEL,
            allowInsecure: env.OIDC_ALLOW_INSECURE,
          }
        : null,
    webDist: env.WEB_DIST,
    files: { dir: env.FILES_DIR, maxAttachmentBytes: Math.round(env.ATTACHMENT_MAX_MB * 1024 * 1024) },
    institution: { name: env.INSTITUTION_NAME, referencePrefix: env.REFERENCE_PREFIX },
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
    pdf: { cjkFont: env.PDF_CJK_FONT ?? null },
  }
}

/**
 * Problems of combinations and of production: what each variable allows on its own may still be
 * wrong together, or unsafe for an installation holding export-controlled data.
 */
function combinationProblems(env: Partial<Env>, given: Record<string, string | undefined>): string[] {
  const problems: string[] = []
  const isProduction = env.NODE_ENV === 'production'
  const oidcSet = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID].filter(Boolean).length
  if (oidcSet === 1) problems.push('OIDC_ISSUER and OIDC_CLIENT_ID must be set together')
  if (env.TRUST_PROXY !== undefined) {
    const trust = parseTrustProxy(env.TRUST_PROXY)
    if (typeof trust === 'string') problems.push(`TRUST_PROXY: expected ${trust}`)
  }
  if (!isProduction) return problems
  if (env.SEED_DEMO) problems.push('SEED_DEMO cannot be enabled when NODE_ENV=production')
  if (env.OIDC_ALLOW_INSECURE) problems.push('OIDC_ALLOW_INSECURE is not allowed in production')
  if (env.OIDC_ISSUER?.startsWith('http:')) problems.push('OIDC_ISSUER must be an https: URL in production')
  if (given.DATABASE_URL === undefined) {
    problems.push('DATABASE_URL must be set in production (postgres://user:password@host:5432/liaison)')
  } else if (parseDatabaseUrl(given.DATABASE_URL).kind === 'sqlite' && !env.ALLOW_SQLITE_IN_PRODUCTION) {
    problems.push(
      'DATABASE_URL is an SQLite database: production runs on PostgreSQL (set ALLOW_SQLITE_IN_PRODUCTION=true for a single-instance installation)',
    )
  }
  if (given.PUBLIC_URL === undefined) {
    problems.push('PUBLIC_URL must be set in production (the https:// address users reach Liaison at)')
  } else if (env.PUBLIC_URL && !env.PUBLIC_URL.startsWith('https:')) {
    problems.push('PUBLIC_URL must be an https: URL in production (session cookies are Secure)')
  }
  if (given.FILES_DIR === undefined)
    problems.push('FILES_DIR must be set in production (a directory every instance shares, backed up)')
  if (env.SMTP_URL && given.MAIL_FROM === undefined)
    problems.push('MAIL_FROM must be set in production when SMTP_URL is set')
  if (env.LOG_LEVEL === 'silent') problems.push('LOG_LEVEL=silent is not allowed in production')
  return problems
}
