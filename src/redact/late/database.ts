import { basename } from 'node:path'
import { openFinishedStore, rewriteSecurely, rewriteTextValues, tableColumns } from '../../store/text-values.js'
import type { EngineOptions } from '../types.js'
import { countLate, emptyLateCheck, type LateCheck } from './check.js'
import { lateRedactJson } from './structured.js'
import { lateRedactText } from './text.js'

/**
 * The last check of a sanitized database: every text value of every table (not only the columns
 * the export knows), JSON values through their decoded strings, redacted in place. Counted under
 * the file's name.
 */
export function lateCheckDatabase(path: string, opts: EngineOptions, name = basename(path)): LateCheck {
  const check = emptyLateCheck()
  const db = openFinishedStore(path)
  try {
    rewriteSecurely(db, () => {
      let changed = 0
      for (const { table, column } of tableColumns(db)) {
        changed += rewriteTextValues(db, table, column, (v) => {
          const r = /^\s*[[{]/.test(v) ? lateRedactJson(v, opts) : lateRedactText(v, 'plain', opts)
          countLate(check, name, r.findings)
          return r.text
        })
      }
      return changed
    })
  } finally {
    db.close()
  }
  return check
}
