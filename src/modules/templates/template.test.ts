import JSZip from 'jszip'
import MarkdownIt from 'markdown-it'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, demoIds } from '../../../test/factories.js'
import { readPdfText } from '../../../test/pdf-text.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { shippedReferenceSet } from '../assessment/index.js'
import { type DataSheetInput, DataSheetSchema, researchAreas } from '../collaborations/index.js'
import { getDocument } from '../knowledge/index.js'
import { buildTemplateContext } from './template.context.js'
import {
  checkTemplate,
  renderTemplate,
  type TemplateContext,
  TemplateError,
  type Vocabulary,
} from './template.engine.js'
import { shippedTemplates } from './template.service.js'
import { templateVocabulary } from './template.vocabulary.js'

const words = (label: string) => ({ de: label, en: label })
const vocabulary: Vocabulary = {
  'institution.name': { type: 'text', label: words('institution name'), description: words('') },
  'project.title': { type: 'text', label: words('project title'), description: words('') },
  'activities.dataSharing': { type: 'flag', label: words('data sharing'), description: words('') },
  'activities.list': { type: 'list', label: words('activities'), description: words('') },
  partners: {
    type: 'list',
    label: words('partners'),
    description: words(''),
    fields: {
      name: { type: 'text', label: words('partner name'), description: words('') },
      country: { type: 'text', label: words("partner's country"), description: words('') },
    },
  },
}
const context: TemplateContext = {
  institution: { name: 'Forschungszentrum Havelland' },
  project: { title: '' },
  activities: { dataSharing: true, list: ['joint research', 'data sharing'] },
  partners: [
    { name: 'Wuhan University', country: 'China' },
    { name: 'Tongji University', country: '' },
  ],
}
const render = (source: string, language: 'de' | 'en' = 'en') =>
  renderTemplate(source, vocabulary, context, language)

/** The text a reader sees when the Markdown is rendered (tags stripped). */
const visibleText = (markdown: string) =>
  new MarkdownIt({ html: false })
    .render(markdown)
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .trim()

describe('the template engine', () => {
  it('fills values, conditionals and loops with item fields and numbers', () => {
    expect(render('{{institution.name}}')).toBe('Forschungszentrum Havelland')
    expect(render('{{#if activities.dataSharing}}shares{{else}}keeps{{/if}}')).toBe('shares')
    expect(render('{{#unless activities.dataSharing}}keeps{{/unless}}.')).toBe('.')
    expect(render('{{#each partners}}{{@number}}. {{name}}{{#unless @last}}; {{/unless}}{{/each}}')).toBe(
      '1. Wuhan University; 2. Tongji University',
    )
    expect(render('{{#each activities.list}}[{{this}}]{{/each}}')).toBe('[joint research][data sharing]')
    // Names outside the loop stay reachable inside it.
    expect(render('{{#each partners}}{{name}}–{{institution.name}} {{/each}}')).toBe(
      'Wuhan University–Forschungszentrum Havelland Tongji University–Forschungszentrum Havelland ',
    )
  })

  it('shows a missing value as a visible marker in the template language, never as a blank', () => {
    expect(render('Title: {{project.title}}')).toBe('Title: [to be completed: project title]')
    expect(render('{{#each partners}}{{country}}|{{/each}}', 'de')).toBe(
      "China|[noch zu ergänzen: partner's country]|",
    )
  })

  it('refuses unknown placeholders and misused ones, naming the line', () => {
    expect(checkTemplate('Hello\n{{institution.nmae}}', vocabulary)).toEqual([
      {
        line: 2,
        message: 'Unknown placeholder "institution.nmae"',
        messageDe: 'Unbekannter Platzhalter „institution.nmae“',
      },
    ])
    expect(checkTemplate('{{partners}}', vocabulary)[0]?.message).toContain('is a list')
    expect(checkTemplate('{{#each institution.name}}x{{/each}}', vocabulary)[0]?.message).toContain(
      'not a list',
    )
    // A list's fields exist only inside its loop.
    expect(checkTemplate('{{name}}', vocabulary)[0]?.message).toBe('Unknown placeholder "name"')
    expect(() => render('{{unknown}}')).toThrow(TemplateError)
  })

  it('refuses broken syntax: unclosed blocks, stray braces, wrong closing tags, code', () => {
    expect(checkTemplate('{{#if activities.dataSharing}}\nx', vocabulary)[0]?.message).toContain(
      'never closed',
    )
    expect(checkTemplate('a {{ b', vocabulary)[0]?.message).toContain('Unmatched')
    expect(checkTemplate('{{#if activities.dataSharing}}x{{/each}}', vocabulary)[0]?.message).toContain(
      'closes',
    )
    expect(checkTemplate('{{constructor.constructor("return process")()}}', vocabulary)).toHaveLength(1)
    expect(checkTemplate('{{else}}', vocabulary)[0]?.message).toContain('outside')
  })

  it('inserts a partner name as text: no template syntax, Markdown or markup can come from data', () => {
    const hostile = '{{institution.name}} **Bold** [link](http://x) <w:p><w:r>x</w:r></w:p> # 1. `code`'
    const output = renderTemplate(
      '{{#each partners}}{{name}}{{/each}}',
      vocabulary,
      { ...context, partners: [{ name: hostile, country: 'CN' }] },
      'en',
    )
    expect(output).not.toContain('{{')
    expect(visibleText(output)).toBe(hostile)
    expect(new MarkdownIt({ html: false }).render(output)).not.toMatch(/<strong>|<a |<code>/)
  })

  it('leaves no empty line where a block tag stood alone on its line', () => {
    const source =
      '1. first\n{{#if activities.dataSharing}}\n2. data\n{{/if}}\n{{#each partners}}\n- {{name}}\n{{/each}}\nend'
    expect(render(source)).toBe('1. first\n2. data\n- Wuhan University\n- Tongji University\nend')
  })

  it('ships templates in German and English that use only known placeholders', () => {
    const shipped = shippedTemplates()
    expect(shipped.map((template) => `${template.key}/${template.language}`).sort()).toEqual([
      'cooperation-agreement/de',
      'cooperation-agreement/en',
      'mou/de',
      'mou/en',
    ])
    for (const template of shipped)
      expect(checkTemplate(template.body, templateVocabulary), template.key).toEqual([])
  })
})

describe('the context of a contract draft', () => {
  const sheet = DataSheetSchema.parse(
    buildSheet({
      unitId: '0190a1b2-0000-7000-8000-0000000000aa',
      researcherId: '0190a1b2-0000-7000-8000-0000000000bb',
      researcherName: 'Dr. Lena Hoffmann',
    }),
  )
  const build = (language: 'de' | 'en') =>
    buildTemplateContext({
      language,
      institutionName: 'Forschungszentrum Havelland',
      unit: { nameDe: 'Geodäsie', nameEn: 'Geodesy' },
      reference: 'FZH-2026-0001',
      sheet,
      conditions: ['No raw station data leave the institute before publication.'],
      noGoRules: shippedReferenceSet().noGoRules.rules,
      researchAreas: researchAreas(),
      now: new Date('2026-03-06T09:00:00Z'),
    })

  it('takes parties, duration, data handling and exits from the data sheet, in the chosen language', () => {
    const english = build('en') as Record<string, Record<string, unknown>>
    expect(english.partners).toEqual([
      expect.objectContaining({
        name: 'Institute of Geology, China Earthquake Administration',
        nameOriginal: '中国地震局地质研究所',
        country: 'China',
        countryCode: 'CN',
        kind: 'research institute',
        address: '',
      }),
    ])
    expect(english.institution).toMatchObject({
      name: 'Forschungszentrum Havelland',
      unit: 'Geodesy',
      country: 'Germany',
    })
    expect(english.agreement).toMatchObject({
      startDate: '1 January 2027',
      endDate: '31 December 2029',
      durationMonths: '36',
      governingLaw: 'the law of the Federal Republic of Germany',
      exitOptions: sheet.interests.exitOptions,
      conditions: ['No raw station data leave the institute before publication.'],
    })
    expect(english.data).toMatchObject({ any: true, kinds: ['geodata'], personalData: false, samples: false })
    const german = build('de') as Record<string, Record<string, unknown>>
    expect(german.agreement).toMatchObject({ startDate: '1. Januar 2027', governingLaw: 'deutsches Recht' })
    expect((german.activities as { list: string[] }).list).toEqual([
      'gemeinsame Forschung',
      'Aufenthalte von Forschenden',
      'gemeinsame Veröffentlichungen',
    ])
  })

  it("phrases the institution's no-go rules as contract language", () => {
    const noGos = (build('en').agreement as { noGos: Array<{ title: string; clause: string }> }).noGos
    expect(noGos.map((noGo) => noGo.title)).toContain('Military end use declared')
    expect(noGos.find((noGo) => noGo.title === 'Military end use declared')?.clause).toBe(
      'The results of the collaboration serve exclusively peaceful, civil purposes. Any military use or end use is excluded.',
    )
    const security = noGos.find((noGo) => noGo.title.startsWith('Results may reach'))
    expect(security?.clause).toContain('prior written consent of Forschungszentrum Havelland')
  })
})

describe('contract drafts from a case', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let researcher: TestClient
  let ids: Awaited<ReturnType<typeof demoIds>>
  const now = new Date('2026-03-06T09:00:00Z')

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test, { now: () => now })
    researcher = await harness.login('researcher')
    ids = await demoIds(test.database.db)
  })
  afterAll(async () => test.cleanup())

  const createCase = async (overrides: Partial<DataSheetInput> = {}) => {
    const response = await researcher.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: buildSheet(ids, overrides) },
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const generate = (client: TestClient, id: string, body: Record<string, string>) =>
    client.request(`/api/v1/collaborations/${id}/drafts`, { method: 'POST', json: body })
  const download = async (client: TestClient, id: string, draftId: string) => {
    const response = await client.request(`/api/v1/collaborations/${id}/drafts/${draftId}`)
    expect(response.status).toBe(200)
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
  }

  it('generates a Word MoU with the parties, the exit clause and the governing law filled in', async () => {
    const id = await createCase()
    const response = await generate(researcher, id, { templateKey: 'mou', language: 'en', format: 'docx' })
    expect(response.status).toBe(201)
    const draft = await response.json()
    expect(draft).toMatchObject({
      templateKey: 'mou',
      templateVersion: 1,
      language: 'en',
      format: 'docx',
      createdByName: 'Dr. Lena Hoffmann',
    })
    expect(draft.fileName).toMatch(/^FZH-.+-mou-en-v1\.docx$/)

    const { response: file, bytes } = await download(researcher, id, draft.id)
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(file.headers.get('content-disposition')).toContain(draft.fileName)
    const zip = await JSZip.loadAsync(bytes)
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain('Forschungszentrum Havelland')
    expect(text).toContain('Institute of Geology, China Earthquake Administration')
    expect(text).toContain('China')
    expect(text).toContain(
      'Exit options agreed for this project: Either side may end with three months’ notice',
    )
    expect(text).toContain('This Memorandum is governed by the law of the Federal Republic of Germany.')
    expect(text).toContain('The results of the collaboration serve exclusively peaceful, civil purposes.')
    expect(text).toContain('[to be completed: address of the institution]')
    expect(text).not.toContain('{{')
    // Clauses are numbered (§ 1, 1.1) and the footer counts pages.
    expect((await zip.file('word/numbering.xml')?.async('string')) ?? '').toContain('§ %1')
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => name.startsWith('word/footer'))
        .map((name) => zip.file(name)?.async('string') ?? ''),
    )
    expect(footers.join('')).toMatch(/NUMPAGES/)
    const core = (await zip.file('docProps/core.xml')?.async('string')) ?? ''
    expect(core).toContain('<dc:title>Memorandum of Understanding</dc:title>')
    expect(core).toContain('Dr. Lena Hoffmann')
  })

  it('writes a hostile partner name into Word as text, not as markup or template syntax', async () => {
    const id = await createCase({
      partners: [
        {
          id: '0190a1b2-0000-7000-8000-000000000009',
          nameEnglish: 'Evil </w:t></w:r><w:r><w:t>Corp {{institution.name}} **x**',
          country: 'CN',
        },
      ],
    })
    const draft = await (
      await generate(researcher, id, { templateKey: 'cooperation-agreement', language: 'de', format: 'docx' })
    ).json()
    const zip = await JSZip.loadAsync((await download(researcher, id, draft.id)).bytes)
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
    expect(xml).toContain(
      'Evil &lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;Corp {{institution.name}} **x**',
    )
    expect(xml).toContain('Dieser Vertrag unterliegt deutsches Recht')
  })

  it('generates a PDF whose text carries the filled clauses', async () => {
    const id = await createCase()
    const draft = await (
      await generate(researcher, id, { templateKey: 'mou', language: 'de', format: 'pdf' })
    ).json()
    expect(draft.fileName).toMatch(/\.pdf$/)
    const { response, bytes } = await download(researcher, id, draft.id)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const { text, pages } = await readPdfText(bytes)
    expect(pages).toBeGreaterThan(1)
    expect(text).toContain('Absichtserklärung')
    expect(text).toContain('Institute of Geology, China Earthquake Administration')
    expect(text).toContain('Diese Absichtserklärung unterliegt deutsches Recht')
    expect(text).toContain('Vorlagenversion 1')
  })

  it('records the template version a draft used, lists drafts on the case and audits the generation', async () => {
    const id = await createCase()
    const first = await (
      await generate(researcher, id, { templateKey: 'mou', language: 'en', format: 'docx' })
    ).json()
    const admin = await harness.login('admin')
    const current = await (await admin.request('/api/v1/templates/mou/en')).json()
    const saved = await admin.request('/api/v1/templates/mou/en', {
      method: 'PUT',
      json: {
        title: current.title,
        body: current.body.replace('## Purpose', '## Purpose and scope'),
        changeNote: 'Clearer heading',
        baseVersion: current.version,
      },
    })
    expect(saved.status).toBe(200)
    expect((await saved.json()).version).toBe(current.version + 1)
    const second = await (
      await generate(researcher, id, { templateKey: 'mou', language: 'en', format: 'docx' })
    ).json()
    expect(second.templateVersion).toBe(current.version + 1)
    // The template is a living knowledge document of kind "template"; its version is the draft's.
    const document = await getDocument(test.ctx, 'mou', 'en')
    expect(document).toMatchObject({ kind: 'template', ownerOffice: 'legal', version: current.version + 1 })
    expect(document.documentId).toBe(current.documentId)

    const listed = await (await researcher.request(`/api/v1/collaborations/${id}/drafts`)).json()
    expect(listed.canGenerate).toBe(true)
    expect(
      listed.drafts.map((draft: { id: string; templateVersion: number }) => [
        draft.id,
        draft.templateVersion,
      ]),
    ).toEqual([
      [second.id, current.version + 1],
      [first.id, current.version],
    ])
    const xml = await (await JSZip.loadAsync((await download(researcher, id, second.id)).bytes))
      .file('word/document.xml')
      ?.async('string')
    expect(xml).toContain('Purpose and scope')
    const audit = await test.database.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('entityId', '=', id)
      .where('action', '=', 'contract_draft.generated')
      .execute()
    expect(audit).toHaveLength(2)
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ templateKey: 'mou', format: 'docx' })
  })

  it('refuses a template with an unknown placeholder and a stale save, and changes nothing', async () => {
    const admin = await harness.login('admin')
    const current = await (await admin.request('/api/v1/templates/cooperation-agreement/en')).json()
    const unknown = await admin.request('/api/v1/templates/cooperation-agreement/en', {
      method: 'PUT',
      json: { title: 'X', body: `${current.body}\n{{partner.adress}}`, baseVersion: current.version },
    })
    expect(unknown.status).toBe(422)
    const problem = await unknown.json()
    expect(problem.errors[0].field).toBe('body')
    expect(problem.errors[0].message).toContain('Unknown placeholder "partner.adress"')
    // The same problem in both languages, with its line, for the editor.
    expect(problem.problems).toEqual([
      {
        line: expect.any(Number),
        message: 'Unknown placeholder "partner.adress"',
        messageDe: 'Unbekannter Platzhalter „partner.adress“',
      },
    ])
    const stale = await admin.request('/api/v1/templates/cooperation-agreement/en', {
      method: 'PUT',
      json: { title: 'X', body: current.body, baseVersion: current.version + 5 },
    })
    expect(stale.status).toBe(409)
    expect((await (await admin.request('/api/v1/templates/cooperation-agreement/en')).json()).version).toBe(
      current.version,
    )
  })

  it("lets the case's researchers, the legal office and admins generate, and nobody else", async () => {
    const yes = { answer: 'yes' as const, explanation: '' }
    const id = await createCase({
      // The checklist of the research area (remote sensing) is answered, so the case can be submitted.
      answers: {
        ...buildSheet(ids).answers,
        cl_sensing_instrument_specs: yes,
        cl_sensing_no_military_geodata: yes,
      },
    })
    const body = { templateKey: 'mou', language: 'en', format: 'pdf' }
    // The legal office drafts contracts even before the case is submitted; admins see it once submitted.
    expect((await generate(await harness.login('legal'), id, body)).status).toBe(201)
    expect((await generate(await harness.login('admin'), id, body)).status).toBe(404)
    const submitted = await researcher.request(`/api/v1/collaborations/${id}/submit`, { method: 'POST' })
    expect(submitted.status, await submitted.clone().text()).toBe(200)
    expect((await generate(await harness.login('admin'), id, body)).status).toBe(201)
    // Another researcher does not even see the case.
    expect((await generate(await harness.login('j.fischer'), id, body)).status).toBe(404)
    expect(
      (await (await harness.login('j.fischer')).request(`/api/v1/collaborations/${id}/drafts`)).status,
    ).toBe(404)
    // A reviewer of another office and the decision-maker may not generate.
    expect((await generate(await harness.login('export-control'), id, body)).status).toBe(404)
    expect((await generate(await harness.login('decision-maker'), id, body)).status).toBe(403)
    const legalList = await (
      await (await harness.login('legal')).request(`/api/v1/collaborations/${id}/drafts`)
    ).json()
    expect(legalList.drafts).toHaveLength(2)
    // Templates are edited by the legal office and admins only.
    const researcherSave = await researcher.request('/api/v1/templates/mou/de', {
      method: 'PUT',
      json: { title: 'X', body: 'x', baseVersion: 1 },
    })
    expect(researcherSave.status).toBe(403)
    const exportSave = await (await harness.login('export-control')).request('/api/v1/templates/mou/de', {
      method: 'PUT',
      json: { title: 'X', body: 'x', baseVersion: 1 },
    })
    expect(exportSave.status).toBe(403)
    const legal = await harness.login('legal')
    const mou = await (await legal.request('/api/v1/templates/mou/de')).json()
    expect(mou.canEdit).toBe(true)
    const legalSave = await legal.request('/api/v1/templates/mou/de', {
      method: 'PUT',
      json: { title: mou.title, body: `${mou.body}\n`, changeNote: 'Checked', baseVersion: mou.version },
    })
    expect(legalSave.status).toBe(200)
  })

  it('lists templates with their documented placeholders', async () => {
    const catalogue = await (await researcher.request('/api/v1/templates')).json()
    expect(catalogue.canEdit).toBe(false)
    expect(catalogue.templates).toHaveLength(4)
    const mou = catalogue.templates.find(
      (template: { key: string; language: string }) => template.key === 'mou' && template.language === 'de',
    )
    expect(mou.placeholders).toContain('agreement.exitOptions')
    expect(catalogue.placeholders).toContainEqual(
      expect.objectContaining({ path: 'name', listPath: 'partners', labelEn: 'partner name' }),
    )
  })
})
