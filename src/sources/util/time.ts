/**
 * Logs write times as ISO strings (sometimes without a zone), epoch seconds or epoch milliseconds.
 * Stored times are UTC ISO-8601 with milliseconds so they sort and compare as text.
 */
export function toUtcIso(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    // Epoch seconds until the year 5138; anything larger is milliseconds.
    const ms = v < 1e11 ? v * 1000 : v
    const d = new Date(ms)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  if (typeof v !== 'string' || v.length < 10 || v.length > 40) return null
  if (/^\d+(\.\d+)?$/.test(v)) return toUtcIso(Number(v))
  // A date-time without a zone designator is taken as UTC, the convention of every agent we read.
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(v)
  const d = new Date(hasZone || v.length === 10 ? v : `${v}Z`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** A time in epoch milliseconds as ISO-8601, or null when it is outside the range of dates. */
export function isoOrNull(ms: number): string | null {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}
