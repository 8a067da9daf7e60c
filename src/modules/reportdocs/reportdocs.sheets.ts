import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { csvCell, guardFormula } from '../../shared/csv.js'
import type { RegisterFieldType } from './reportdocs.schema.js'

/**
 * Spreadsheet output for the register: CSV and a minimal SpreadsheetML (XLSX) package, both
 * written page by page so that memory stays bounded however long the register is. The XLSX is
 * written by hand with fflate (no spreadsheet library at run time): one worksheet with inline
 * strings, a bold and frozen header row, column widths, a date format and an autofilter.
 */

/** A cell value: text, a number, a calendar day (`{ day: 'YYYY-MM-DD' }`) or empty. */
export type SheetCell = string | number | { day: string } | null

/** One column of the sheet. */
export interface SheetColumn {
  header: string
  type: RegisterFieldType
  /** Width in characters. */
  width: number
}

/** Rows arrive in pages (arrays of rows). */
export type RowPages = AsyncIterable<SheetCell[][]>

/** The longest text a spreadsheet cell holds (Excel's limit). */
export const maxCellLength = 32_767

function isSuspect(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0xfffe ||
    code === 0xffff
  )
}

/** Drops what XML 1.0 cannot carry: control characters (except tab, line feed, return) and lone surrogates. */
export function withoutInvalidXml(text: string): string {
  let index = 0
  // Fast path: almost every text is clean, and is returned as it is.
  while (index < text.length && !isSuspect(text.charCodeAt(index))) index++
  if (index === text.length) return text
  let clean = text.slice(0, index)
  for (const char of text.slice(index)) {
    const code = char.codePointAt(0) ?? 0
    // A whole surrogate pair arrives as one character (code > 0xffff) and is kept.
    if (code > 0xffff || !isSuspect(code)) clean += char
  }
  return clean
}

function xmlText(value: string): string {
  return withoutInvalidXml(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** The column letters of a zero-based index (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let name = ''
  let rest = index + 1
  while (rest > 0) {
    const digit = (rest - 1) % 26
    name = String.fromCharCode(65 + digit) + name
    rest = Math.floor((rest - 1) / 26)
  }
  return name
}

/** The Excel serial number of a calendar day (days since 1899-12-30). */
export function excelSerial(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(time) ? null : time / 86_400_000 + 25_569
}

function truncate(text: string): string {
  return text.length > maxCellLength ? `${text.slice(0, maxCellLength - 1)}…` : text
}

const mainNamespace = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const relationshipNamespace = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

const contentTypes =
  `${header}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>'

const rootRelationships =
  `${header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${relationshipNamespace}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>'

const workbookRelationships =
  `${header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${relationshipNamespace}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${relationshipNamespace}/styles" Target="styles.xml"/>` +
  '</Relationships>'

// Cell styles: 0 normal, 1 bold (header), 2 date, 3 wrapped text for long values.
function styles(dateFormat: string): string {
  return (
    `${header}<styleSheet xmlns="${mainNamespace}">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${xmlText(dateFormat)}"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="3">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  )
}

function workbook(sheetName: string, lastColumn: string, rowCount: number): string {
  const name = xmlText(sheetName)
  return (
    `${header}<workbook xmlns="${mainNamespace}" xmlns:r="${relationshipNamespace}">` +
    `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>` +
    '<definedNames>' +
    `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${name.replaceAll("'", "''")}'!$A$1:$${lastColumn}$${rowCount}</definedName>` +
    '</definedNames></workbook>'
  )
}

function inlineString(reference: string, text: string, style: number): string {
  const styleAttribute = style ? ` s="${style}"` : ''
  return `<c r="${reference}" t="inlineStr"${styleAttribute}><is><t xml:space="preserve">${xmlText(truncate(text))}</t></is></c>`
}

function cellXml(reference: string, cell: SheetCell): string {
  if (cell === null || cell === '') return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${reference}"><v>${cell}</v></c>` : ''
  if (typeof cell === 'string') return inlineString(reference, cell, 0)
  const serial = excelSerial(cell.day)
  return serial === null
    ? inlineString(reference, cell.day, 0)
    : `<c r="${reference}" s="2"><v>${serial}</v></c>`
}

const columnNames = Array.from({ length: 64 }, (_, index) => columnName(index))

function rowXml(rowNumber: number, cells: readonly SheetCell[], headerRow: boolean): string {
  const content = cells
    .map((cell, index) => {
      const reference = `${columnNames[index] ?? columnName(index)}${rowNumber}`
      return headerRow ? inlineString(reference, String(cell ?? ''), 1) : cellXml(reference, cell)
    })
    .join('')
  return `<row r="${rowNumber}">${content}</row>`
}

/** Turns an async producer of chunks into a web stream that asks for more only when read. */
export function toReadableStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

/**
 * Writes the XLSX package. Sheet rows are compressed as they come, so only one page of rows and
 * the compressor's window are held at a time.
 */
export async function* xlsxChunks(
  columns: readonly SheetColumn[],
  pages: RowPages,
  options: { sheetName: string; dateFormat: string },
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, data) => {
    if (error) failure = error
    else ready.push(data)
  })
  const drain = function* () {
    if (failure) throw failure
    while (ready.length > 0) {
      const chunk = ready.shift()
      if (chunk && chunk.length > 0) yield chunk
    }
  }
  const small = (path: string, text: string) => {
    const file = new ZipPassThrough(path)
    zip.add(file)
    file.push(strToU8(text), true)
  }
  small('[Content_Types].xml', contentTypes)
  small('_rels/.rels', rootRelationships)
  small('xl/_rels/workbook.xml.rels', workbookRelationships)
  small('xl/styles.xml', styles(options.dateFormat))
  yield* drain()

  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 })
  zip.add(sheet)
  const lastColumn = columnName(Math.max(0, columns.length - 1))
  const widths = columns
    .map(
      (column, index) =>
        `<col min="${index + 1}" max="${index + 1}" width="${Math.max(column.width, column.header.length + 2)}" customWidth="1"/>`,
    )
    .join('')
  sheet.push(
    strToU8(
      `${header}<worksheet xmlns="${mainNamespace}" xmlns:r="${relationshipNamespace}">` +
        '<sheetViews><sheetView workbookViewId="0">' +
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
        '</sheetView></sheetViews>' +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        `<cols>${widths}</cols><sheetData>` +
        rowXml(
          1,
          columns.map((column) => column.header),
          true,
        ),
    ),
  )
  let rowNumber = 1
  for await (const page of pages) {
    const xml = page.map((cells) => rowXml(++rowNumber, cells, false)).join('')
    sheet.push(strToU8(xml))
    yield* drain()
  }
  sheet.push(strToU8(`</sheetData><autoFilter ref="A1:${lastColumn}${rowNumber}"/></worksheet>`), true)
  yield* drain()
  small('xl/workbook.xml', workbook(options.sheetName, lastColumn, rowNumber))
  zip.end()
  yield* drain()
}

function csvField(cell: SheetCell, separator: string): string {
  let text: string
  if (cell === null) text = ''
  else if (typeof cell === 'number') text = separator === ';' ? String(cell).replace('.', ',') : String(cell)
  else if (typeof cell === 'string') text = guardFormula(withoutInvalidXml(cell))
  else text = cell.day
  return csvCell(text, separator)
}

/** Writes CSV: UTF-8 with a byte-order mark (so Excel reads umlauts), CRLF line ends, RFC 4180 quoting. */
export async function* csvChunks(
  columns: readonly SheetColumn[],
  pages: RowPages,
  options: { separator: ',' | ';' },
): AsyncGenerator<Uint8Array> {
  const line = (cells: readonly SheetCell[]) =>
    `${cells.map((cell) => csvField(cell, options.separator)).join(options.separator)}\r\n`
  yield strToU8(`\uFEFF${line(columns.map((column) => column.header))}`)
  for await (const page of pages) {
    if (page.length > 0) yield strToU8(page.map(line).join(''))
  }
}
