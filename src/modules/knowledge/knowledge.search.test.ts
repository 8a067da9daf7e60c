import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, type TestDatabase } from '../../../test/test-app.js'
import { renderMarkdown } from '../../shared/markdown.js'
import type { Actor } from '../access/index.js'
import { actorOf } from '../auth/index.js'
import { findUser, findUserRowByUsername } from '../organisation/index.js'
import type { SearchHit } from './knowledge.schema.js'
import { saveDocument, searchDocuments } from './knowledge.service.js'

async function actorFor(test: TestDatabase, username: string): Promise<Actor> {
  const row = await findUserRowByUsername(test.database.db, username)
  const user = row && (await findUser(test.database.db, row.id))
  if (!user) throw new Error(`no demo user ${username}`)
  return actorOf(user, 'session')
}

const base = {
  kind: 'guidance' as const,
  ownerOffice: 'research_security' as const,
  audience: 'everyone' as const,
}
const highlighted = (hit: SearchHit | undefined) =>
  [...(hit?.titleParts ?? []), ...(hit?.snippet ?? [])]
    .filter((part) => part.hit)
    .map((part) => part.text.toLowerCase())

describe('searching the knowledge base', () => {
  let test: TestDatabase
  let editor: Actor
  let researcher: Actor

  beforeAll(async () => {
    test = await createDemoDatabase()
    editor = await actorFor(test, 'research-security')
    researcher = await actorFor(test, 'researcher')
    const save = (input: Parameters<typeof saveDocument>[1]) => saveDocument(test.as(editor), input)
    await save({
      ...base,
      slug: 'travel-advice',
      language: 'en',
      title: 'Travelling to conferences',
      summary: 'Laptops, phones and data on the road.',
      body: 'Take a clean laptop. Export control applies to technology you carry. Export rules again: export.',
      tags: ['travel'],
    })
    await save({
      ...base,
      slug: 'export-control-basics',
      language: 'en',
      title: 'Export control basics',
      summary: 'When a licence is needed.',
      body: 'Dual-use items need a licence <script>alert(1)</script> before shipping.',
      tags: ['export-control'],
      kind: 'checklist',
    })
    await save({
      ...base,
      slug: 'datenschutz-partner',
      language: 'de',
      title: 'Datenübermittlung an Partner',
      summary: 'Personenbezogene Daten ins Ausland übermitteln.',
      body: 'Für die Übermittlung personenbezogener Daten gelten die Regeln der DSGVO. Die Übermittlungen werden dokumentiert.',
      tags: ['daten'],
      researchAreas: ['205-01'],
    })
    await save({
      ...base,
      slug: 'pipl',
      language: 'en',
      kind: 'regulation',
      title: 'Personal Information Protection Law (个人信息保护法)',
      summary: 'China’s data protection law.',
      body: '中华人民共和国个人信息保护法 applies to processing personal information of people in China; 数据出境 needs a security assessment.',
      jurisdiction: 'CN',
      effectiveDate: '2021-11-01',
      topics: ['personal-data', 'data-export'],
    })
    await save({
      ...base,
      slug: 'admin-only',
      language: 'en',
      audience: 'administrators',
      title: 'Export control escalation (internal)',
      body: 'Internal export escalation path.',
    })
  })
  afterAll(async () => test.cleanup())

  it('ranks a title hit above documents that only mention the word in the body, and highlights it', async () => {
    const hits = await searchDocuments(test.as(researcher), { q: 'export' })
    expect(hits.map((hit) => hit.slug)).toEqual(
      ['export-control-basics', 'travel-advice', 'pipl'].filter((slug) =>
        hits.some((hit) => hit.slug === slug),
      ),
    )
    expect(hits[0]?.slug).toBe('export-control-basics')
    expect(hits[0]?.titleParts.some((part) => part.hit && part.text.toLowerCase() === 'export')).toBe(true)
    expect(highlighted(hits.find((hit) => hit.slug === 'travel-advice'))).toContain('export')
  })

  it('finds English and German words by their stems and without umlauts', async () => {
    expect((await searchDocuments(test.as(researcher), { q: 'licences' })).map((hit) => hit.slug)).toEqual([
      'export-control-basics',
    ])
    const german = await searchDocuments(test.as(researcher), { q: 'Übermittlung' })
    expect(german.map((hit) => hit.slug)).toEqual(['datenschutz-partner'])
    expect(highlighted(german[0]).some((text) => text.startsWith('übermittlung'))).toBe(true)
    expect((await searchDocuments(test.as(researcher), { q: 'personenbez' })).map((hit) => hit.slug)).toEqual(
      ['datenschutz-partner'],
    )
  })

  it('finds Chinese text by substring and highlights it', async () => {
    const hits = await searchDocuments(test.as(researcher), { q: '数据出境' })
    expect(hits.map((hit) => hit.slug)).toEqual(['pipl'])
    expect(hits[0]?.snippet.filter((part) => part.hit).map((part) => part.text)).toEqual(['数据出境'])
    expect((await searchDocuments(test.as(researcher), { q: '信息保护' }))[0]?.titleParts).toContainEqual({
      text: '信息保护',
      hit: true,
    })
  })

  it('filters by kind, tag and research area, and respects the audience', async () => {
    expect(
      (await searchDocuments(test.as(researcher), { q: 'export', kind: 'checklist' })).map((h) => h.slug),
    ).toEqual(['export-control-basics'])
    expect((await searchDocuments(test.as(researcher), { tag: 'travel' })).map((h) => h.slug)).toEqual([
      'travel-advice',
    ])
    expect(
      (await searchDocuments(test.as(researcher), { researchArea: '205-01' })).map((h) => h.slug),
    ).toEqual(['datenschutz-partner'])
    expect((await searchDocuments(test.as(researcher), { q: 'escalation' })).length).toBe(0)
    expect((await searchDocuments(test.as(editor), { q: 'escalation' })).map((h) => h.slug)).toEqual([
      'admin-only',
    ])
  })

  it('returns snippets as text parts, so markup in a document is never HTML', async () => {
    const hits = await searchDocuments(test.as(researcher), { q: 'shipping' })
    const text = hits[0]?.snippet.map((part) => part.text).join('') ?? ''
    // The snippet is text the page escapes: no markers left, the hit is a separate part.
    expect(text.includes(String.fromCharCode(2)) || text.includes(String.fromCharCode(3))).toBe(false)
    expect(text).toContain('Dual-use items need a licence')
    expect(hits[0]?.snippet.filter((part) => part.hit).map((part) => part.text.toLowerCase())).toEqual([
      'shipping',
    ])
    expect(
      hits[0]?.snippet.every((part) => typeof part.text === 'string' && typeof part.hit === 'boolean'),
    ).toBe(true)
  })

  it('answers odd input without failing', async () => {
    for (const q of ['"', 'NEAR(', 'a AND OR', '*', '%_', "'; drop table x; --", '::*']) {
      await expect(searchDocuments(test.as(researcher), { q })).resolves.toBeInstanceOf(Array)
    }
  })
})

describe('rendering document Markdown', () => {
  it('escapes raw HTML and drops script links, so no script can run', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x)',
        '[ok](https://example.org) [inside](/knowledge) ![img](javascript:alert(2))',
        '<a href="javascript:alert(3)">x</a>',
      ].join('\n\n'),
    )
    expect(html).not.toMatch(/<script|<img src=x|href="javascript|href="data|href="vbscript|src="javascript/i)
    // Event handler attributes only ever appear as escaped text, never inside a tag.
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i)
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">ok</a>',
    )
    expect(html).toContain('<a href="/knowledge">inside</a>')
  })

  it('renders headings one level below the page title, lists and tables', () => {
    const html = renderMarkdown('# Title\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |')
    // Headings start at h2: the page's title is the only h1.
    expect(html).toContain('<h2>Title</h2>')
    expect(html).toContain('<li>one</li>')
    expect(html).toContain('<td>1</td>')
  })
})
