import { countLate, emptyLateCheck, lateCheckContent } from '../redact/late/check.js'
import type { EngineOptions } from '../redact/types.js'
import { lateRedactScriptJson } from '../redact/late/structured.js'
import type { ScriptJsonPart } from '../render/html.js'
import type { LateCheck } from '../select/report.js'
import { isPart, isRegion, type Part, type Region } from '../render/region.js'
import { FileOut, type WrittenFile, type WrittenRegion } from './file-out.js'
import { PART_MAX_CHARS, renderPartsOf } from './render-parts.js'
import { releaseBuffer } from '../release-buffer.js'

/** A unit of a rendered text: text, or a value of an HTML page's JSON element. */
export type TextUnit = string | ScriptJsonPart

export interface CheckedText {
  check: LateCheck
  /**
   * With `keepBytes`: the checked text whole when the rendered text and the checked text are
   * both at most that long; `over` says which was not (`rendered` when both).
   */
  text: string | null
  over: 'rendered' | 'checked' | null
}

export interface CheckedTextOptions {
  /** The file to write, or null to only check (a job summary's candidate). */
  path: string | null
  /** The name findings are counted under, and whose extension tells the syntax (`report.md`). */
  name: string
  /** The syntax when the name does not tell it (`.md`). */
  format?: string
  /** Keep the checked text when it is at most this many UTF-8 bytes; without a file, stop reading past it. */
  keepBytes?: number
}

/**
 * Gives each unit of a rendered text (`markdownChunks`: a table page, a session's prompts, the
 * parts in between) the last check, then writes it. Checking the units finds what checking
 * the whole text finds: a unit ends at a line break, the text check scans a line at a time,
 * and the detectors that need more than a line (key blocks) match inside one log field, which
 * a renderer writes whole inside one unit. With `keepBytes`, the checked text is also given back
 * when short enough (a job summary), and without a file nothing past that is rendered or checked.
 */
export function writeCheckedText(
  units: Iterable<TextUnit | Region<TextUnit> | Part<TextUnit>>,
  opts: EngineOptions,
  o: CheckedTextOptions & { previous?: WrittenFile }
): CheckedText & { written?: WrittenFile } {
  const check = emptyLateCheck()
  const keep = o.keepBytes ?? Infinity
  const kept: string[] = []
  let renderedBytes = 0
  let checkedBytes = 0
  const regions = new Map<string, WrittenRegion>()
  const out = o.path === null ? null : new FileOut(o.path, o.previous)
  const keepText = (text: string, bytes = Buffer.byteLength(text)) => {
    // Without `keepBytes` nothing is kept: every unit of a whole file (the HTML page, a CSV file) was.
    if (o.keepBytes !== undefined && checkedBytes <= keep) {
      checkedBytes += bytes
      if (checkedBytes <= keep && renderedBytes <= keep) kept.push(text)
      else kept.length = 0
    }
  }
  // A session's part kept from an earlier run is written as kept; only a file is (a job summary's candidate reads no session past its limit).
  const parts = out ? renderPartsOf(opts) : undefined
  const format = o.format ?? ''
  /** Checks and writes one unit; false once past the limit with no file. `checked` gathers its text as written. */
  const unit = (part: TextUnit, detectors?: string[], checked?: string[]): number | false => {
    const unit = typeof part === 'string' ? part : part.lead + part.json
    const unitBytes = Buffer.byteLength(unit)
    renderedBytes += unitBytes
    // Without a file, what is past the limit is never read.
    if (out === null && renderedBytes > keep) return false
    // A value of an HTML page's JSON element is checked as a value, as the whole element would be.
    const json = typeof part === 'string' ? undefined : lateRedactScriptJson(part.json, opts)
    const r = json ?? lateCheckContent(o.name, unit, opts, o.format)
    countLate(check, o.name, r.findings)
    if (detectors) for (const f of r.findings) detectors.push(f.detector)
    const text = !r.findings.length ? unit : json && typeof part !== 'string' ? part.lead + r.text : r.text
    const bytes = text === unit ? unitBytes : Buffer.byteLength(text)
    keepText(text, bytes)
    out?.write(text, bytes)
    checked?.push(text)
    return unitBytes
  }
  /** A session's part: as kept, its findings counted again, or rendered, checked and kept. */
  const sessionPart = (p: Part<TextUnit>, detectors?: string[]): number | false => {
    if (!parts) {
      let n = 0
      let written = false
      for (const u of p.units()) {
        const b = unit(u, detectors)
        if (b === false) return false
        n += b
        written = true
      }
      p.seen?.(written)
      return n
    }
    const kept = parts.read(o.name, format, p.key)
    if (kept) {
      renderedBytes += kept.renderedBytes
      countLate(
        check,
        o.name,
        kept.detectors.map((detector) => ({ detector }))
      )
      if (detectors) detectors.push(...kept.detectors)
      const bytes = kept.bytes.length
      // Decoded only when the caller keeps the checked text: a file takes the bytes as kept.
      if (o.keepBytes !== undefined && checkedBytes <= keep) keepText(kept.bytes.toString('utf8'), bytes)
      out!.writeBytes(kept.bytes)
      releaseBuffer(kept.bytes)
      p.seen?.(bytes > 0)
      return kept.renderedBytes
    }
    const found: string[] = []
    // The part's text as checked, while it is small enough to keep (PART_MAX_CHARS).
    let checked: string[] | undefined = []
    let checkedChars = 0
    let written = false
    let n = 0
    for (const u of p.units()) {
      const before = checked?.length ?? 0
      const b = unit(u, found, checked)
      if (b === false) return false
      n += b
      written = true
      if (checked && checked.length > before) {
        checkedChars += checked[checked.length - 1].length
        if (checkedChars > PART_MAX_CHARS) checked = undefined
      }
    }
    if (detectors) detectors.push(...found)
    // A part the last check found something in is not kept: its tags continue the whole report's
    // numbering (late/check.ts), which the part's key does not hold.
    if (checked && found.length === 0) parts.write(o.name, format, p.key, { text: checked.join(''), detectors: found, renderedBytes: n })
    p.seen?.(written)
    return n
  }
  let done = false
  try {
    for (const part of units) {
      if (isPart(part)) {
        if (sessionPart(part) === false) return { check, text: null, over: 'rendered' }
        continue
      }
      if (!isRegion(part)) {
        if (unit(part) === false) return { check, text: null, over: 'rendered' }
        continue
      }
      const before = out?.previousRegion(part.key)
      if (out && before) {
        // The same units as before: their bytes, findings and counts are the first rendering's.
        const start = out.offset
        const bytes = before.end - before.start
        renderedBytes += before.renderedBytes
        countLate(
          check,
          o.name,
          before.detectors.map((detector) => ({ detector }))
        )
        // Read back only when all of it is kept: a report's sessions are far past the limit.
        const kept = o.keepBytes !== undefined && checkedBytes + bytes <= keep && renderedBytes <= keep
        if (!kept) keepText('', bytes)
        out.copy(before, kept ? (t) => keepText(t, bytes) : undefined)
        regions.set(part.key, { ...before, start, end: out.offset })
        continue
      }
      const start = out?.offset ?? 0
      const detectors: string[] = []
      let bytes = 0
      for (const u of part.units()) {
        const n = isPart(u) ? sessionPart(u, detectors) : unit(u, detectors)
        if (n === false) return { check, text: null, over: 'rendered' }
        bytes += n
      }
      if (out) regions.set(part.key, { start, end: out.offset, detectors, renderedBytes: bytes })
    }
    out?.close()
    done = true
  } finally {
    if (out && !done) out.abandon()
  }
  const over = renderedBytes > keep ? 'rendered' : checkedBytes > keep ? 'checked' : null
  return {
    check,
    text: over === null && o.keepBytes !== undefined ? kept.join('') : null,
    over,
    ...(out && { written: { path: out.path, regions } })
  }
}
