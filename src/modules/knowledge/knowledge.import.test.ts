import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, type TestDatabase, testDialect } from '../../../test/test-app.js'
import { runCli } from '../../cli/cli.js'
import { seedDemoKnowledge } from '../../demo/knowledge.seed.js'
import {
  documentFromFile,
  importKnowledgeFiles,
  parseFrontMatter,
  readKnowledgeFolder,
} from './knowledge.import.js'
import { getDocument, listHistory } from './knowledge.service.js'

const fixtures = fileURLToPath(new URL('../../../test/fixtures/knowledge', import.meta.url))
const admin = {
  id: 'cli',
  username: 'cli',
  displayName: 'Command line',
  roles: [{ role: 'admin' as const, officeId: null }],
  via: 'system' as const,
}

describe('importing knowledge files', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createDemoDatabase()
  })
  afterAll(async () => test.cleanup())

  it('reads front matter into a document, taking the language from the folder', () => {
    const [english] = readKnowledgeFolder(fixtures).filter((file) =>
      file.path.endsWith('data-security-law.md'),
    )
    expect(english).toBeDefined()
    const input = documentFromFile(english ?? { path: '', content: '' })
    expect(input).toMatchObject({
      slug: 'data-security-law',
      language: 'en',
      kind: 'regulation',
      ownerOffice: 'data_protection',
      jurisdiction: 'CN',
      effectiveDate: '2021-09-01',
      topics: ['data-export', 'personal-data'],
      tags: ['china', 'data'],
      reviewIntervalMonths: 6,
      lastReviewed: '2026-03-01',
    })
    expect(() => parseFrontMatter('# no front matter')).toThrow(/front matter/)
  })

  it('loads the demo folder once: new documents, identical ones left alone, changed ones as new versions', async () => {
    await seedDemoKnowledge(test.ctx, fixtures)
    const checklist = await getDocument(test.as(admin), 'sample-transfer', 'de')
    expect(checklist).toMatchObject({
      kind: 'checklist',
      audience: 'researchers',
      researchAreas: ['201-01', '205-01'],
    })
    expect(checklist.lastReviewedAt?.slice(0, 10)).toBe('2026-01-15')
    expect(checklist.nextReviewOn).toBe('2027-01-15')
    expect(checklist.translations.map((entry) => entry.language)).toEqual(['en'])

    const again = await importKnowledgeFiles(test.as(admin), readKnowledgeFolder(fixtures))
    expect(again).toMatchObject({ created: [], updated: [], problems: [] })
    expect(again.unchanged).toHaveLength(3)

    const law = readKnowledgeFolder(fixtures).find((file) => file.path.endsWith('data-security-law.md'))
    const changed = await importKnowledgeFiles(test.as(admin), [
      { path: 'changed.md', content: (law?.content ?? '').replace('In force since', 'Applies since') },
      { path: 'broken.md', content: '---\nslug: x\nkind: poem\n---\nbody' },
    ])
    expect(changed).toMatchObject({ created: [], updated: ['en/data-security-law'], unchanged: [] })
    expect(changed.problems).toEqual([{ path: 'broken.md', message: expect.stringContaining('kind') }])
    const regulation = await getDocument(test.as(admin), 'data-security-law', 'en')
    expect((await listHistory(test.as(admin), regulation.documentId)).map((entry) => entry.version)).toEqual([
      2, 1,
    ])
  })

  it.skipIf(testDialect === 'postgres')(
    'imports a folder from the command line and reports skipped files',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'knowledge-'))
      const saved = process.env.DATABASE_URL
      try {
        writeFileSync(join(folder, 'broken.md'), '---\nslug: x\nkind: poem\n---\nbody')
        writeFileSync(
          join(folder, 'travel.md'),
          '---\nslug: travel\nkind: guidance\nlanguage: en\ntitle: Travel\nowner: international_office\n---\nTake a clean laptop.',
        )
        const database = test.config.database
        process.env.DATABASE_URL = `sqlite:${database.kind === 'sqlite' ? database.file : ''}`
        const io = { stdout: collector(), stderr: collector(), stdin: process.stdin }
        const code = await runCli(['knowledge', 'import', folder], io as never)
        expect(io.stderr.text).toContain('broken.md')
        expect(io.stdout.text).toContain('1 created, 0 updated, 0 unchanged, 1 skipped')
        expect(code).toBe(1)
        expect((await getDocument(test.as(admin), 'travel')).body).toBe('Take a clean laptop.')
      } finally {
        process.env.DATABASE_URL = saved
        rmSync(folder, { recursive: true, force: true })
      }
    },
  )
})

function collector() {
  const sink = {
    text: '',
    write(chunk: string) {
      sink.text += chunk
      return true
    },
  }
  return sink
}
