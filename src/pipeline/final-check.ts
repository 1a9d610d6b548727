import { extname } from 'node:path'
import { countLate, emptyLateCheck, lateCheckContent } from '../redact/late/check.js'
import { lateCheckParts } from '../render/text.js'
import type { EngineOptions } from '../redact/types.js'
import type { LateCheck } from '../select/report.js'

/** One text about to be published, by the name its findings are counted under. */
export interface FinalText {
  name: string
  content: string
  /** The syntax to check it as, when the name has no telling extension (`.md`). */
  format?: string
}

/** The last check of one text about to leave: redacted in place, its findings counted under its name. */
export function checkFinalText(t: FinalText, opts: EngineOptions): { text: FinalText; check: LateCheck } {
  const check = emptyLateCheck()
  const r = lateCheckContent(t.name, t.content, opts, t.format ?? extname(t.name))
  countLate(check, t.name, r.findings)
  return { text: r.findings.length ? { ...t, content: r.text } : t, check }
}

export function sameLateCheck(a: LateCheck, b: LateCheck): boolean {
  return a.total === b.total && lateCheckParts(a).join('\n') === lateCheckParts(b).join('\n')
}

/**
 * Renders a Markdown body within a character budget and checks it. A marker can be longer than
 * what it replaced, so a checked body over the budget is rendered again with a budget smaller in
 * proportion, down to 0 (the renderer's shortest form).
 */
export function fitToBudget(render: (budget: number) => string, budget: number, name: string, opts: EngineOptions): { text: FinalText; check: LateCheck } {
  for (let b = budget; ;) {
    const r = checkFinalText({ name, content: render(b), format: '.md' }, opts)
    const length = r.text.content.length
    if (length <= budget || b === 0) return r
    b = Math.max(0, Math.floor((b * budget) / length) - 1)
  }
}
