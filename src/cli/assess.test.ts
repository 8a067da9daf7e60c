import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
let folder: string

/** Runs the real `liaison` launcher as a child process against a fresh SQLite file. */
function liaison(
  args: string[],
  input: string | Buffer = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/liaison.js', ...args], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: `sqlite:${join(folder, 'cli.db')}`,
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
    child.stdin.on('error', () => undefined)
    child.stdin.end(input)
  })
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'liaison-assess-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('liaison assess', () => {
  it('prints one JSON object with risk level, candidates with evidence, areas, factors and versions', async () => {
    const result = await liaison(
      ['assess', '--json', '--trl', '6'],
      'We develop a fixed-wing drone with an endurance of 8 hours for beyond visual line of sight flights.',
    )

    expect(result.code).toBe(0)
    const parsed = JSON.parse(result.stdout)
    expect(parsed.riskLevel).toMatch(/^(elevated|high)$/)
    expect(parsed.candidates[0]).toMatchObject({ code: '9A012', category: '9' })
    expect(typeof parsed.candidates[0].score).toBe('number')
    expect(parsed.candidates[0].evidence.project.length).toBeGreaterThan(0)
    expect(Array.isArray(parsed.areas)).toBe(true)
    expect(parsed.factors.length).toBeGreaterThan(0)
    expect(parsed.versions).toMatchObject({ annex: 1, engine: 'engine-1' })
  })

  it('reads a file and explains the result in plain text', async () => {
    const file = join(folder, 'radar.txt')
    writeFileSync(file, 'Wir verbessern Niederschlagsschätzungen aus dem Wetterradarverbund.')

    const result = await liaison(['assess', file])

    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Risk level: low')
    expect(result.stdout).toContain('6A008')
    expect(result.stdout).toContain('excluded')
  })

  it('refuses empty, binary and oversized input with a clear message and exit code 1', async () => {
    const binary = join(folder, 'binary.bin')
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))
    const [empty, isBinary, tooLarge, missing, badTrl] = await Promise.all([
      liaison(['assess'], '   \n'),
      liaison(['assess', binary]),
      liaison(['assess'], 'a'.repeat(100_001)),
      liaison(['assess', join(folder, 'nope.txt')]),
      liaison(['assess', '--trl', '12'], 'text'),
    ])

    expect(empty.code).toBe(1)
    expect(empty.stderr).toContain('empty')
    expect(isBinary.code).toBe(1)
    expect(isBinary.stderr).toContain('binary')
    expect(tooLarge.code).toBe(1)
    expect(tooLarge.stderr).toContain('limit')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('There is no file')
    expect(badTrl.code).toBe(2)
    for (const result of [empty, isBinary, tooLarge, missing]) expect(result.stdout).toBe('')
  })
})

describe('liaison reference', () => {
  it('imports the same Annex only once and lists the stored versions', async () => {
    const annex = join(root, 'data/eu-dual-use-annex-i/annex.json')
    const first = await liaison(['reference', 'import', 'annex', annex])
    const again = await liaison(['reference', 'import', 'annex', annex])
    const list = await liaison(['reference', 'list'])

    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/(Imported|Unchanged).*version 1/)
    expect(again.stdout).toContain('Unchanged')
    expect(list.stdout).toMatch(/annex\s+-\s+1\s+02021R0821-20251115/)
    expect(list.stdout).toContain('sensitive_areas')
  })
})
