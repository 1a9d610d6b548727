import { createHash, hash } from 'node:crypto'
import { lateMemoFingerprint } from '../redact/late/memo.js'
import type { EngineOptions } from '../redact/types.js'
import { RenderPartsStore, type ReadPart, type StoredPart } from '../store/render-parts.js'

/**
 * Bump when a part's bytes change without the package version or the source of the functions
 * that render it changing (a helper they call): every part kept before then misses.
 */
export const RENDER_PARTS_VERSION = 1

/**
 * A part longer than this is not kept, and its session is rendered each run: keeping it means
 * holding its text whole, then as bytes and compressed, where the file takes it a unit at a time;
 * a few of the longest sessions' parts lifted a cold full-mode job's peak over its target.
 */
export const PART_MAX_CHARS = 1 << 20

/**
 * Each session's rendered and last-checked part of a report file kept from earlier runs
 * (src/render/region.ts `Part`), so a job after a small change renders and checks only the
 * sessions whose redacted content changed, and does not read the others back from the spill.
 * A part is keyed by a hash of the file it is in (name, syntax), the renderer's key (the kind of
 * part and the source of its renderer, the session's place where its bytes depend on it, the
 * digest of the session's redacted content), and everything the last check depends on (the late
 * memo's fingerprint: package version, config, detectors, the values published as written) and
 * the package version. The redacted content already holds its numbered tags as written: a
 * session whose tags' numbers moved has another digest, and misses.
 */
/** Parts met and made in this thread since the counts were last reset: for the tests and the bench. */
export const partCounts = { hits: 0, misses: 0 }

export class RenderParts {
  constructor(
    private readonly fingerprint: string,
    private readonly store: RenderPartsStore
  ) {}

  private hash(file: string, format: string, key: string): string {
    // One call, no Hash object: the same digest as createHash's, read for every part of a report.
    return hash('sha256', `${this.fingerprint}\0${file}\0${format}\0${key}`, 'base64')
  }

  read(file: string, format: string, key: string): ReadPart | undefined {
    const part = this.store.read(this.hash(file, format, key))
    if (part) partCounts.hits++
    else partCounts.misses++
    return part
  }

  write(file: string, format: string, key: string, part: StoredPart): void {
    this.store.write(this.hash(file, format, key), part)
  }

  /** Commits what this run made; a failure only costs the next run its hits. */
  save(): void {
    this.store.save()
  }

  close(): void {
    this.store.close()
  }
}

const attached = new WeakMap<EngineOptions, RenderParts>()

/** The parts kept with the last check's options `opts`, if a job attached them. */
export function renderPartsOf(opts: EngineOptions): RenderParts | undefined {
  return attached.get(opts)
}

/**
 * Attaches the store's parts to a job's last-check options (made by `lateCheckOptions`); the
 * caller saves them once the files are written. Null when the options were made otherwise or the
 * store has no table for them, or AI_LOG_TRAIL_RENDER_PARTS=0.
 */
export function openRenderParts(database: string, opts: EngineOptions, version: string, env: NodeJS.ProcessEnv = process.env): RenderParts | null {
  // Off for measuring the rendering it saves, as AI_LOG_TRAIL_JOB_MEMO=0 is for the memo.
  if (env.AI_LOG_TRAIL_RENDER_PARTS === '0') return null
  const late = lateMemoFingerprint(opts)
  if (late === undefined) return null
  const store = RenderPartsStore.open(database)
  if (!store) return null
  const parts = new RenderParts(createHash('sha256').update(`${late}\0${version}\0${RENDER_PARTS_VERSION}`).digest('base64'), store)
  attached.set(opts, parts)
  return parts
}
