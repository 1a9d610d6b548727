import { rmSync } from 'node:fs'
import { openStore } from '../store/db.js'
import { dropParserState, enableSecureDelete, rewriteColumn, vacuumInto } from '../store/export.js'
import { rewriteRawLines } from '../store/raw-blocks.js'
import { dropLateCheckMemo } from '../store/late-check-memo.js'
import { dropRedactionCache } from '../store/redaction-cache.js'
import { dropSessionCache } from '../store/session-cache.js'
import { dropScopePending } from '../store/scope-pending.js'
import { dropJobMemo } from '../store/job-memo.js'
import { dropRenderParts } from '../store/render-parts.js'
import { dropFullSessions } from '../store/full-sessions.js'
import { deleteFilesWithoutEvents, deleteSession, sessionIds } from '../store/sessions.js'
import { dropReviewOfMissingSessions, rewriteTagLabels } from '../store/review-export.js'
import type { Config } from '../config/schema.js'
import { engineOptions } from './engine-options.js'
import { IdentifierTags, redactionKey } from './hash.js'
import { redactJson, redactText } from './engine.js'
import { redactMarkedLine } from './marked-line.js'
import { applySpanMarkers, PRIVATE_PREFIX } from './markers.js'
import type { FieldKind } from '../config/choices.js'
import { crashWhileWriting, partialName, place, workName } from '../output-folder.js'

export interface ExportResult {
  redactions: number
  by_detector: Record<string, number>
}

/** Every text column of the store, with the field kind its detectors are chosen by. */
const TEXT_COLUMNS: { table: string; column: string; kind: FieldKind; json?: boolean }[] = [
  { table: 'prompts', column: 'text', kind: 'prompt' },
  { table: 'function_calls', column: 'arguments', kind: 'tool_args', json: true },
  { table: 'function_calls', column: 'command', kind: 'tool_args' },
  { table: 'function_results', column: 'output', kind: 'tool_output', json: true },
  { table: 'agent_reasoning_messages', column: 'text', kind: 'reasoning' },
  { table: 'function_plan_messages', column: 'explanation', kind: 'assistant' },
  { table: 'function_plan_messages', column: 'steps', kind: 'assistant', json: true },
  { table: 'files_touched', column: 'path', kind: 'path' },
  { table: 'turn_context_messages', column: 'cwd', kind: 'path' },
  { table: 'sessions', column: 'cwd', kind: 'path' },
  { table: 'sessions', column: 'repository_url', kind: 'path' },
  { table: 'sessions', column: 'branch', kind: 'path' },
  { table: 'sessions', column: 'title', kind: 'prompt' },
  { table: 'files', column: 'path', kind: 'path' },
  { table: 'ingest_errors', column: 'path', kind: 'path' },
  { table: 'ingest_errors', column: 'reason', kind: 'path' },
  // A reviewer's words (field kind metadata: every detector and rule). Tag labels are part of a
  // key and are rewritten apart (rewriteTagLabels); dispositions are one of three fixed words.
  { table: 'review_notes', column: 'text', kind: 'metadata' },
  { table: 'review_notes', column: 'actor', kind: 'metadata' },
  { table: 'review_tags', column: 'actor', kind: 'metadata' },
  { table: 'review_dispositions', column: 'actor', kind: 'metadata' },
  { table: 'review_history', column: 'detail', kind: 'metadata' },
  { table: 'review_history', column: 'reason', kind: 'metadata' },
  { table: 'review_history', column: 'actor', kind: 'metadata' }
]

/**
 * Writes a copy of the store in which every raw line and every text is redacted, for publishing
 * as an artifact. Parser state (which holds message text) is dropped, private prompts are
 * emptied, and the copy is rebuilt with VACUUM so no freed page keeps a replaced value. Both
 * copies are written under temporary names beside `outPath` (src/output-folder.ts): the
 * first holds the store unredacted, and the second is put in place of `outPath` only when whole.
 * `tags` number the copy's identifiers (its own report); the last check of the copy continues them.
 */
export function exportSanitized(
  sourcePath: string,
  outPath: string,
  config: Config,
  keep?: ReadonlySet<string>,
  tags = new IdentifierTags(redactionKey())
): ExportResult {
  const result: ExportResult = { redactions: 0, by_detector: {} }
  const work = workName(outPath)
  const staged = partialName(outPath)
  const removeCopies = () => {
    for (const p of [work, staged]) for (const s of ['', '-wal', '-shm', '-journal']) rmSync(p + s, { force: true })
  }
  removeCopies()
  try {
    redactCopy(sourcePath, work, config, keep, result, tags)
    const final = openStore(work)
    try {
      vacuumInto(final, staged)
    } finally {
      final.close()
    }
    place(staged, outPath)
  } finally {
    removeCopies()
  }
  return result
}

function redactCopy(sourcePath: string, work: string, config: Config, keep: ReadonlySet<string> | undefined, result: ExportResult, tags: IdentifierTags): void {
  const src = openStore(sourcePath)
  try {
    vacuumInto(src, work)
  } finally {
    src.close()
  }
  // The copy is the store unredacted: a job killed here must leave nothing the folder's upload takes.
  crashWhileWriting(work)
  const db = openStore(work)
  try {
    enableSecureDelete(db)
    // A report's copy holds its sessions only: what a cached database kept from earlier runs stays out.
    if (keep) {
      for (const id of sessionIds(db)) if (!keep.has(id)) deleteSession(db, id)
      deleteFilesWithoutEvents(db)
    }
    dropReviewOfMissingSessions(db)
    const opts = engineOptions(config, tags)
    const count = (findings: { detector: string }[]) => {
      for (const f of findings) {
        result.redactions++
        result.by_detector[f.detector] = (result.by_detector[f.detector] ?? 0) + 1
      }
    }
    const clean = (text: string, kind: FieldKind, json = false): string => {
      const marked = kind === 'prompt' && PRIVATE_PREFIX.test(text) ? '' : applySpanMarkers(text).text
      if (json && /^\s*[[{]/.test(marked)) {
        try {
          const r = redactJson(JSON.parse(marked), opts(kind))
          count(r.findings)
          return r.findings.length ? JSON.stringify(r.value) : marked
        } catch {
          // not JSON after all
        }
      }
      const r = redactText(marked, opts(kind))
      count(r.findings)
      return r.text
    }
    db.transaction(() => {
      for (const c of TEXT_COLUMNS) rewriteColumn(db, c.table, c.column, (v) => clean(v, c.kind, c.json))
      rewriteTagLabels(db, (v) => clean(v, 'metadata'))
      // Lines no remaining event addresses (a session left out of the copy) are blanked too.
      rewriteRawLines(db, (v) => {
        const r = redactMarkedLine(v, opts('tool_output'))
        count(r.findings)
        return r.line
      })
      // A payload is JSON the ingest wrote; the raw-line path also covers one that is not.
      rewriteColumn(db, 'events', 'payload', (v) => {
        const r = redactMarkedLine(v, opts('tool_output'))
        count(r.findings)
        return r.line
      })
      dropParserState(db)
      // Where this store's runs found what, and what they made of each session: local bookkeeping,
      // not part of what the logs say.
      dropRedactionCache(db)
      dropSessionCache(db)
      dropLateCheckMemo(db)
      dropJobMemo(db)
      dropRenderParts(db)
      dropFullSessions(db)
      dropScopePending(db)
    }).immediate()
  } finally {
    db.close()
  }
}
