import { redactJson, redactLine, redactText, type RedactLineResult } from './engine.js'
import { applyPromptMarkers, markJsonStrings } from './markers.js'
import type { EngineOptions } from './types.js'

const HAS_MARKER = /\[(redact|private)\]/i

/**
 * One JSONL line redacted after the person's markers (`[redact]…[/redact]`, `[private]`) are
 * applied inside its strings. A line without a marker goes to `redactLine` as it is, so an
 * untouched line stays byte-identical; a line that is not JSON is redacted as text.
 */
export function redactMarkedLine(line: string, opts: EngineOptions): RedactLineResult {
  if (!HAS_MARKER.test(line)) return redactLine(line, opts)
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    const r = redactText(applyPromptMarkers(line), opts)
    return { line: r.text, findings: r.findings }
  }
  // The engine replaces what is nested too deep, so the value it returns can be serialised.
  const r = redactJson(markJsonStrings(parsed), opts)
  return { line: JSON.stringify(r.value), findings: r.findings }
}
