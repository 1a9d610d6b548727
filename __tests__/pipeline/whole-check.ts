import { parseConfig } from '../../src/config/load.js'
import { countLate, emptyLateCheck, lateCheckContent, lateCheckOptions } from '../../src/redact/late/check.js'
import { ruleDetector } from '../../src/redact/rules.js'
import type { EngineOptions } from '../../src/redact/types.js'

/*
 * What the tests of the files written a part at a time compare with: the last check of the whole
 * text, as a job checked it before the files were written in parts.
 */

/** The default last check plus a rule for `words`: a value the structured pass let through. */
export const codewordOptions = (words: string): EngineOptions => {
  const o = lateCheckOptions(parseConfig('', 'default'))
  return { ...o, detectors: [ruleDetector({ id: 'codeword', pattern: words, flags: 'i' }), ...o.detectors] }
}

/** The whole text checked at once: its checked text, and the findings counted under `name`. */
export function wholeCheck(name: string, text: string, o: EngineOptions) {
  const r = lateCheckContent(name, text, o)
  const check = emptyLateCheck()
  countLate(check, name, r.findings)
  return { text: r.text, check }
}
