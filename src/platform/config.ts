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
  TRUST_PROXY: z.stringbool().default(false),
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
  trustProxy: boolean
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
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  if (!parsed.success) throw new ConfigError(problems)
  const env = parsed.data
  const isProduction = env.NODE_ENV === 'production'
  const oidcSet = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID].filter(Boolean).length
  if (oidcSet === 1) problems.push('OIDC_ISSUER and OIDC_CLIENT_ID must be set together')
  if (isProduction && env.SEED_DEMO) problems.push('SEED_DEMO cannot be enabled when NODE_ENV=production')
  if (isProduction && env.OIDC_ALLOW_INSECURE)
    problems.push('OIDC_ALLOW_INSECURE is not allowed in production')
  if (problems.length > 0) throw new ConfigError(problems)

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
    trustProxy: env.TRUST_PROXY,
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
