import { extname } from 'node:path'
import type { Config } from '../../config/schema.js'
import { FIELD_KINDS } from '../../config/choices.js'
import { engineOptions, identifierMarker } from '../engine-options.js'
import { IdentifierTags, redactionKey, type TagNumbering } from '../hash.js'
import { checkedOnce, noteLateOptions, shareLateNotes } from '../late-memo.js'
import { redactText } from '../engine.js'
import type { LateCheck } from '../../select/report.js'
import type { EngineOptions, Finding } from '../types.js'
import { lateRedactCsv, lateRedactHtml, lateRedactJson } from './structured.js'
import { lateRedactText, type LateTextResult } from './text.js'

export type { LateCheck } from '../../select/report.js'
export { describeLateCheck } from '../../render/text.js'

export function emptyLateCheck(): LateCheck {
  return { total: 0, by_file: {} }
}

/**
 * The engine options of the last check: the config's detectors that apply to every field kind
 * (a published file mixes fields, so a rule the team scoped to some fields cannot be told where it
 * applies), its allowlists and its markers. Values the config publishes as written (a field with
 * policy `include`) are allowed too: `included` are those texts, and what the detectors find in
 * them is what the team chose to publish.
 *
 * `numbering` is the report's own tag numbering (`ReportRedactor.tagNumbering`): without a
 * redaction key, the check's tags continue it, so a value the report tagged `#n` is `#n` here too
 * and a value only the check finds gets a number no value of the report holds.
 */
export function lateCheckOptions(config: Config, included: readonly string[] = [], numbering?: TagNumbering): EngineOptions {
  const engine = engineOptions(config, new IdentifierTags(redactionKey(), numbering))
  const lists = FIELD_KINDS.map((k) => engine(k).detectors)
  const detectors = lists[0].filter((d) => lists.every((l) => l.includes(d)))
  const base = engine(FIELD_KINDS[0])
  const opts: EngineOptions = { detectors, allow: base.allow, marker: base.marker }
  if (included.length === 0) {
    noteLateOptions(opts, config)
    return opts
  }
  const literals = new Set(base.allow?.literals ?? [])
  // Only the findings are wanted: with the markers' tags, each value found would take a number.
  const finder: EngineOptions = { detectors, allow: base.allow }
  for (const text of new Set(included)) for (const f of redactText(text, finder).findings) literals.add(text.slice(f.start, f.end))
  const withIncluded = { ...opts, allow: { ...base.allow, literals: [...literals] } }
  noteLateOptions(withIncluded, config)
  return withIncluded
}

/**
 * `opts` (made by `lateCheckOptions` for `config`, perhaps with other detectors) with its tags
 * continuing another report's `numbering`: a job's comment is a report of its own, numbered on its
 * own. The detectors and allow list are `opts`'s, and so is the late-check memo, which keeps only
 * texts found clean (they hold no tag the check wrote).
 */
export function renumbered(opts: EngineOptions, config: Config, numbering: TagNumbering): EngineOptions {
  const out: EngineOptions = { ...opts, marker: identifierMarker(config, new IdentifierTags(redactionKey(), numbering)) }
  shareLateNotes(opts, out)
  return out
}

/**
 * Checks one published text by its format (by default its file name's extension, `.md`, `.html`,
 * `.json`, `.jsonl`, `.csv`; anything else is plain text): JSON and CSV through their decoded values.
 */
export function lateCheckContent(name: string, content: string, opts: EngineOptions, format = extname(name)): LateTextResult {
  const f = format.toLowerCase()
  // A text the check found clean in an earlier run (the same text under the same options) is not scanned again.
  return checkedOnce(
    opts,
    `content${f}`,
    () => content,
    () => checkByFormat(content, opts, f),
    () => ({ text: content, findings: [] })
  )
}

function checkByFormat(content: string, opts: EngineOptions, format: string): LateTextResult {
  switch (format) {
    case '.json':
      return lateRedactJson(content, opts)
    case '.jsonl':
      return lateCheckLines(content, opts)
    case '.csv':
      return lateRedactCsv(content, opts)
    case '.html':
    case '.htm':
      return lateRedactHtml(content, opts)
    case '.md':
    case '.markdown':
      return lateRedactText(content, 'markdown', opts)
    default:
      return lateRedactText(content, 'plain', opts)
  }
}

/** JSON Lines: each line that is JSON is checked as a document, the others as text. */
function lateCheckLines(content: string, opts: EngineOptions): LateTextResult {
  const findings: Finding[] = []
  const lines = content.split('\n').map((line) => {
    if (line.trim() === '') return line
    const r = /^\s*[[{]/.test(line) ? lateRedactJson(line, opts) : lateRedactText(line, 'plain', opts)
    findings.push(...r.findings)
    return r.text
  })
  return findings.length ? { text: lines.join('\n'), findings } : { text: content, findings }
}

export function countLate(check: LateCheck, file: string, findings: readonly { detector: string }[]): void {
  if (findings.length === 0) return
  const byDetector = (check.by_file[file] ??= {})
  for (const f of findings) byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1
  check.total += findings.length
}

export function mergeLate(...checks: LateCheck[]): LateCheck {
  const out = emptyLateCheck()
  for (const c of checks)
    for (const [file, byDetector] of Object.entries(c.by_file))
      for (const [detector, n] of Object.entries(byDetector)) {
        const d = (out.by_file[file] ??= {})
        d[detector] = (d[detector] ?? 0) + n
        out.total += n
      }
  return out
}
