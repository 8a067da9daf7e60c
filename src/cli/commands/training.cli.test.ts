import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const fixtures = join(root, 'test/fixtures/training')
let folder: string
let file: string

function liaison(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/liaison.js', ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${file}` },
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
    child.stdin.end('')
  })
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'liaison-training-cli-'))
  file = join(folder, 'x.db')
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('liaison training import', () => {
  it('imports a folder of modules once; the same content again adds no version', async () => {
    const first = await liaison(['training', 'import', fixtures])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/fixture-basics\s+imported as version 1/)
    expect(first.stdout).toMatch(/fixture-export\s+imported as version 1/)
    const again = await liaison(['training', 'import', fixtures])
    expect(again.stdout).toMatch(/fixture-basics\s+unchanged \(version 1\)/)
  })

  it('rejects a folder with a broken module, naming the file and the field, and imports nothing of it', async () => {
    const broken = join(folder, 'broken')
    cpSync(fixtures, broken, { recursive: true })
    const content = JSON.parse(readFileSync(join(fixtures, 'fixture-export.json'), 'utf8'))
    writeFileSync(join(broken, 'fixture-export.json'), JSON.stringify({ ...content, minutes: 0, version: 2 }))
    const result = await liaison(['training', 'import', broken])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/fixture-export\.json: minutes/)
    const missing = await liaison(['training', 'import', join(folder, 'nothing-here')])
    expect(missing.code).toBe(2)
  })
})
