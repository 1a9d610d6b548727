import { escapeHtml } from './html-escape.js'

/**
 * Inline SVG charts. The column chart keeps its natural pixel size and scrolls inside its own
 * box when there are many days, so its labels stay legible on a phone instead of shrinking with
 * a viewBox; the bar list is HTML text with SVG bars that stretch to the row.
 */

export interface Column {
  /** Axis label; two lines at most. */
  label: [string, string?]
  /** Stacked from the bottom; one entry per series. */
  values: number[]
  /** Shown on hover and read by screen readers. */
  title: string
  /** Printed above the bar; `null` prints nothing. */
  valueLabel: string | null
  /** A value that is unknown rather than zero (an unpriced cost): drawn as a marked gap. */
  missing?: boolean
}

export interface ColumnChartOptions {
  ariaLabel: string
  formatTick: (n: number) => string
  /** CSS class per series; the default palette's first entry is the lightest. */
  classes?: string[]
}

const PLOT_H = 140
const TOP = 18
const LEFT = 44
const BOTTOM = 34
const RIGHT = 8

const r1 = (x: number) => String(Math.round(x * 10) / 10)

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above `n`, so axis ticks read as round numbers. */
export function niceMax(n: number): number {
  if (!(n > 0)) return 1
  const pow = 10 ** Math.floor(Math.log10(n))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * pow >= n) return step * pow
  return 10 * pow
}

function slotWidth(n: number): number {
  if (n <= 16) return 44
  if (n <= 40) return 22
  return 12
}

export function columnChart(cols: Column[], opts: ColumnChartOptions): string {
  const n = cols.length
  const classes = opts.classes ?? ['s0', 's1', 's2']
  const slot = slotWidth(n)
  const bar = Math.max(4, Math.round(slot * 0.64))
  const width = LEFT + n * slot + RIGHT
  const height = TOP + PLOT_H + BOTTOM
  const max = niceMax(Math.max(0, ...cols.map((c) => c.values.reduce((a, b) => a + b, 0))))
  const y = (v: number) => TOP + PLOT_H - (v / max) * PLOT_H
  // Only every few labels fit when slots are narrow; the rest stay in each bar's tooltip.
  const labelEvery = Math.ceil(40 / slot)
  const out: string[] = []
  out.push(`<svg class="chart" role="img" aria-label="${escapeHtml(opts.ariaLabel)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`)
  for (const t of [0, max / 2, max]) {
    const ty = r1(y(t))
    out.push(`<line class="grid" x1="${LEFT}" x2="${width - RIGHT}" y1="${ty}" y2="${ty}"/>`)
    out.push(`<text class="tick" x="${LEFT - 4}" y="${r1(y(t) + 3)}" text-anchor="end">${escapeHtml(opts.formatTick(t))}</text>`)
  }
  cols.forEach((c, i) => {
    const x = LEFT + i * slot + (slot - bar) / 2
    const cx = r1(x + bar / 2)
    out.push(`<g><title>${escapeHtml(c.title)}</title>`)
    out.push(`<rect class="hit" x="${r1(LEFT + i * slot)}" y="${TOP}" width="${slot}" height="${PLOT_H}"/>`)
    let base = 0
    c.values.forEach((v, s) => {
      if (v <= 0) return
      const top = y(base + v)
      const h = y(base) - top
      out.push(`<rect class="${classes[s] ?? 's0'}" x="${r1(x)}" y="${r1(top)}" width="${bar}" height="${r1(Math.max(h, 0.5))}"/>`)
      base += v
    })
    // Narrow slots have no room for the word, so an unknown value gets a muted tick instead.
    if (c.missing && slot >= 22) out.push(`<text class="na" x="${cx}" y="${r1(TOP + PLOT_H - 4)}" text-anchor="middle">n/a</text>`)
    else if (c.missing) out.push(`<rect class="na-mark" x="${r1(x)}" y="${TOP + PLOT_H - 3}" width="${bar}" height="3"/>`)
    else if (c.valueLabel !== null && slot >= 44)
      out.push(`<text class="val" x="${cx}" y="${r1(y(base) - 4)}" text-anchor="middle">${escapeHtml(c.valueLabel)}</text>`)
    if (i % labelEvery === 0) {
      const [l1, l2] = c.label
      out.push(`<text class="lab" x="${cx}" y="${TOP + PLOT_H + 13}" text-anchor="middle">${escapeHtml(l1)}</text>`)
      if (l2) out.push(`<text class="lab" x="${cx}" y="${TOP + PLOT_H + 25}" text-anchor="middle">${escapeHtml(l2)}</text>`)
    }
    out.push('</g>')
  })
  out.push('</svg>')
  return `<div class="chart-scroll">${out.join('')}</div>`
}

export interface BarRow {
  label: string
  /** `null`: unknown (drawn without a bar, with `valueLabel` as the explanation). */
  value: number | null
  valueLabel: string
  title: string
}

/** Horizontal bars with the label and value as HTML text, so they wrap and stay readable. */
export function barList(rows: BarRow[], ariaLabel: string): string {
  const max = Math.max(0, ...rows.map((r) => r.value ?? 0))
  const items = rows.map((r) => {
    const w = r.value && max > 0 ? Math.max((r.value / max) * 1000, 2) : 0
    const svg =
      `<svg class="hbar-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">` +
      (w > 0 ? `<rect class="s0" width="${r1(w)}" height="10"/>` : '') +
      `</svg>`
    const cls = r.value === null ? ' na' : ''
    return `<li class="hbar" title="${escapeHtml(r.title)}"><span class="hbar-label">${escapeHtml(r.label)}</span>${svg}<span class="hbar-value${cls}">${escapeHtml(r.valueLabel)}</span></li>`
  })
  return `<ul class="hbars" aria-label="${escapeHtml(ariaLabel)}">${items.join('')}</ul>`
}
