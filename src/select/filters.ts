import type { Filters } from './report.js'

export interface FilterInput {
  since?: string
  until?: string
  timezone?: string
  repo?: string
  sessions?: string[]
  agents?: string[]
  models?: string[]
  branches?: string[]
  /** Review tags: sessions carrying any of them. */
  tags?: string[]
}

export class FilterError extends Error {}

export function isValidTimeZone(tz: string): boolean {
  // The default zone needs no look-up: the first Intl formatter loads the ICU time zone data, a
  // large share of a run's start that renders in UTC (docs/performance.md, cold start).
  if (tz === 'UTC') return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

// A formatter holds ICU data outside the JavaScript heap, which the collector does not count: one
// per call (two per zone-less session time) made a report's native memory and time grow with its
// sessions (docs/performance.md, "Memory after the ingest"). One per zone, made when first needed.
const offsetFormats = new Map<string, Intl.DateTimeFormat>()

function offsetFormat(tz: string): Intl.DateTimeFormat {
  let f = offsetFormats.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    offsetFormats.set(tz, f)
  }
  return f
}

/** Offset of `tz` from UTC, in minutes, at the instant `utcMs`. */
function offsetMinutes(tz: string, utcMs: number): number {
  const parts = offsetFormat(tz).formatToParts(new Date(utcMs))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - utcMs) / 60000)
}

/**
 * A `--since`/`--until` value as a UTC instant. A date (`2026-03-01`) or a date-time without a
 * zone is wall-clock time in `tz`; `until` with a bare date means the end of that day.
 */
export function toInstant(value: string, tz: string, endOfDay: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim())
  if (!m) throw new FilterError(`not a date or date-time: ${value} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])`)
  if (m[7]) {
    const d = new Date(value.trim().replace(' ', 'T'))
    if (Number.isNaN(d.getTime())) throw new FilterError(`not a valid date-time: ${value}`)
    return d.toISOString()
  }
  const dateOnly = m[4] === undefined
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    dateOnly ? 0 : Number(m[4]),
    dateOnly ? 0 : Number(m[5]),
    dateOnly ? 0 : Number(m[6] ?? 0)
  )
  const base = dateOnly && endOfDay ? wall + 86_400_000 - 1 : wall
  // Two passes settle the offset across a daylight-saving change.
  let utc = base - offsetMinutes(tz, base) * 60000
  utc = base - offsetMinutes(tz, utc) * 60000
  return new Date(utc).toISOString()
}

export function normalizeFilters(f: FilterInput): Filters {
  const timezone = f.timezone ?? 'UTC'
  if (!isValidTimeZone(timezone)) throw new FilterError(`unknown time zone: ${timezone} (use an IANA name such as Europe/Paris)`)
  return {
    since: f.since ? toInstant(f.since, timezone, false) : null,
    until: f.until ? toInstant(f.until, timezone, true) : null,
    timezone,
    repo: f.repo ?? null,
    sessions: f.sessions ?? [],
    agents: f.agents ?? [],
    models: f.models ?? [],
    branches: f.branches ?? [],
    ...(f.tags?.length ? { tags: f.tags } : {})
  }
}

/** `git@github.com:o/r.git`, `https://github.com/o/r`, `github.com/o/r` → `github.com/o/r`. */
export function normalizeRepoUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(tz: string): (iso: string) => string {
  if (tz === 'UTC') {
    let fmt: Intl.DateTimeFormat | undefined
    return (iso) => {
      const s = new Date(iso).toISOString()
      // The formatter writes years before 1000 with fewer digits, ISO writes years past 9999 with a sign: those go to it as before.
      return s.length === 24 && s[0] !== '0'
        ? s.slice(0, 10)
        : (fmt ??= new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })).format(new Date(iso))
    }
  }
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
  return (iso) => fmt.format(new Date(iso))
}
