import { serializeRecord, type RecorderRecord } from './format.js'

/**
 * Default cap on one line, newline included. A record is written with one `write(2)`; keeping it
 * small keeps that write whole even where the OS only promises atomicity up to a bound, and keeps
 * one runaway statement from filling a rotated file on its own.
 */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024
/** Below this the fixed fields (ids, times, markers) may not fit. */
export const MIN_MAX_RECORD_BYTES = 1024

const encoder = new TextEncoder()
const SHRINKABLE = ['statement', 'summary', 'metadata', 'name', 'agent', 'cwd'] as const
type Shrinkable = (typeof SHRINKABLE)[number]

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}

/** The longest prefix of `s` within `maxBytes` of UTF-8; `encodeInto` never splits a character. */
function cutUtf8(s: string, maxBytes: number): string {
  if (maxBytes <= 0) return ''
  const { read } = encoder.encodeInto(s, new Uint8Array(maxBytes))
  return s.slice(0, read)
}

function marker(originalBytes: number): string {
  return `…[truncated, ${originalBytes} bytes]`
}

type Mutable = Record<string, unknown> & { truncated?: string[] }

/** Metadata is opaque JSON; once too big it is kept as a text preview, which can be cut like a string. */
function metadataAsPreview(rec: Mutable, bytes: number): void {
  rec.metadata = { truncated: true, bytes, preview: JSON.stringify(rec.metadata) }
}

function getText(rec: Mutable, field: Shrinkable): string | undefined {
  if (field === 'metadata') {
    const m = rec.metadata as Record<string, unknown> | undefined
    return typeof m?.preview === 'string' ? m.preview : undefined
  }
  const v = rec[field]
  return typeof v === 'string' ? v : undefined
}

function setText(rec: Mutable, field: Shrinkable, text: string): void {
  if (field === 'metadata') (rec.metadata as Record<string, unknown>).preview = text
  else rec[field] = text
}

function markTruncated(rec: Mutable, field: string): void {
  const list = rec.truncated ?? []
  if (!list.includes(field)) list.push(field)
  rec.truncated = list
}

/** Bytes a field would give back: metadata counts as its whole JSON until it has become a preview. */
function fieldBytes(rec: Mutable, field: Shrinkable, previewed: boolean): number {
  if (field === 'metadata' && rec.metadata !== undefined && !previewed) return byteLength(JSON.stringify(rec.metadata))
  const t = getText(rec, field)
  return t === undefined ? 0 : byteLength(t)
}

/**
 * Returns the record and its line, cut to at most `cap` bytes. The longest free-text field is
 * cut first and ends with a marker naming its original size; the record lists what was cut in
 * `truncated`. Ids, times and the record type are never cut.
 */
export function fitRecord<R extends RecorderRecord>(record: R, cap: number): { record: R; line: string } {
  let line = serializeRecord(record)
  if (byteLength(line) <= cap) return { record, line }
  const rec: Mutable = structuredClone(record) as unknown as Mutable
  const original = new Map<Shrinkable, number>()
  let previewed = false
  for (let round = 0; round < 16; round++) {
    line = serializeRecord(rec as unknown as RecorderRecord)
    const over = byteLength(line) - cap
    if (over <= 0) return { record: rec as unknown as R, line }
    let field: Shrinkable | undefined
    let longest = 0
    for (const f of SHRINKABLE) {
      const n = fieldBytes(rec, f, previewed)
      if (n > longest) [field, longest] = [f, n]
    }
    if (!field) break
    markTruncated(rec, field)
    if (field === 'metadata' && !previewed) {
      original.set(field, longest)
      metadataAsPreview(rec, longest)
      previewed = true
      continue
    }
    const text = getText(rec, field) ?? ''
    const full = original.get(field) ?? longest
    original.set(field, full)
    const mark = marker(full)
    const base = text.endsWith(mark) ? text.slice(0, -mark.length) : text
    // `over` is in serialized bytes; escapes (`"` → `\"`) make text longer once serialized, so
    // the raw cut is scaled by this text's own escape ratio. Another round fixes any shortfall.
    const raw = byteLength(base)
    const serialized = byteLength(JSON.stringify(base)) - 2
    const target = serialized - over - byteLength(JSON.stringify(mark)) + 2
    const keep = Math.min(Math.max(0, Math.floor((target * raw) / Math.max(1, serialized))), raw - 1)
    setText(rec, field, cutUtf8(base, keep) + mark)
  }
  throw new Error(`recorder: a ${record.type} record cannot be cut to ${cap} bytes`)
}
