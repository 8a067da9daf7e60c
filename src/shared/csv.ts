/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of strings. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  // A byte-order mark at the start is not part of the first field.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  for (let index = 0; index < input.length; index++) {
    const char = input[index]
    if (quoted) {
      if (char === '"') {
        if (input[index + 1] === '"') {
          field += '"'
          index++
        } else {
          quoted = false
        }
      } else {
        field += char
      }
    } else if (char === '"' && field === '') {
      quoted = true
    } else if (char === delimiter) {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[index + 1] === '\n') index++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else {
      field += char
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Parses CSV with a header row into records keyed by the header names. */
export function parseCsvRecords(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter)
  if (!header) return []
  return rows
    .filter((row) => row.some((cell) => cell.trim() !== ''))
    .map((row) => Object.fromEntries(header.map((name, index) => [name.trim(), row[index] ?? ''])))
}

/** Quotes one value for CSV output when needed (it holds a quote, a line break or the separator). */
export function csvCell(value: string | number | null | undefined, separator = ','): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Characters that make a spreadsheet read a cell as a formula (and tab/return, which can too). */
const formulaStart = /^[=+\-@\t\r]/

/** Prefixes a text that a spreadsheet would take for a formula with an apostrophe. */
export function guardFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text
}

/**
 * CSV for spreadsheet programs: UTF-8 with a byte-order mark (so Excel reads umlauts), CRLF line
 * ends, quoted where needed, and no text a spreadsheet would run as a formula. Numbers stay as they are.
 */
export function spreadsheetCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const guarded = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? guardFormula(cell) : cell)))
  return `\uFEFF${toCsv(guarded)}`
}

/** Renders rows as CSV with CRLF line ends (what spreadsheet programs expect). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `${rows.map((row) => row.map((cell) => csvCell(cell)).join(',')).join('\r\n')}\r\n`
}
