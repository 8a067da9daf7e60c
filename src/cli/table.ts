/** Formats rows as a plain-text table with aligned columns and a header line. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return `${[line(header), ...rows.map(line)].join('\n')}\n`
}

/** Formats table row counts as an indented two-column list. */
export function formatCounts(counts: Record<string, number>): string {
  const width = Math.max(0, ...Object.keys(counts).map((name) => name.length))
  return Object.entries(counts)
    .map(([name, count]) => `  ${name.padEnd(width)}  ${String(count).padStart(7)}\n`)
    .join('')
}
