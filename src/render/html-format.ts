import { localWallClock } from '../model/local-time.js'
import { LOCAL_TIME_NOTE } from './text.js'
/**
 * Number, cost and date formatting for the HTML report. Written by hand rather than with
 * `toLocaleString` so the page is byte-identical whatever locale or ICU build renders it.
 */

/** `446955` → `446,955`. */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : ''
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Short form for chart labels: `446955` → `447k`, `1234567` → `1.2M`. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n)
  const scaled = (v: number, unit: string) => (v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10)) + unit
  if (abs >= 1e9) return scaled(n / 1e9, 'B')
  if (abs >= 1e6) return scaled(n / 1e6, 'M')
  if (abs >= 1e3) return scaled(n / 1e3, 'k')
  return String(Math.round(n))
}

/** Costs under a dollar keep four decimals: per-session costs are often fractions of a cent. */
export function formatUsd(n: number): string {
  if (n === 0) return '$0.00'
  const abs = Math.abs(n)
  const digits = abs >= 1 ? 2 : 4
  return (n < 0 ? '-$' : '$') + formatFixed(abs, digits)
}

function formatFixed(n: number, digits: number): string {
  const [int, frac] = n.toFixed(digits).split('.')
  return formatInt(Number(int)) + (frac ? '.' + frac : '')
}

/** Short USD for chart labels. */
export function formatUsdCompact(n: number): string {
  if (n === 0) return '$0'
  if (n >= 1000) return '$' + formatCompact(n)
  return '$' + n.toFixed(n >= 0.01 ? 2 : 4)
}

// One formatter per zone: each holds ICU data outside the JavaScript heap (see select/filters.ts).
const zoneFormats = new Map<string, Intl.DateTimeFormat>()

function zoneFormat(timezone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(timezone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23'
    })
    zoneFormats.set(timezone, f)
  }
  return f
}

/**
 * An ISO timestamp as `2026-03-03 10:00 UTC`, or in the report's timezone when it is not UTC.
 * Anything that does not parse is shown as it is.
 */
export function formatTime(iso: string | null, timezone: string): string {
  if (!iso) return ''
  // A zone-less local time (Aider's) is shown as its writer's clock showed it, never as UTC.
  const local = localWallClock(iso)
  if (local) return `${local.date} ${local.time} ${LOCAL_TIME_NOTE}`
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  if (timezone !== 'UTC') {
    try {
      const parts = zoneFormat(timezone).formatToParts(d)
      const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
      return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timezone}`
    } catch {
      // An unknown zone name falls through to UTC rather than failing the whole report.
    }
  }
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
}

/** `332000` ms → `5 min 32 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return ''
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  const h = Math.floor(m / 60)
  return `${h} h ${m % 60} min`
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`
}
