import { createHash } from 'node:crypto'
import type { Config } from '../config/schema.js'
import type { LateCheckMemoStore } from '../store/late-check-memo.js'
import type { EngineOptions } from './types.js'

/**
 * Texts shorter than this are checked every run: the per-job memos already make them cheap, and
 * remembering each would fill the table with the small parts of a report.
 */
const MIN_CHARS = 512

/**
 * What the last check knows of a job's texts from earlier runs: the hashes of those it found
 * clean, each bound to the fingerprint of everything that changes what the check finds (its
 * options, the rules and config, the code). Only hashes are kept, and only of texts the check
 * left unchanged; a text it changed is checked again each run.
 */
export class LateMemo {
  readonly added = new Set<string>()
  readonly used = new Set<string>()

  constructor(
    private readonly fingerprint: string,
    private readonly store: LateCheckMemoStore
  ) {}

  key(kind: string, text: string): string {
    return createHash('sha256').update(`${this.fingerprint}\0${kind}\0`).update(text).digest('base64')
  }

  knows(key: string): boolean {
    if (this.added.has(key)) return true
    if (!this.store.known.has(key)) return false
    this.used.add(key)
    return true
  }

  /** Writes what this run added; a failure only costs the next run its hits, so it is not the job's. */
  save(): void {
    try {
      this.store.save(this.added, this.used)
    } catch {
      // A store that cannot be written (read-only, busy past the timeout) keeps its earlier memo.
    }
  }
}

const memos = new WeakMap<EngineOptions, LateMemo>()
/** The config each set of the last check's options was made from: options made any other way (a test's own detectors) get no memo. */
const madeFrom = new WeakMap<EngineOptions, Config>()

export function noteLateOptions(opts: EngineOptions, config: Config): void {
  madeFrom.set(opts, config)
}

export function configOfLateOptions(opts: EngineOptions): Config | undefined {
  return madeFrom.get(opts)
}

export function attachLateMemo(opts: EngineOptions, memo: LateMemo): void {
  memos.set(opts, memo)
}

/**
 * Gives `to` (options differing from `from` only in their markers) `from`'s config and memo: what
 * the check finds does not depend on the markers, and the memo keeps only texts found clean.
 */
export function shareLateNotes(from: EngineOptions, to: EngineOptions): void {
  const config = madeFrom.get(from)
  if (config) madeFrom.set(to, config)
  const memo = memos.get(from)
  if (memo) memos.set(to, memo)
}

/**
 * The check of one text through the memo attached to `opts`: a text known clean is given back as
 * `clean()` makes it (no findings), without the scan; a text the scan finds clean is remembered.
 */
export function checkedOnce<R extends { findings: readonly unknown[] }>(
  opts: EngineOptions,
  kind: string,
  text: () => string | undefined,
  check: () => R,
  clean: () => R
): R {
  const memo = memos.get(opts)
  const t = memo && text()
  if (!memo || t === undefined || t.length < MIN_CHARS) return check()
  const key = memo.key(kind, t)
  if (memo.knows(key)) return clean()
  const r = check()
  if (r.findings.length === 0) memo.added.add(key)
  return r
}
