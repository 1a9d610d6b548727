import { createHash } from 'node:crypto'
import { LateCheckMemoStore } from '../../store/late-check-memo.js'
import { cacheFingerprint } from '../cached-findings.js'
import { attachLateMemo, configOfLateOptions, LateMemo } from '../late-memo.js'
import type { EngineOptions } from '../types.js'
import { lateCheckContent } from './check.js'
import { lateRedactJsonValue } from './json.js'
import { lateRedactCsv, lateRedactHtml, lateRedactJson } from './structured.js'
import { lateRedactText } from './text.js'
import { normalizedView } from './view.js'

/**
 * Bump when what the last check finds in a text changes without the package version or the
 * source of the functions below changing (a helper they call): every memo made before then misses.
 */
export const LATE_CHECK_VERSION = 1

/**
 * What the memo's hashes are bound to: the findings cache's fingerprint (package version,
 * detection code, the config but its CLI defaults and prices), the last check's own code, the
 * detectors it runs and its allow list, which holds the values published as written (`include`).
 */
export function lateMemoFingerprint(opts: EngineOptions): string | undefined {
  const config = configOfLateOptions(opts)
  if (!config) return undefined
  const code = [lateCheckContent, lateRedactText, lateRedactJsonValue, lateRedactJson, lateRedactCsv, lateRedactHtml, normalizedView].map(String).join('\0')
  return createHash('sha256')
    .update(`${cacheFingerprint(config)}\0${LATE_CHECK_VERSION}\0${code}\0`)
    .update(`${opts.detectors.map((d) => d.id).join(',')}\0${JSON.stringify(opts.allow?.literals ?? [])}`)
    .digest('base64')
}

/**
 * Attaches the store's memo to a job's last-check options (made by `lateCheckOptions`); the
 * caller saves it once the job's texts are checked. Null when the options were made otherwise or
 * the store holds no memo.
 */
export function openLateMemo(database: string, opts: EngineOptions): LateMemo | null {
  const fingerprint = lateMemoFingerprint(opts)
  const store = fingerprint === undefined ? null : LateCheckMemoStore.open(database)
  if (!store || fingerprint === undefined) return null
  const memo = new LateMemo(fingerprint, store)
  attachLateMemo(opts, memo)
  return memo
}
