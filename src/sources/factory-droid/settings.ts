import type { DocumentSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { isObject, str } from '../util/json.js'
import { toUtcIso } from '../util/time.js'
import { droidSessionId, NOT_DROID } from './paths.js'
import { droidTokens, usageRow } from './usage.js'

/** The settings file: one JSON object naming the session's model and holding its running `tokenUsage`. */
function sniffSettings(head: SniffInput): boolean {
  if (NOT_DROID.test(head.path) || !head.text.trimStart().startsWith('{')) return false
  if (!/"tokenUsage"\s*:\s*\{/.test(head.text)) return false
  return /"(providerLock|providerLockTimestamp|autonomyMode|reasoningEffort)"\s*:/.test(head.text)
}

/**
 * `~/.factory/sessions/<folder>/<id>.settings.json`: Droid rewrites it as the session goes, so
 * its `tokenUsage` is the session's total so far, stored as one usage row (a re-read replaces
 * the file's earlier row, it does not add to it). Its `model` is the session's model.
 */
function parseSettings(text: string, ctx: SourceContext, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!isObject(doc)) throw new Error('expected a JSON object')
  const id = droidSessionId(ctx.path, ctx.fallbackSessionId)
  const model = str(doc.model) ?? null
  const ts = toUtcIso(doc.providerLockTimestamp)
  out.push({ type: 'session', patch: { id, agent: 'factory-droid' } })
  const tokens = droidTokens(doc.tokenUsage)
  const payloads = [
    ...(model ? [{ payload: { kind: 'turn_context' as const, model, cwd: null, effort: str(doc.reasoningEffort) ?? null } }] : []),
    ...(tokens ? [{ payload: usageRow(model, tokens) }] : [])
  ]
  emitRecord(out, id, 1, ts, payloads, text)
}

export const droidSettings: DocumentSource = {
  mode: 'document',
  id: 'factory-droid-settings',
  agent: 'factory-droid',
  promptless: true,
  description: 'Factory Droid session settings: model and token totals (~/.factory/sessions/<folder>/<session>.settings.json)',
  sniff: sniffSettings,
  parseDocument: parseSettings
}
