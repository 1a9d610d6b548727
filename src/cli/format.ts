/** Plain-text tables for the terminal. Reports use the Markdown renderer; this is only for listings. */
export function textTable(headers: string[], rows: (string | number)[][], rightAlign: Set<number> = new Set()): string {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) =>
    r
      .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n') + '\n'
}

export function formatInt(n: number): string {
  return n.toLocaleString('en-US')
}
