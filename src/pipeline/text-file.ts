import { closeSync, openSync, writeSync } from 'node:fs'
import { countLate, emptyLateCheck, lateCheckContent } from '../redact/late/check.js'
import type { EngineOptions } from '../redact/types.js'
import { lateRedactScriptJson } from '../redact/late/structured.js'
import type { ScriptJsonPart } from '../render/html.js'
import type { LateCheck } from '../select/report.js'

/** Text gathered before a write: few system calls, and never more than this held. */
const WRITE_CHUNK = 1 << 20

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
export function writeCheckedText(units: Iterable<string | ScriptJsonPart>, opts: EngineOptions, o: CheckedTextOptions): CheckedText {
  const check = emptyLateCheck()
  const keep = o.keepBytes ?? Infinity
  const kept: string[] = []
  let renderedBytes = 0
  let checkedBytes = 0
  const fd = o.path === null ? null : openSync(o.path, 'w')
  try {
    let pending = ''
    for (const part of units) {
      const unit = typeof part === 'string' ? part : part.lead + part.json
      renderedBytes += Buffer.byteLength(unit)
      // Without a file, what is past the limit is never read.
      if (fd === null && renderedBytes > keep) return { check, text: null, over: 'rendered' }
      // A value of an HTML page's JSON element is checked as a value, as the whole element would be.
      const json = typeof part === 'string' ? undefined : lateRedactScriptJson(part.json, opts)
      const r = json ?? lateCheckContent(o.name, unit, opts, o.format)
      countLate(check, o.name, r.findings)
      const text = !r.findings.length ? unit : json && typeof part !== 'string' ? part.lead + r.text : r.text
      // Without `keepBytes` nothing is kept: every unit of a whole file (the HTML page, a CSV file) was.
      if (o.keepBytes !== undefined && checkedBytes <= keep) {
        checkedBytes += Buffer.byteLength(text)
        if (checkedBytes <= keep && renderedBytes <= keep) kept.push(text)
        else kept.length = 0
      }
      if (fd === null) continue
      pending += text
      if (pending.length >= WRITE_CHUNK) {
        writeSync(fd, pending)
        pending = ''
      }
    }
    if (fd !== null) writeSync(fd, pending)
  } finally {
    if (fd !== null) closeSync(fd)
  }
  const over = renderedBytes > keep ? 'rendered' : checkedBytes > keep ? 'checked' : null
  return { check, text: over === null && o.keepBytes !== undefined ? kept.join('') : null, over }
}
