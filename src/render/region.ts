import { createHash } from 'node:crypto'
import type { SessionReport } from '../select/report.js'
import type { SessionList } from '../select/session-list.js'

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
  units(): Iterable<U | Part<U>>
}

/**
 * One session's units of a file, whose bytes depend on nothing but `key`: the session's digest
 * (of its redacted content whole) and what the renderer says of its place (first in a list, its
 * label). A writer that kept the part's checked text under that key in an earlier run writes it
 * again without calling `units`, which is what reads the session (src/pipeline/render-parts.ts).
 */
export interface Part<U> {
  type: 'part'
  key: string
  units(): Iterable<U>
  /** Told, once the part is written, whether it wrote anything: a later part's lead may depend on it. */
  seen?(written: boolean): void
}

export function isRegion<U>(part: U | Region<U> | Part<U>): part is Region<U> {
  return typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'region'
}

export function isPart<U>(part: U | Part<U>): part is Part<U> {
  return typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'part'
}

/** The units of `parts` with each region's and each session part's units in its place. */
export function* flatUnits<U>(parts: Iterable<U | Region<U> | Part<U>>): Generator<U> {
  for (const p of parts) {
    if (isRegion(p)) {
      for (const u of p.units()) {
        if (isPart(u)) yield* partUnits(u)
        else yield u
      }
    } else if (isPart(p)) yield* partUnits(p)
    else yield p
  }
}

function* partUnits<U>(p: Part<U>): Generator<U> {
  let written = false
  for (const u of p.units()) {
    written = true
    yield u
  }
  p.seen?.(written)
}

/**
 * A kind of session part: its name and the source of the functions that render it, so a part kept
 * by other rendering code never matches. Made once per renderer, when its module loads.
 */
export function partKind(name: string, ...renderers: ((...args: never[]) => unknown)[]): string {
  return `${name}:${createHash('sha256').update(renderers.map(String).join('\0')).digest('base64')}`
}

/**
 * Each session of `list` rendered by `render`, in order: as a part per session when the list
 * tells each session's digest and reads one alone (a spilled report's), keyed by `kind`, the
 * digest and `place` (what else of the session's position its bytes depend on); else the units
 * themselves, the list read once in order.
 */
export function* sessionParts<U>(
  list: SessionList,
  kind: string,
  render: (s: SessionReport, index: number) => Iterable<U>,
  place: (index: number) => string = () => ''
): Generator<U | Part<U>> {
  const digests = list.digests
  const at = list.readAt?.bind(list)
  if (!digests || !at || digests.length !== list.length) {
    let i = 0
    for (const s of list) yield* render(s, i++)
    return
  }
  for (let i = 0; i < list.length; i++) {
    const index = i
    yield { type: 'part', key: `${kind}\0${place(index)}\0${digests[index]}`, units: () => render(at(index), index) }
  }
}
