import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('configuration', () => {
  it('starts with no environment at all: SQLite under ./var, port 3000, demo data', () => {
    const config = loadConfig({})
    expect(config.database).toEqual({ kind: 'sqlite', file: './var/liaison.db' })
    expect(config.port).toBe(3000)
    expect(config.seedDemo).toBe(true)
    expect(config.oidc).toBeNull()
  })

  it('reads PostgreSQL URLs, sqlite: URLs and plain paths', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/liaison' }).database.kind).toBe('postgres')
    expect(loadConfig({ DATABASE_URL: 'sqlite:/data/x.db' }).database).toEqual({
      kind: 'sqlite',
      file: '/data/x.db',
    })
    expect(loadConfig({ DATABASE_URL: '/data/y.db' }).database).toEqual({
      kind: 'sqlite',
      file: '/data/y.db',
    })
  })

  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://liaison@db/liaison',
    PUBLIC_URL: 'https://liaison.example.org',
    FILES_DIR: '/srv/liaison/files',
  }

  it('never seeds demo accounts in production and uses secure cookies there', () => {
    const config = loadConfig(production)
    expect(config.seedDemo).toBe(false)
    expect(config.session.secureCookies).toBe(true)
  })

  it('refuses an unsafe production configuration, listing every problem', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env)
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError)
        return (error as ConfigError).problems
      }
      return []
    }
    const missing = problemsOf({ NODE_ENV: 'production' })
    expect(missing).toEqual([
      expect.stringMatching(/^DATABASE_URL must be set/),
      expect.stringMatching(/^PUBLIC_URL must be set/),
      expect.stringMatching(/^FILES_DIR must be set/),
    ])
    const unsafe = problemsOf({
      ...production,
      DATABASE_URL: 'sqlite:/srv/liaison.db',
      PUBLIC_URL: 'http://liaison.example.org',
      SEED_DEMO: 'true',
      OIDC_ISSUER: 'http://sso.example.org',
      OIDC_CLIENT_ID: 'liaison',
      OIDC_ALLOW_INSECURE: 'true',
      SMTP_URL: 'smtp://mail.example.org',
      LOG_LEVEL: 'silent',
      TRUST_PROXY: 'proxy.example.org',
      PORT: 'eighty',
    }).join('\n')
    for (const expected of [
      'PORT',
      'SQLite',
      'PUBLIC_URL must be an https',
      'SEED_DEMO',
      'OIDC_ISSUER must be an https',
      'OIDC_ALLOW_INSECURE',
      'MAIL_FROM',
      'LOG_LEVEL=silent',
      'TRUST_PROXY',
    ])
      expect(unsafe).toContain(expected)
    // SQLite only when the operator says so explicitly (a single instance).
    expect(
      loadConfig({ ...production, DATABASE_URL: 'sqlite:/srv/l.db', ALLOW_SQLITE_IN_PRODUCTION: 'true' })
        .database.kind,
    ).toBe('sqlite')
  })

  it('reads TRUST_PROXY as off, a hop count, or a list of proxy addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' })
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' })
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual({ kind: 'hops', hops: 1 })
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 })
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1,192.168.1.5' }).trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', '::1', '192.168.1.5'],
    })
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/)
  })

  it('reads the job settings: lease, polling, batch, on or off per instance', () => {
    expect(loadConfig({}).jobs).toEqual({ enabled: true, leaseMs: 300_000, pollMs: 1000, batchSize: 10 })
    expect(
      loadConfig({ JOBS_ENABLED: 'false', JOB_LEASE_SECONDS: '2', JOB_POLL_MS: '50', JOB_BATCH_SIZE: '25' })
        .jobs,
    ).toEqual({ enabled: false, leaseMs: 2000, pollMs: 50, batchSize: 25 })
  })

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', OIDC_ISSUER: 'https://sso.example' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const problems = (error as ConfigError).problems.join('\n')
      expect(problems).toContain('PORT')
      expect(problems).toContain('LOG_LEVEL')
    }
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example' })).toThrow(/OIDC_CLIENT_ID/)
    expect(() => loadConfig({ ...production, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/)
  })
})
