import { countLate, emptyLateCheck } from '../redact/late/check.js'
import { lateRedactJsonValue } from '../redact/late/json.js'
import type { EngineOptions } from '../redact/types.js'
import { canonicalSession, jsonFrameText, jsonParts, jsonSessionPart, jsonSessionText } from '../render/json.js'
import { PART_MAX_CHARS, renderPartsOf } from './render-parts.js'
import { releaseBuffer } from '../release-buffer.js'
import { FileOut, type WrittenFile, type WrittenRegion } from './file-out.js'
import type { LateCheck } from '../select/report.js'
import type { ListedReport } from '../select/session-list.js'

/**
 * Writes the JSON report to `path` a session at a time, each part given the last check first.
 * The whole-document check (`lateRedactJson`) walks the decoded values and re-serializes what it
 * changed; every string of the document lies whole inside the frame or inside one session, and a
 * value is checked under the key it sits under, so checking the parts finds and writes exactly
 * what checking the whole would, with no window to overlap. Counted under `name`.
 */
export function writeCheckedJson(
  report: ListedReport,
  path: string,
  opts: EngineOptions,
  name = 'report.json',
  previous?: WrittenFile
): { check: LateCheck; written: WrittenFile } {
  const check = emptyLateCheck()
  const checked = (value: unknown, detectors?: string[]): unknown => {
    const r = lateRedactJsonValue(value, opts)
    countLate(check, name, r.findings)
    if (detectors) for (const f of r.findings) detectors.push(f.detector)
    return r.findings.length ? r.value : value
  }
  const parts = jsonParts(report)
  // The frame holds the `sessions` key (its array empty), checked once as in the whole document;
  // a session is an object, whose walk reads no key from outside it.
  const frame = jsonFrameText(checked(parts.frame) as Record<string, unknown>)
  const out = new FileOut(path, previous)
  const regions = new Map<string, WrittenRegion>()
  let done = false
  try {
    out.write(frame.head)
    // The sessions read nothing of the last check's note, which is in the frame: a second
    // rendering copies their text and counts from the first (src/render/region.ts).
    const before = out.previousRegion(SESSIONS)
    const start = out.offset
    if (before) {
      countLate(
        check,
        name,
        before.detectors.map((detector) => ({ detector }))
      )
      out.copy(before)
      regions.set(SESSIONS, { ...before, start, end: out.offset })
    } else {
      const detectors: string[] = []
      const kept = renderPartsOf(opts)
      const list = report.sessions
      if (kept && list.digests && list.readAt && list.digests.length === list.length) {
        // A session's text kept from an earlier run is written as kept, its findings counted again.
        for (let i = 0; i < list.length; i++) {
          const key = jsonSessionPart(list.digests[i], i === 0)
          const part = kept.read(name, '', key)
          if (part) {
            countLate(
              check,
              name,
              part.detectors.map((detector) => ({ detector }))
            )
            detectors.push(...part.detectors)
            out.writeBytes(part.bytes)
            releaseBuffer(part.bytes)
            continue
          }
          const found: string[] = []
          const text = jsonSessionText(checked(canonicalSession(list.readAt(i)), found), i === 0)
          detectors.push(...found)
          out.write(text)
          // Not kept when the last check found something in it: its tags continue the report's numbering.
          if (found.length === 0 && text.length <= PART_MAX_CHARS) kept.write(name, '', key, { text, detectors: found, renderedBytes: Buffer.byteLength(text) })
        }
      } else {
        let first = true
        for (const s of parts.sessions) {
          out.write(jsonSessionText(checked(s, detectors), first))
          first = false
        }
      }
      regions.set(SESSIONS, { start, end: out.offset, detectors, renderedBytes: out.offset - start })
    }
    out.write(frame.tail(report.sessions.length > 0))
    out.close()
    done = true
  } finally {
    if (!done) out.abandon()
  }
  return { check, written: { path, regions } }
}

const SESSIONS = 'sessions'
