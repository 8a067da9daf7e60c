import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasSharedData, realListFiles } from '../../../test/fixtures/screening/labelled.js'
import { isAppError } from '../../platform/errors.js'
import { parseListFile } from './screening.importers.js'
import { parseXml } from './screening.xml.js'

const expected: Record<string, { entries: number; people: number }> = {
  'us-consolidated-screening-list/csl_2023-11_excerpt.csv': { entries: 4226, people: 1124 },
  'ofac-sdn/sdn.csv': { entries: 8976, people: 4620 },
  'un-security-council-consolidated/UN_consolidated.xml': { entries: 1003, people: 730 },
  'eu-sanctions-official-journal/32014R0833.csv': { entries: 1085, people: 0 },
  'eu-sanctions-official-journal/32020R1998.csv': { entries: 177, people: 136 },
  'us-1260h-chinese-military-companies/section_1260h.csv': { entries: 215, people: 0 },
  'us-ndaa-research-procurement-lists/section_1286.csv': { entries: 156, people: 0 },
  'canada-named-research-organizations/named_research_organizations.csv': { entries: 103, people: 0 },
  'china-defence-universities/misp_china_defence_universities.json': { entries: 159, people: 0 },
  'cn-countersanctions/cn_sanctions.csv': { entries: 461, people: 166 },
}

describe.skipIf(!hasSharedData)('the list importers on the real files', () => {
  for (const { format, path, files } of realListFiles) {
    it(`reads ${path} (${format}) with the expected counts`, () => {
      const parsed = parseListFile(format, files())
      expect(parsed.entries.length).toBe(expected[path]?.entries)
      expect(parsed.entries.filter((entry) => entry.entityType === 'person').length).toBe(
        expected[path]?.people,
      )
      expect(parsed.entries.every((entry) => entry.name.length > 0)).toBe(true)
    })
  }

  it('skips the cut-off last row of the CSL excerpt with a warning', () => {
    const csl = realListFiles.find((file) => file.format === 'csl')
    const parsed = parseListFile('csl', csl?.files() ?? { content: '' })
    expect(parsed.warnings.join(' ')).toMatch(/cut off/)
  })

  it('reads aliases, former names and countries of OFAC entries from alt.csv and add.csv', () => {
    const ofac = realListFiles.find((file) => file.format === 'ofac-sdn')
    const entry = parseListFile('ofac-sdn', ofac?.files() ?? { content: '' }).entries.find(
      (item) => item.entityKey === '306',
    )
    expect(entry?.name).toBe('BANCO NACIONAL DE CUBA')
    expect(entry?.aliases).toContain('NATIONAL BANK OF CUBA')
    expect(entry?.countries).toContain('CH')
  })

  it('keeps the Chinese names of the defence-universities tracker as aliases', () => {
    const misp = realListFiles.find((file) => file.format === 'misp-galaxy')
    const hit = parseListFile('misp-galaxy', misp?.files() ?? { content: '' }).entries.find((item) =>
      item.name.startsWith('Harbin Institute of Technology'),
    )
    expect(hit?.aliases).toContain('哈尔滨工业大学')
  })

  it('reads both FollowTheMoney samples, skipping addresses and never using a nationality', () => {
    const text = (name: string) =>
      readFileSync(
        new URL(`opensanctions-ftm-samples/${name}`, new URL('../../../../shared/data/', import.meta.url)),
        'utf8',
      )
    const entities = parseListFile('ftm', { content: text('eu_fsf_sample.entities.ftm.json') })
    expect(entities.entries).toHaveLength(6)
    expect(
      entities.entries
        .filter((entry) => entry.entityType === 'person')
        .every((entry) => entry.countries.length === 0),
    ).toBe(true)
    expect(
      parseListFile('ftm', { content: text('sanctions_sample.entities.delta.json') }).entries,
    ).toHaveLength(2)
  })

  it('reads the other EU annexes', () => {
    const text = (name: string) =>
      readFileSync(
        new URL(
          `eu-sanctions-official-journal/${name}`,
          new URL('../../../../shared/data/', import.meta.url),
        ),
        'utf8',
      )
    expect(parseListFile('eu-annex-csv', { content: text('32014R0269.csv') }).entries).toHaveLength(2802)
    expect(parseListFile('eu-annex-csv', { content: text('32019R0796.csv') }).entries).toHaveLength(38)
  })
})

describe('a broken list file', () => {
  const rejects = (run: () => unknown) => {
    try {
      run()
    } catch (error) {
      expect(isAppError(error, 'validation')).toBe(true)
      return
    }
    throw new Error('expected the file to be rejected')
  }

  it('is rejected whole when the XML is cut off', () => {
    const content = readFileSync(
      new URL('../../../test/fixtures/screening/broken.xml', import.meta.url),
      'utf8',
    )
    rejects(() => parseListFile('un-xml', { content }))
  })

  it('is rejected when the columns of the format are missing', () => {
    rejects(() => parseListFile('csl', { content: 'name,country,aliases\nHIT,China,\n' }))
    rejects(() => parseListFile('ca-nro', { content: 'foo,bar\n1,2\n' }))
  })

  it('is rejected when a JSON line is broken or the file holds no entries', () => {
    rejects(() =>
      parseListFile('ftm', {
        content: '{"id":"x","schema":"Person","properties":{"name":["A"]}}\n{broken\n',
      }),
    )
    rejects(() => parseListFile('misp-galaxy', { content: '{"values": []}' }))
    rejects(() => parseListFile('ofac-sdn', { content: 'not,an,sdn,file\n' }))
  })
})

describe('the XML parser', () => {
  it('reads elements, attributes, entities and CDATA and refuses mismatched tags', () => {
    const document = parseXml(
      '<?xml version="1.0"?><a x="1"><b>A &amp; B</b><c><![CDATA[<raw>]]></c><d/></a>',
    )
    const root = document.children[0]
    expect(root?.attributes.x).toBe('1')
    expect(root?.children.map((child) => child.text)).toEqual(['A & B', '<raw>', ''])
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/)
  })
})
