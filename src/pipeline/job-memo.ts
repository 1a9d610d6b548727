import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as zlib from 'node:zlib'
import { lateCheckOptions } from '../redact/late/check.js'
import { redactText } from '../redact/engine.js'
import { redactionKey } from '../redact/hash.js'
import { formatTime } from '../render/html-format.js'
import { formatDateTime } from '../render/text.js'
import { canonicalPath } from '../scope/paths.js'
import { resolveScopeIn, type ScopeRequest } from '../scope/request.js'
import { storedFilePaths } from '../store/files.js'
import { schemaVersion, type Db } from '../store/db.js'
import { sqliteVersion, storeGeneration } from '../store/generation.js'
import { readJobMemo, writeJobMemo } from '../store/job-memo.js'
import type { ReportRequest, ReportResult } from './job.js'

/**
 * The job memo (docs/performance.md, "The job memo"): a warm run whose every input is what a
 * previous run's was writes that run's files again instead of selecting, redacting, rendering and
 * checking. Per output folder the store keeps the last report's files as they were written, after
 * the last check (only redacted, checked text), with the job's result, under a key of every input
 * (`memoKey`). The report's time is the one input left out of the key: its rendered spans are
 * located when the entry is made, and a replay writes the run's own time into them.
 */

/** Bumped when the entry's layout or what the key covers changes. */
const MEMO_FORMAT = 1

/**
 * Outputs larger than this in all are not kept: the files are read back whole to be compressed
 * (and held whole again to replay), which adds about twice this to the peak of the run that makes
 * the entry (the files, then their concatenation). Default-mode reports stay well under it; a
 * full-mode report of a large history runs in full each time (docs/database.md, "The job memo").
 */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024

/** What the memo's key is taken from: the request, and the store after the ingest. */
export interface MemoInputs {
  job: ReportRequest
  /** The store the report reads, open after the ingest. */
  db: Db
}

/** The memo's key for a job, and the store generation it was taken at. */
export interface MemoKey {
  key: string
  generation: number
  outDir: string
}

/**
 * The key of everything a report's files are made from, but its time: the store's schema and
 * generation (moved by every write to a table a report reads, src/store/generation.ts), the whole
 * config (rules, allow lists, private entries, defaults, pricing), the request (mode, formats,
 * filters, the scope asked for and what it resolves with beyond the store, `scopeInputs`: git's
 * answers and the file system's links; the changed files, the version), the redaction key
 * (hashed; it is never stored), and the running code and runtime (`codeFingerprint`). The filters
 * take no relative times (`--since` is a date), so nothing else in a report moves with the clock.
 */
export function memoKey({ job, db }: MemoInputs, code = codeFingerprint()): MemoKey {
  const generation = storeGeneration(db)
  const secret = redactionKey()
  const h = createHash('sha256')
  const part = (name: string, value: unknown) => h.update(`${name}\0${JSON.stringify(value) ?? 'undefined'}\0`)
  part('format', MEMO_FORMAT)
  part('code', code)
  part('runtime', [process.version, process.versions.icu ?? null, process.versions.tz ?? null, process.versions.unicode ?? null])
  part('sqlite', sqliteVersion(db))
  part('schema', schemaVersion(db))
  part('generation', generation)
  part('config', job.config)
  part('mode', job.mode)
  part('formats', job.formats)
  part('filters', job.filters ?? null)
  part('scope', job.scope)
  part('resolved', scopeInputs(db, job.scope))
  part('changed', job.changedFiles ?? null)
  part('export', job.exportDatabase ?? false)
  part('version', job.version)
  // Hashed apart first, so the key is no cheaper a test of a guessed key than the tags it makes.
  part('redaction-key', secret === undefined ? null : createHash('sha256').update('ai-log-trail job memo\0').update(secret).digest('base64'))
  return { key: h.digest('base64'), generation, outDir: resolve(job.outDir) }
}

/**
 * What the sessions in scope depend on besides the store's rows and the request: every session of
 * the store for `all`; for `paths`, each path given and each log file the store has read in its
 * canonical spelling (links followed: a folder linked elsewhere since is another scope), which is
 * all `scopeToPaths` reads, at a fraction of its cost (it reads every session's files); for a
 * change, the scope itself, resolved.
 */
function scopeInputs(db: Db, scope: ScopeRequest): unknown {
  switch (scope.kind) {
    case 'all':
      return null
    case 'paths':
      return { roots: scope.paths.map(canonicalPath), files: storedFilePaths(db).map((p) => [p, canonicalPath(p)]) }
    case 'change':
      return resolveScopeIn(db, scope)
  }
}

let codeHash: string | undefined

/**
 * A fingerprint of the running code: every script (and the WebAssembly RE2) of the tree this
 * module was loaded from, so a renderer, a detector or a query changed by a developer never replays
 * a file the old code made. The tree is the compiled `lib/` (or the sources a test runs), or the
 * folder of a bundle (the CLI's `lib/cli-bundle/`, the Action's `dist/`), whose chunks and worker
 * scripts lie beside it. Read once per process.
 */
export function codeFingerprint(): string {
  if (codeHash === undefined) {
    const here = dirname(fileURLToPath(import.meta.url))
    codeHash = treeFingerprint(basename(here) === 'pipeline' ? dirname(here) : here)
  }
  return codeHash
}

/** The SHA-256 of every script under `root`, with its path: what `codeFingerprint` reads of the running code's tree. */
export function treeFingerprint(root: string): string {
  const h = createHash('sha256')
  for (const file of codeFiles(root))
    h.update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0')
  return h.digest('base64')
}

const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.wasm', '.json'])

function codeFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p)
      } else if (e.isFile() && CODE_EXTENSIONS.has(extname(e.name)) && !e.name.endsWith('.d.ts')) out.push(p)
    }
  }
  walk(dir)
  return out
}

/** How a report's time is rendered: its three forms, each in the files of one syntax. */
interface TimeForms {
  /** The JSON report's `generated_at`. */
  json: string
  /** The Markdown report's, the comment's and the summary's footer. */
  md: string
  /** The HTML page's header. */
  html: string
}

type FormName = keyof TimeForms

function timeForms(now: Date): TimeForms {
  const iso = now.toISOString()
  return { json: iso, md: formatDateTime(iso, 'UTC'), html: formatTime(iso, 'UTC') }
}

/**
 * Each form with the fixed text around it where a renderer writes it: a text holds the time at
 * those places only. The JSON report's is a key of its top object (two spaces in: a session's keys
 * are further in, and a quote in a value is escaped).
 */
function needles(f: TimeForms): Record<FormName, [string, string]> {
  return { json: ['\n  "generated_at": "', `${f.json}"`], md: ['generated ', `${f.md} UTC by `], html: ['Generated ', `${f.html} by `] }
}

/** Characters that every syntax writes as they are: a form made only of them needs no escaping. */
const PLAIN = /^[0-9A-Z:. -]+$/

/** What a text's file is, by its name: the forms it holds, exactly once each. */
function expectedForms(name: string): FormName[] {
  if (name.endsWith('.json')) return ['json']
  if (name.endsWith('.html')) return ['html']
  if (name.endsWith('.csv')) return []
  return ['md']
}

interface StoredText {
  name: string
  /** Written to the output folder (else a text of the result: the comment, the release section, the summary). */
  file: boolean
  bytes: number
  /** Byte offsets of the time's forms. */
  spans: [number, FormName][]
}

interface Header {
  format: number
  forms: TimeForms
  texts: StoredText[]
  /** The job's result, its texts and its report's time left out. */
  result: Omit<ReportResult, 'comment' | 'releaseSection' | 'summary'>
}

const RESULT_TEXTS = { comment: '\0comment', releaseSection: '\0release', summary: '\0summary' } as const

/**
 * The memo's entry for a job that has just written its files: read back from the output folder,
 * each with where the report's time is in it, and compressed. Null when it is not to be kept: the
 * last check found something (what it redacted could depend on the time), a time was not found
 * exactly where its renderer writes it (a log's text holding the same words and time), or the
 * files are larger than MAX_OUTPUT_BYTES.
 */
export function memoEntry(job: ReportRequest, now: Date, result: ReportResult): Buffer | null {
  if (result.late.total !== 0) return null
  const forms = timeForms(now)
  if (!Object.values(forms).every((f) => PLAIN.test(f))) return null
  const outDir = resolve(job.outDir)
  let total = 0
  for (const name of result.files) {
    total += statSync(join(outDir, name)).size
    if (total > MAX_OUTPUT_BYTES) return null
  }
  const bodies: Buffer[] = []
  const texts: StoredText[] = []
  const add = (name: string, file: boolean, body: Buffer) => {
    const spans = locate(body, name, forms)
    if (!spans) return false
    bodies.push(body)
    texts.push({ name, file, bytes: body.length, spans })
    return true
  }
  for (const name of result.files) if (!add(name, true, readFileSync(join(outDir, name)))) return null
  for (const [field, name] of Object.entries(RESULT_TEXTS)) if (!add(name, false, Buffer.from(result[field as keyof typeof RESULT_TEXTS], 'utf8'))) return null
  const { comment: _c, releaseSection: _r, summary: _s, ...rest } = result
  const header: Header = { format: MEMO_FORMAT, forms, texts, result: rest }
  return pack(Buffer.concat([Buffer.from(JSON.stringify(header), 'utf8'), Buffer.from([0]), ...bodies]))
}

/** Where each form of the time is in `body`, or null when a text does not hold exactly the forms its kind has. */
function locate(body: Buffer, name: string, forms: TimeForms): [number, FormName][] | null {
  const want = expectedForms(name)
  const spans: [number, FormName][] = []
  for (const [form, [before, after]] of Object.entries(needles(forms)) as [FormName, [string, string]][]) {
    const needle = before + after
    const at: number[] = []
    for (let i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) at.push(i + Buffer.byteLength(before))
    // Empty text (a summary left out) holds no time; any other must hold its kind's forms once.
    const expected = want.includes(form) && body.length > 0 ? 1 : 0
    if (at.length !== expected) return null
    for (const a of at) spans.push([a, form])
  }
  return spans.sort((a, b) => a[0] - b[0])
}

/**
 * The job's files written again from the memo, at `now`, and its result; null when there is no
 * entry for this key, or it does not read back whole, or the time's new forms are not the old
 * ones' lengths or a detector of the last check finds anything on a line that holds them.
 */
export function replayMemo(job: ReportRequest, key: MemoKey, db: Db, now: Date): ReportResult | null {
  const stored = readJobMemo(db, key.outDir, key.key)
  if (!stored) return null
  const payload = unpack(stored)
  if (!payload) return null
  const end = payload.indexOf(0)
  if (end < 0) return null
  let header: Header
  try {
    header = JSON.parse(payload.subarray(0, end).toString('utf8')) as Header
  } catch {
    return null
  }
  if (header?.format !== MEMO_FORMAT || !Array.isArray(header.texts) || !header.result) return null
  const forms = timeForms(now)
  for (const f of Object.keys(forms) as FormName[]) if (forms[f].length !== header.forms[f]?.length || !PLAIN.test(forms[f])) return null
  let at = end + 1
  const out: { name: string; file: boolean; body: Buffer }[] = []
  for (const t of header.texts) {
    const body = payload.subarray(at, at + t.bytes)
    at += t.bytes
    if (body.length !== t.bytes) return null
    out.push({ name: t.name, file: t.file, body: substitute(body, t.spans, header.forms, forms) })
  }
  if (at !== payload.length) return null
  if (!timeLinesClean(out, header.texts, forms, job)) return null
  const outDir = resolve(job.outDir)
  mkdirSync(outDir, { recursive: true })
  for (const t of out) if (t.file) writeFileSync(join(outDir, t.name), t.body)
  const text = (name: string) => out.find((t) => t.name === name)?.body.toString('utf8') ?? ''
  const result = header.result
  return {
    ...result,
    report: { ...result.report, generated_at: forms.json },
    comment: text(RESULT_TEXTS.comment),
    releaseSection: text(RESULT_TEXTS.releaseSection),
    summary: text(RESULT_TEXTS.summary)
  }
}

function substitute(body: Buffer, spans: [number, FormName][], old: TimeForms, now: TimeForms): Buffer {
  if (spans.length === 0) return body
  const copy = Buffer.from(body)
  for (const [at, form] of spans) {
    // The span holds the old form, or the entry is not what was stored.
    if (copy.toString('latin1', at, at + old[form].length) !== old[form]) throw new MemoCorrupt()
    copy.write(now[form], at, 'latin1')
  }
  return copy
}

class MemoCorrupt extends Error {}

/**
 * The last check over each line that holds the new time: the stored files were checked with the
 * old time in them, so what a detector could make of the new one is looked at here, with the
 * check's own detectors and without the report's included values (stricter than the check).
 */
function timeLinesClean(out: { body: Buffer }[], texts: StoredText[], forms: TimeForms, job: ReportRequest): boolean {
  const lines = new Set<string>()
  texts.forEach((t, i) => {
    const body = out[i].body
    for (const [at] of t.spans) {
      const start = body.lastIndexOf(10, at) + 1
      const next = body.indexOf(10, at)
      lines.add(body.toString('utf8', start, next < 0 ? body.length : next))
    }
  })
  if (lines.size === 0) return true
  const opts = lateCheckOptions(job.config)
  for (const line of [...lines, ...Object.values(forms)]) if (redactText(line, opts).findings.length > 0) return false
  return true
}

const MAGIC = Buffer.from('ALTJM1', 'latin1')

/** The entry's bytes: a magic, the codec, the SHA-256 of the payload, and the payload compressed. */
function pack(payload: Buffer): Buffer {
  const zstd = typeof zlib.zstdCompressSync === 'function'
  const body = zstd ? zlib.zstdCompressSync(payload) : zlib.gzipSync(payload)
  return Buffer.concat([MAGIC, Buffer.from([zstd ? 1 : 2]), createHash('sha256').update(payload).digest(), body])
}

/** The payload of an entry, or null when it is not one read back whole (truncated, altered, another layout). */
function unpack(entry: Buffer): Buffer | null {
  if (entry.length < MAGIC.length + 33 || !entry.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const codec = entry[MAGIC.length]
  const digest = entry.subarray(MAGIC.length + 1, MAGIC.length + 33)
  const body = entry.subarray(MAGIC.length + 33)
  let payload: Buffer
  try {
    if (codec === 1 && typeof zlib.zstdDecompressSync === 'function') payload = zlib.zstdDecompressSync(body)
    else if (codec === 2) payload = zlib.gunzipSync(body)
    else return null
  } catch {
    return null
  }
  return createHash('sha256').update(payload).digest().equals(digest) ? payload : null
}

/** `replayMemo`, a corrupt span read as no entry. */
export function replayed(job: ReportRequest, key: MemoKey, db: Db, now: Date): ReportResult | null {
  try {
    return replayMemo(job, key, db, now)
  } catch (e) {
    if (e instanceof MemoCorrupt) return null
    throw e
  }
}

/** Keeps `entry` for the job's folder (or drops the folder's row when null), if the store is still at the key's generation. */
export function keepMemo(database: string, key: MemoKey, entry: Buffer | null): boolean {
  return writeJobMemo(database, key.outDir, key.key, entry, key.generation)
}
