import { extname } from 'node:path'
import { countLate, emptyLateCheck, lateCheckContent } from '../redact/late/check.js'
import type { LateTextResult } from '../redact/late/text.js'
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

/** Results by format and text: the job summary is often the Markdown report byte for byte. */
export type LateCheckMemo = Map<string, LateTextResult>

/** The last check of every text about to leave: each redacted in place, findings counted per file. */
export function checkFinalTexts(texts: readonly FinalText[], opts: EngineOptions, memo: LateCheckMemo = new Map()): { texts: FinalText[]; check: LateCheck } {
  const check = emptyLateCheck()
  const out = texts.map((t) => {
    const format = t.format ?? extname(t.name)
    const key = `${format}\0${t.content}`
    let r = memo.get(key)
    if (!r) {
      r = lateCheckContent(t.name, t.content, opts, format)
      memo.set(key, r)
    }
    countLate(check, t.name, r.findings)
    return r.findings.length ? { ...t, content: r.text } : t
  })
  return { texts: out, check }
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
    const r = checkFinalTexts([{ name, content: render(b), format: '.md' }], opts)
    const length = r.texts[0].content.length
    if (length <= budget || b === 0) return { text: r.texts[0], check: r.check }
    b = Math.max(0, Math.floor((b * budget) / length) - 1)
  }
}
