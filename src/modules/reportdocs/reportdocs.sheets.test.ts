import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { guardFormula, parseCsv } from '../../shared/csv.js'
import {
  columnName,
  csvChunks,
  excelSerial,
  maxCellLength,
  type SheetCell,
  type SheetColumn,
  xlsxChunks,
} from './reportdocs.sheets.js'

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<{ bytes: Buffer; count: number }> {
  const parts: Uint8Array[] = []
  for await (const chunk of chunks) parts.push(chunk)
  return { bytes: Buffer.concat(parts), count: parts.length }
}

async function* inPages(rows: SheetCell[][], size: number): AsyncGenerator<SheetCell[][]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size)
}

async function readWorkbook(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook()
  // exceljs types its load() argument as its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('no worksheet')
  return { workbook, sheet }
}

const columns: SheetColumn[] = [
  { header: 'Aktenzeichen', type: 'text', width: 14 },
  { header: 'Titel', type: 'text', width: 40 },
  { header: 'TRL', type: 'number', width: 6 },
  { header: 'Eingereicht am', type: 'date', width: 12 },
  { header: 'Budget (EUR)', type: 'number', width: 12 },
]
const longText = `Lange Beschreibung – ${'Größenordnung & <Messung> "zitiert" '.repeat(400)}`
const rows: SheetCell[][] = [
  ['FZH-2026-001', 'Grüne Wärmepumpen für Bürogebäude', 4, { day: '2026-03-14' }, 1_250_000.5],
  ['FZH-2026-002', '清华大学 – Zusammenarbeit in der Materialforschung', 7, { day: '2025-12-31' }, null],
  ['FZH-2026-003', longText, null, null, 0],
  ['FZH-2026-004', '=HYPERLINK("http://evil.example")', 1, { day: '2000-02-29' }, -12.25],
  ['FZH-2026-005', 'Zeile\nmit Umbruch; Semikolon, Komma', 9, { day: '1999-01-01' }, 3],
]

describe('the XLSX writer', () => {
  it('writes a package that reads back cell by cell (umlauts, Chinese, long text, numbers, dates)', async () => {
    const { bytes } = await collect(
      xlsxChunks(columns, inPages(rows, 2), { sheetName: 'Register', dateFormat: 'dd.mm.yyyy' }),
    )
    const { sheet } = await readWorkbook(bytes)
    expect(sheet.name).toBe('Register')
    expect(sheet.rowCount).toBe(rows.length + 1)
    columns.forEach((column, index) => {
      const cell = sheet.getRow(1).getCell(index + 1)
      expect(cell.value).toBe(column.header)
      expect(cell.font?.bold).toBe(true)
    })
    rows.forEach((row, rowIndex) => {
      row.forEach((expected, columnIndex) => {
        const cell = sheet.getRow(rowIndex + 2).getCell(columnIndex + 1)
        if (expected === null) expect(cell.value, `${rowIndex}/${columnIndex}`).toBeNull()
        else if (typeof expected === 'object') {
          expect(cell.value).toBeInstanceOf(Date)
          expect((cell.value as Date).toISOString().slice(0, 10)).toBe(expected.day)
          expect(cell.numFmt).toBe('dd.mm.yyyy')
        } else expect(cell.value, `${rowIndex}/${columnIndex}`).toBe(expected)
      })
    })
  })

  it('freezes the header row, sets column widths and an autofilter over all rows', async () => {
    const { bytes } = await collect(
      xlsxChunks(columns, inPages(rows, 10), { sheetName: 'Register', dateFormat: 'yyyy-mm-dd' }),
    )
    const { sheet } = await readWorkbook(bytes)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getColumn(2).width).toBe(40)
    expect(sheet.autoFilter).toBe(`A1:E${rows.length + 1}`)
  })

  it('cuts text at the spreadsheet cell limit and drops characters XML cannot carry', async () => {
    const huge = 'x'.repeat(maxCellLength + 100)
    const { bytes } = await collect(
      xlsxChunks(columns.slice(0, 2), inPages([['A\u0001B', huge]], 1), {
        sheetName: 'S',
        dateFormat: 'yyyy-mm-dd',
      }),
    )
    const { sheet } = await readWorkbook(bytes)
    expect(sheet.getRow(2).getCell(1).value).toBe('AB')
    expect(String(sheet.getRow(2).getCell(2).value)).toHaveLength(maxCellLength)
  })

  it('streams 10,000 rows in many chunks without holding the package in memory first', async () => {
    const many: SheetCell[][] = Array.from({ length: 10_000 }, (_, index) => [
      `FZH-${index}`,
      `Kooperation Nummer ${index} mit Universität 北京`,
      (index % 9) + 1,
      { day: '2026-01-15' },
      index * 10,
    ])
    const started = performance.now()
    const { bytes, count } = await collect(
      xlsxChunks(columns, inPages(many, 500), { sheetName: 'R', dateFormat: 'yyyy-mm-dd' }),
    )
    const elapsed = performance.now() - started
    expect(count).toBeGreaterThan(5)
    // Generous: the bound guards against quadratic behaviour, not against a busy machine.
    expect(elapsed).toBeLessThan(30_000)
    const { sheet } = await readWorkbook(bytes)
    expect(sheet.rowCount).toBe(10_001)
    expect(sheet.getRow(10_001).getCell(1).value).toBe('FZH-9999')
    expect(sheet.getRow(10_001).getCell(5).value).toBe(99_990)
  })

  it('names columns like a spreadsheet and counts days like Excel', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
    expect(excelSerial('1900-03-01')).toBe(61)
    expect(excelSerial('2026-01-01')).toBe(46023)
    expect(excelSerial('not a day')).toBeNull()
  })
})

describe('the CSV writer', () => {
  it('writes UTF-8 with a byte-order mark, quotes what needs quoting and reads back', async () => {
    const { bytes } = await collect(csvChunks(columns, inPages(rows, 2), { separator: ',' }))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const parsed = parseCsv(bytes.toString('utf8'))
    expect(parsed[0]).toEqual(columns.map((column) => column.header))
    expect(parsed).toHaveLength(rows.length + 1)
    expect(parsed[1]).toEqual([
      'FZH-2026-001',
      'Grüne Wärmepumpen für Bürogebäude',
      '4',
      '2026-03-14',
      '1250000.5',
    ])
    expect(parsed[2]?.[1]).toBe('清华大学 – Zusammenarbeit in der Materialforschung')
    expect(parsed[3]?.[1]).toBe(longText)
    expect(parsed[5]?.[1]).toBe('Zeile\nmit Umbruch; Semikolon, Komma')
    expect(parsed[4]?.[4]).toBe('-12.25')
  })

  it('guards text that a spreadsheet would run as a formula', async () => {
    const { bytes } = await collect(
      csvChunks(
        columns.slice(0, 2),
        inPages(
          [
            ['=1+1', '+49 30 1234'],
            ['-2', '@SUM(A1)'],
            ['\tTab', 'ok=fine'],
          ],
          5,
        ),
        {
          separator: ';',
        },
      ),
    )
    const parsed = parseCsv(bytes.toString('utf8'), ';')
    expect(parsed.slice(1)).toEqual([
      ["'=1+1", "'+49 30 1234"],
      ["'-2", "'@SUM(A1)"],
      ["'\tTab", 'ok=fine'],
    ])
    expect(guardFormula('Normal')).toBe('Normal')
  })

  it('uses the decimal comma with the semicolon separator (German Excel)', async () => {
    const { bytes } = await collect(csvChunks(columns, inPages([rows[0] ?? []], 1), { separator: ';' }))
    const parsed = parseCsv(bytes.toString('utf8'), ';')
    expect(parsed[1]?.[4]).toBe('1250000,5')
  })
})
