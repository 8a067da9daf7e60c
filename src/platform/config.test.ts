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

  it('never seeds demo accounts in production and uses secure cookies there', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })
    expect(config.seedDemo).toBe(false)
    expect(config.session.secureCookies).toBe(true)
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
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/)
  })
})
