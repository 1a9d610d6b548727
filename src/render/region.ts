/**
 * A run of a rendered text's units that reads nothing of the report's last check
 * (`redactions.late`): every session's part of a file. A job renders its files again once the
 * last check found something, to tell it in them (src/pipeline/job.ts); a writer given the
 * region's bytes from the first rendering copies them instead of rendering the region again, so
 * the sessions are not read back a second time (src/pipeline/file-out.ts). `key` names the
 * region within its file.
 */
export interface Region<U> {
  type: 'region'
  key: string
  units(): Iterable<U>
}

export function isRegion<U>(part: U | Region<U>): part is Region<U> {
  return typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'region'
}

/** The units of `parts` with each region's units in its place. */
export function* flatUnits<U>(parts: Iterable<U | Region<U>>): Generator<U> {
  for (const p of parts) {
    if (isRegion(p)) yield* p.units()
    else yield p
  }
}
