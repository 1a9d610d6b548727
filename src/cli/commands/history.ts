import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH } from '../../config/default-path.js'
import { isRulesFileChange, undoRulesFileEdit } from '../../review/history-rules.js'
import { readRulesText, writeRulesText } from '../../review/rules-file.js'
import type { Db } from '../../store/db.js'
import { appendHistory, HISTORY_KINDS, HistoryKindSchema, historyEntry, listHistory, type HistoryEntry } from '../../store/review-history.js'
import { undoHistory } from '../../store/review-undo.js'
import { textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'
import { changeOf, operands, parsePrompt, reviewOptions, reviewOptionsHelp, withReviewStore } from '../review-args.js'

export const historyHelp = `Usage: ai-log-trail history [list] [<session>] [--kind K] [--prompt N] [--limit N]
       ai-log-trail history undo <id> [--reason R] [--rules FILE]

Lists every review change, oldest first: when, who, what kind (${HISTORY_KINDS.join(', ')}),
add or remove, on which session and prompt, what and why. 'undo <id>' reverses a tag, note or
disposition change by making the opposite change, and a rules-file entry's addition (redaction,
allow, private) by removing that entry from the rules file, every other byte kept; the undo is
recorded too: the history is never edited. A removed rules-file entry is added again with
'ai-log-trail redactions add'.

Options:
  --kind K     only this kind of change
  --limit N    only the newest N entries
  --rules FILE the rules file a redaction, allow or private entry is undone in (default ${DEFAULT_CONFIG_PATH})
${reviewOptionsHelp}
`

const oneLine = (t: string, n = 50) => {
  const flat = t.replace(/\s+/g, ' ')
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat
}

export async function historyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...reviewOptions, kind: { type: 'string' }, limit: { type: 'string' }, rules: { type: 'string' } }
  })
  if (values.help) {
    io.out(historyHelp)
    return 0
  }
  const [first, ...others] = positionals
  const sub = first === 'undo' ? 'undo' : 'list'
  const rest = first === 'undo' || first === 'list' ? others : positionals
  return withReviewStore(values.db, io, (db) => {
    if (sub === 'undo') {
      const [id] = operands(rest, ['id'])
      if (!/^\d+$/.test(id)) throw new UsageError(`a history entry id is a number (see ai-log-trail history): ${id}`)
      const entry = historyEntry(db, Number(id))
      const added =
        entry && isRulesFileChange(entry)
          ? [undoRulesEntry(db, entry, values.rules ?? DEFAULT_CONFIG_PATH, changeOf(values))]
          : undoHistory(db, Number(id), changeOf(values))
      if (values.json) io.out(JSON.stringify({ action: 'undo', id: Number(id), entries: added }, null, 2) + '\n')
      else for (const e of added) io.out(`#${e.id} ${e.action} ${e.kind} ${e.detail.split('\n')[0]} (undo of #${id})\n`)
      return 0
    }
    if (rest.length > 1) throw new UsageError('history takes at most one session')
    let kind
    if (values.kind !== undefined) {
      const k = HistoryKindSchema.safeParse(values.kind)
      if (!k.success) throw new UsageError(`unknown kind '${values.kind}' (${HISTORY_KINDS.join(', ')})`)
      kind = k.data
    }
    if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) throw new UsageError(`--limit takes a positive number: ${values.limit}`)
    const entries = listHistory(db, { session: rest[0], kind, prompt: parsePrompt(values.prompt), limit: values.limit ? Number(values.limit) : undefined })
    if (values.json) io.out(JSON.stringify(entries, null, 2) + '\n')
    else if (entries.length === 0) io.out('no history\n')
    else
      io.out(
        textTable(
          ['id', 'at (UTC)', 'by', 'change', 'session', 'prompt', 'what', 'why'],
          entries.map((e) => [
            e.id,
            e.at.slice(0, 16).replace('T', ' '),
            e.actor,
            `${e.action} ${e.kind}`,
            e.session ?? '-',
            e.prompt ?? '-',
            oneLine(e.detail),
            e.reason ? oneLine(e.reason, 40) : '-'
          ]),
          new Set([0])
        )
      )
    return 0
  })
}

/** Removes the rules-file entry a history entry added (the review page's Undo, from the command line), and records it. */
function undoRulesEntry(db: Db, e: HistoryEntry, rulesPath: string, change: { actor: string; reason?: string }): HistoryEntry {
  const undone = undoRulesFileEdit(readRulesText(rulesPath), e, rulesPath)
  if ('refused' in undone)
    throw new UsageError(
      undone.refused === 'removal'
        ? `history entry ${e.id} removed a rules-file entry: add it again with ai-log-trail redactions add`
        : `history entry ${e.id}: ${rulesPath} no longer holds that entry`
    )
  writeRulesText(rulesPath, undone.edited.text)
  return appendHistory(db, { ...undone.edited.note, actor: change.actor, reason: change.reason ?? `undo of #${e.id}` })
}
