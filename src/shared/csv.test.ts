import { describe, expect, it } from 'vitest'
import { csvCell, guardFormula, parseCsv, spreadsheetCsv, toCsv } from './csv.js'

describe('CSV', () => {
  it('quotes a value holding a quote, a line break or the separator, and only then', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('a; b')).toBe('a; b')
    expect(csvCell('a; b', ';')).toBe('"a; b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(2.5)).toBe('2.5')
  })

  it('keeps spreadsheets from running a text as a formula, but leaves numbers alone', () => {
    for (const text of ['=1+1', '+49 30', '-cmd', '@SUM(A1)', '\tx', '\rx'])
      expect(guardFormula(text)).toBe(`'${text}`)
    expect(guardFormula('Tsinghua')).toBe('Tsinghua')
    const csv = spreadsheetCsv([
      ['Name', 'Count'],
      ['=HYPERLINK("http://evil")', -3],
    ])
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv).toBe('\uFEFFName,Count\r\n"\'=HYPERLINK(""http://evil"")",-3\r\n')
  })

  it('reads back what it writes', () => {
    const rows = [
      ['a', 'b, c', 'd "e"'],
      ['1', '', 'zwei\nZeilen'],
    ]
    expect(parseCsv(toCsv(rows))).toEqual(rows)
  })
})
