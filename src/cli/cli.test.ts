import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import SqliteDatabase from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '../modules/audit/index.js'
import { type Config, loadConfig } from '../platform/config.js'
import { countSqliteRows } from '../platform/db/backup.js'
import { createDatabase, type DatabaseHandle } from '../platform/db/database.js'
import { createLogger } from '../platform/logger.js'
import { createApp } from '../server/app.js'
import { systemContext } from '../server/bootstrap.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

let folder: string
let file: string
let config: Config
let database: DatabaseHandle | null = null

/** Runs the real `liaison` launcher as a child process against the test database. */
function liaison(args: string[], options: { input?: string; databaseUrl?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/liaison.js', ...args], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: options.databaseUrl ?? `sqlite:${file}`,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

/** The HTTP app over the same database file the CLI writes to. */
function api() {
  database ??= createDatabase(config.database)
  const app = createApp({ config, database, log: createLogger(config) })
  const login = (username: string, password: string) =>
    app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  const session = (headers: Record<string, string>) => app.request('/api/v1/auth/session', { headers })
  return { login, session }
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'liaison-cli-'))
  file = join(folder, 'x.db')
  config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' })
})

afterAll(async () => {
  await database?.close()
  rmSync(folder, { recursive: true, force: true })
})

describe('liaison', () => {
  it('lists every command and exits 0 when called without one', async () => {
    const result = await liaison([])

    expect(result.code).toBe(0)
    for (const command of [
      'migrate',
      'user create',
      'user passwd',
      'user list',
      'token create',
      'audit verify',
    ]) {
      expect(result.stdout).toContain(command)
    }
    expect(result.stdout).toMatch(/backup[\s\S]*restore[\s\S]*openapi/)
  })

  it('refuses unknown commands and bad arguments with the usage on stderr and exit code 2', async () => {
    const [unknown, unknownOption, missingOption, badRole, missingFile] = await Promise.all([
      liaison(['frobnicate']),
      liaison(['user', 'list', '--verbose']),
      liaison(['user', 'create', '--username', 'anna', '--no-password']),
      liaison(['user', 'create', '--username', 'anna', '--name', 'Anna', '--role', 'king', '--no-password']),
      liaison(['backup']),
    ])

    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect(unknown.stderr).toContain('There is no command "frobnicate"')
    expect(unknown.stderr).toContain('Usage: liaison <command>')
    expect(unknownOption.code).toBe(2)
    expect(unknownOption.stderr).toContain("Unknown option '--verbose'")
    expect(unknownOption.stderr).toContain('Usage: liaison user list')
    expect(missingOption.code).toBe(2)
    expect(missingOption.stderr).toContain('--name is required')
    expect(badRole.code).toBe(2)
    expect(badRole.stderr).toContain('Unknown role "king"')
    expect(missingFile.code).toBe(2)
    expect(missingFile.stderr).toContain('Missing FILE')
    expect(existsSync(file)).toBe(false)
  })

  it('migrates the configured database and says which migrations ran', async () => {
    const result = await liaison(['migrate'])

    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toContain('applied 0001_foundation')
  })

  it('creates a user who can sign in with the password from stdin', async () => {
    const result = await liaison(
      ['user', 'create', '--username', 'anna', '--name', 'Anna Admin', '--role', 'admin', '--password-stdin'],
      { input: 'first-password\n' },
    )

    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Created user anna (Anna Admin)')
    expect(result.stdout).toContain('roles:   admin')
    expect((await api().login('anna', 'first-password')).status).toBe(200)
  })

  it('refuses a password shorter than 8 characters with the field problem and exit code 1', async () => {
    const result = await liaison(
      ['user', 'create', '--username', 'ben', '--name', 'Ben', '--password-stdin'],
      {
        input: 'short\n',
      },
    )

    expect(result.code).toBe(1)
    expect(result.stderr).toContain('password: At least 8 characters')
    expect(result.stderr).not.toContain('    at ')
  })

  it("sets a new password and ends the user's open sessions", async () => {
    const { login, session } = api()
    const signedIn = await login('anna', 'first-password')
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect((await session({ cookie })).status).toBe(200)

    const result = await liaison(['user', 'passwd', 'anna', '--password-stdin'], {
      input: 'second-password\n',
    })

    expect(result.code).toBe(0)
    expect((await session({ cookie })).status).toBe(401)
    expect((await login('anna', 'first-password')).status).toBe(401)
    expect((await login('anna', 'second-password')).status).toBe(200)
  })

  it('lists users with their roles and how they sign in', async () => {
    await liaison([
      'user',
      'create',
      '--username',
      'sso.only',
      '--name',
      'Sam SSO',
      '--role',
      'researcher',
      '--no-password',
    ])

    const result = await liaison(['user', 'list'])

    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^USERNAME\s+NAME\s+ROLES/)
    expect(result.stdout).toMatch(/anna\s+Anna Admin\s+admin\s+password\s+yes/)
    expect(result.stdout).toMatch(/sso\.only\s+Sam SSO\s+researcher\s+-\s+yes/)
  })

  it('prints only the new token on stdout, and the token authenticates API requests', async () => {
    const result = await liaison(['token', 'create', '--user', 'anna', '--name', 'reporting', '--days', '7'])

    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^lsn_[\w-]+\n$/)
    expect(result.stderr).toContain('shown only this once')
    const response = await api().session({ authorization: `Bearer ${result.stdout.trim()}` })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ user: { username: 'anna' }, via: 'token' })
  })

  it('reports an intact audit trail with the number of entries', async () => {
    const result = await liaison(['audit', 'verify'])

    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^ok: \d+ entries verified\n$/)
  })

  it('backs up while another connection writes, and the backup restores with equal counts and a sound audit trail', async () => {
    const writer = createDatabase(config.database)
    const ctx = systemContext(config, writer, createLogger(config))
    let written = 0
    let isWriting = true
    const writing = (async () => {
      while (isWriting) {
        await writer.db
          .transaction()
          .execute((trx) =>
            recordAudit(trx, ctx, { action: 'test.written', entityType: 'test', entityId: String(written) }),
          )
        written++
        // SQLite answers synchronously: without a macrotask in between, the child's output is never read.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const backupFile = join(folder, 'backup.db')

    const backup = await liaison(['backup', backupFile])
    isWriting = false
    await writing
    await writer.close()

    expect(backup.code).toBe(0)
    expect(backup.stdout).toContain('integrity_check: ok')
    expect(written).toBeGreaterThan(0)
    const backupIntegrity = new SqliteDatabase(backupFile, { readonly: true })
    expect(backupIntegrity.pragma('integrity_check', { simple: true })).toBe('ok')
    backupIntegrity.close()
    const backedUp = countSqliteRows(backupFile)
    expect(backedUp.audit_events).toBeLessThan(countSqliteRows(file).audit_events ?? 0)

    const restoredFile = join(folder, 'restored', 'liaison.db')
    const [again, restore] = await Promise.all([
      liaison(['backup', backupFile]),
      liaison(['restore', backupFile], { databaseUrl: `sqlite:${restoredFile}` }),
    ])

    expect(again.code).toBe(1)
    expect(again.stderr).toContain('exists already; add --force')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toContain(`Audit trail: ok: ${backedUp.audit_events} entries verified`)
    expect(countSqliteRows(restoredFile)).toEqual(backedUp)
  })

  it('backs PostgreSQL up with pg_dump and fails with exit 1 when the server cannot be reached', async () => {
    // Nothing listens on port 1.
    const databaseUrl = 'postgres://liaison@127.0.0.1:1/liaison'
    const [backup, restore] = await Promise.all([
      liaison(['backup', join(folder, 'liaison.dump')], { databaseUrl }),
      liaison(['restore', join(folder, 'missing.dump')], { databaseUrl }),
    ])

    expect(backup.code).toBe(1)
    expect(backup.stderr).toMatch(/ECONNREFUSED|connect/)
    expect(existsSync(join(folder, 'liaison.dump'))).toBe(false)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toContain('There is no file at')
  })

  it('names the first tampered audit entry and exits 1', async () => {
    const connection = new SqliteDatabase(file)
    connection.prepare('update audit_events set after = ? where seq = 2').run('{"tampered":true}')
    connection.close()

    const result = await liaison(['audit', 'verify'])

    expect(result.code).toBe(1)
    expect(result.stderr).toContain('broken: audit entry seq 2: entry content does not match its hash')
  })

  it('prints the OpenAPI document as JSON', async () => {
    const result = await liaison(['openapi'])

    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ openapi: '3.1.0', info: { title: 'Liaison API' } })
  })
})
