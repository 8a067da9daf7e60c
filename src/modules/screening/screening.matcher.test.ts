import { describe, expect, it } from 'vitest'
import { labelledPairs } from '../../../test/fixtures/screening/labelled.js'
import { ScreeningIndex } from './screening.index.js'
import { compareNames } from './screening.matcher.js'
import { foldLatin } from './screening.normalize.js'

describe('the name matcher', () => {
  it('reaches F1 ≥ 0.95 on the Chinese labelled pairs without any list knowledge', () => {
    const pairs = labelledPairs().filter((pair) => pair.isChinese)
    let tp = 0
    let fp = 0
    let fn = 0
    for (const pair of pairs) {
      const flagged = compareNames(pair.name1, pair.name2, { isPerson: pair.isPerson }).verdict !== 'no-match'
      if (pair.isSame && flagged) tp++
      if (!pair.isSame && flagged) fp++
      if (pair.isSame && !flagged) fn++
    }
    const precision = tp / (tp + fp)
    const recall = tp / (tp + fn)
    expect(pairs.length).toBeGreaterThanOrEqual(150)
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.95)
  })

  it('keeps every hand-written hard negative below "match"', () => {
    for (const pair of labelledPairs().filter(
      (item) => !item.isSame && item.what.startsWith('hard negative'),
    )) {
      expect(compareNames(pair.name1, pair.name2).verdict, `${pair.name1} | ${pair.name2}`).not.toBe('match')
    }
  })

  it('matches characters, pinyin with and without tones, and old romanisations', () => {
    expect(compareNames('Tsinghua University', '清华大学').verdict).toBe('match')
    expect(compareNames('běijīngdàxué', '北京大学').verdict).toBe('match')
    expect(compareNames('bei jing da xue', 'Peking University').verdict).toBe('no-match')
    expect(compareNames('Peking University', '北京大学').explanation).toMatch(/old romanisation/)
  })

  it('ignores legal forms, case, punctuation and word order', () => {
    const result = compareNames('HUAWEI TECHNOLOGIES CO., LTD.', 'Technologies Huawei Co Ltd')
    expect(result.score).toBe(1)
  })

  it('fails closed on short words: no typo tolerance below five letters', () => {
    expect(compareNames('HIP', 'HIT').verdict).toBe('no-match')
    expect(compareNames('Harbin Insitute of Technolgy', 'Harbin Institute of Technology').verdict).toBe(
      'match',
    )
  })

  it('treats a department of a listed body as the body and says so', () => {
    const result = compareNames(
      'School of Astronautics, Harbin Institute of Technology',
      'Harbin Institute of Technology',
    )
    expect(result.verdict).toBe('match')
    expect(result.explanation).toMatch(/unit of the named body/)
  })

  it('gives an acronym at most "review"', () => {
    expect(compareNames('NUDT', 'National University of Defense Technology').verdict).toBe('review')
  })

  it('forgives one swapped pair of letters in an acronym of four letters, never a changed letter', () => {
    expect(compareNames('NDUT', 'National University of Defense Technology').verdict).toBe('review')
    expect(compareNames('NDUT', 'NUDT').verdict).toBe('review')
    expect(compareNames('NUDX', 'NUDT').verdict).toBe('no-match')
    expect(compareNames('IHT', 'HIT').verdict).toBe('no-match')
  })

  it('ignores a number only one name carries, and tells two different numbers apart', () => {
    expect(compareNames('KORYO BANK No. 621', 'Koryo Bank').verdict).toBe('match')
    expect(compareNames('Koryo Bank', 'KORYO BANK Nr. 5').verdict).toBe('match')
    expect(compareNames('CETC 14th Research Institute', 'CETC 38th Research Institute').verdict).toBe(
      'no-match',
    )
    expect(compareNames('Plant No. 5', 'Plant No. 5').score).toBe(1)
  })

  it('reads "<unit> of <body>" as a unit of the body when the body has a distinctive name', () => {
    const result = compareNames(
      'Shenzhen Research Institute of Huawei Technologies',
      'Huawei Technologies Co., Ltd.',
    )
    expect(result.verdict).toBe('match')
    expect(result.explanation).toMatch(/unit of the named body/)
    expect(compareNames('Beijing Branch of Koryo Bank (KB)', 'Koryo Bank (KB)').verdict).toBe('match')
    // No distinctive word after "of": one name, not a unit of "Science and Engineering".
    expect(compareNames('Sichuan University of Science and Engineering', 'Sichuan University').verdict).toBe(
      'no-match',
    )
  })

  it('treats ü, ä, ö and ß as ue, ae, oe and ss, but keeps the pinyin ü as v', () => {
    expect(foldLatin('Müller Größe Bär')).toBe('mueller groesse baer')
    expect(foldLatin('Lǚ Nü')).toBe('lv nv')
    expect(compareNames('Müller GmbH', 'MUELLER GMBH').score).toBe(1)
    expect(compareNames('Muller GmbH', 'Müller GmbH').score).toBeLessThan(1)
  })
})

describe('the screening index', () => {
  const entry = (
    id: string,
    name: string,
    more: { aliases?: string[]; countries?: string[]; person?: boolean; list?: string } = {},
  ) => ({
    id,
    listKey: more.list ?? 'test',
    listName: more.list ?? 'Test list',
    listKind: 'export_control' as const,
    entityKey: id,
    entryHash: id,
    entityType: more.person ? ('person' as const) : ('organisation' as const),
    name,
    aliases: more.aliases ?? [],
    formerNames: [],
    countries: more.countries ?? [],
  })
  const index = ScreeningIndex.build([
    entry('1', 'Harbin Institute of Technology', { countries: ['CN'], list: 'a' }),
    entry('2', 'Harbin Institute of Technology', { aliases: ['哈尔滨工业大学', 'HIT'], list: 'b' }),
    entry('3', 'ZHANG Shilong', { person: true }),
  ])

  it('bridges a name in characters on one list to the English name on another', () => {
    const hits = index.search('哈尔滨工业大学')
    expect(hits.map((hit) => hit.entry.id).sort()).toEqual(['1', '2'])
    expect(hits.find((hit) => hit.entry.id === '1')?.comparison.explanation).toMatch(/alias of the same body/)
  })

  it('uses the country of an organisation as a soft qualifier only', () => {
    const same = index.search('Harbin Institute of Technology', { country: 'CN' })[0]
    const other = index
      .search('Harbin Institute of Technology', { country: 'DE' })
      .find((hit) => hit.entry.id === '1')
    expect(same?.comparison.explanation).toMatch(/agrees/)
    expect(other?.comparison.score).toBeLessThan(1)
  })

  it('screens a person only against sanctions lists, never by country', () => {
    expect(index.search('Zhang Shilong', { isPerson: true, country: 'CN' })).toEqual([])
    expect(index.search('Zhang Shilong')).toEqual([])
  })

  it('finds a name with a typo through the typo-tolerant word index', () => {
    expect(index.search('Harbin Instltute of Technolgoy').length).toBeGreaterThan(0)
  })

  it('finds the body behind a branch, a number and a place, with a typo in the name', () => {
    const hits = index.search('Shenzhen Branch of Harbin Insitute of Technology No. 12 (Hong Kong)')
    expect(hits.map((hit) => hit.entry.id).sort()).toEqual(['1', '2'])
  })

  it('finds an acronym with two letters swapped, at most for review', () => {
    const hits = index.search('HTI')
    expect(hits).toEqual([])
    const bigger = ScreeningIndex.build([
      entry('4', 'National University of Defense Technology', { aliases: ['NUDT'] }),
    ])
    expect(bigger.search('NDUT').map((hit) => [hit.entry.id, hit.comparison.verdict])).toEqual([
      ['4', 'review'],
    ])
  })
})
