import { closeSync, openSync, writeSync } from 'node:fs'
import { countLate, emptyLateCheck } from '../redact/late/check.js'
import { lateRedactJsonValue } from '../redact/late/json.js'
import type { EngineOptions } from '../redact/types.js'
import { jsonParts, jsonText } from '../render/json.js'
import type { LateCheck } from '../select/report.js'
import type { ListedReport } from '../select/session-list.js'

/** Text gathered before a write: few system calls, and never more than this held. */
const WRITE_CHUNK = 1 << 20

/**
 * Writes the JSON report to `path` a session at a time, each part given the last check first.
 * The whole-document check (`lateRedactJson`) walks the decoded values and re-serializes what it
 * changed; every string of the document lies whole inside the frame or inside one session, and a
 * value is checked under the key it sits under, so checking the parts finds and writes exactly
 * what checking the whole would, with no window to overlap. Counted under `name`.
 */
export function writeCheckedJson(report: ListedReport, path: string, opts: EngineOptions, name = 'report.json'): LateCheck {
  const check = emptyLateCheck()
  const checked = (value: unknown): unknown => {
    const r = lateRedactJsonValue(value, opts)
    countLate(check, name, r.findings)
    return r.findings.length ? r.value : value
  }
  const parts = jsonParts(report)
  // The frame holds the `sessions` key (its array empty), checked once as in the whole document;
  // a session is an object, whose walk reads no key from outside it.
  const frame = checked(parts.frame) as Record<string, unknown>
  const sessions = (function* () {
    for (const s of parts.sessions) yield checked(s)
  })()
  const fd = openSync(path, 'w')
  try {
    let pending = ''
    for (const text of jsonText(frame, sessions)) {
      pending += text
      if (pending.length >= WRITE_CHUNK) {
        writeSync(fd, pending)
        pending = ''
      }
    }
    writeSync(fd, pending)
  } finally {
    closeSync(fd)
  }
  return check
}
