import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const fixtures = join(root, 'test/fixtures/screening')
let folder: string
let file: string

function liaison(
  args: string[],
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
    child.stdin.end(input)
  })
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'liaison-screening-cli-'))
  file = join(folder, 'x.db')
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('liaison lists, screen and compare', () => {
  it('refuses to screen before any list is imported, because "not screened" is not "no hits"', async () => {
    const result = await liaison(['screen', 'Harbin Institute of Technology'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/nothing was screened/)
  })

  it('imports a list file and shows it with its version and count', async () => {
    const imported = await liaison(['lists', 'import', '--format', 'ca-nro', join(fixtures, 'nro-v2.csv')])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/version 1: 4 entries/)
    const lists = await liaison(['lists'])
    expect(lists.stdout).toMatch(/ca-nro\s+research_security\s+v1\s+4 entries/)
  })

  it('rejects a broken file and an unknown format with a clear error and a non-zero exit', async () => {
    const broken = await liaison(['lists', 'import', '--format', 'un-xml', join(fixtures, 'broken.xml')])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/rejected, nothing was imported/)
    const unknown = await liaison(['lists', 'import', '--format', 'pdf', join(fixtures, 'broken.xml')])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/--format must be one of/)
  })

  it('screens names from standard input as JSON lines with explained matches', async () => {
    const result = await liaison(
      ['screen', '--json', '--country', 'CN'],
      '哈尔滨工业大学\nUniversität Potsdam\n',
    )
    expect(result.code).toBe(0)
    const [harbin, potsdam] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(harbin.query).toBe('哈尔滨工业大学')
    expect(harbin.matches[0]).toMatchObject({
      list: 'Canada Named Research Organizations',
      listKind: 'research_security',
      name: 'Harbin Institute of Technology',
      verdict: 'match',
    })
    expect(harbin.matches[0].explanation).toBeTruthy()
    expect(potsdam.matches).toEqual([])
  })

  it('refuses a country for people: a person is never screened by origin', async () => {
    const result = await liaison(['screen', '--person', '--country', 'CN', 'Zhang Wei'])
    expect(result.code).toBe(2)
  })

  it('compares two names and explains the score', async () => {
    const result = await liaison(['compare', '--json', 'Tsinghua University', '清华大学'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'match', score: 1 })
  })

  it('compares tab-separated pairs from standard input, one JSON object per line', async () => {
    const result = await liaison(
      ['compare', '--pairs'],
      'HIT\tHarbin Institute of Technology\nBeijing Institute of Technology\tBeijing University of Technology\n',
    )
    expect(result.code).toBe(0)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((line) => line.verdict)).toEqual(['match', 'no-match'])
    expect(Object.keys(lines[0]).sort()).toEqual(['explanation', 'name1', 'name2', 'score', 'verdict'])
    const bad = await liaison(['compare', '--pairs'], 'only one name\n')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Line 1/)
  })
})
