/*
 * A log that records only a wall-clock time with no zone (Aider's run headers) is stored as
 * such: `2026-05-01T10:12:03`, no `Z`, never converted as if it were UTC. Every other time in
 * the store is a UTC instant (`…Z`). Readers tell the two apart with `isLocalTime`.
 */

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/

/** Whether a stored time is a zone-less wall-clock time. */
export function isLocalTime(ts: string): boolean {
  return LOCAL.test(ts)
}

/** A date and a time as a stored zone-less local time, or null when they are not a valid one. */
export function localTime(date: string, time: string): string | null {
  const ts = `${date}T${time}`
  if (!LOCAL.test(ts) || Number.isNaN(Date.parse(`${ts}Z`))) return null
  return ts
}

/** `{ date: '2026-05-01', time: '10:12' }` of a zone-less local time, or null for any other value. */
export function localWallClock(ts: string): { date: string; time: string } | null {
  const m = LOCAL.exec(ts)
  return m ? { date: m[1], time: m[2] } : null
}
