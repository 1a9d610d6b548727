import { parseArgs } from 'node:util'
import { HISTORY_KINDS, HistoryKindSchema, listHistory } from '../../store/review-history.js'
import { undoHistory } from '../../store/review-undo.js'
import { textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'
import { changeOf, operands, parsePrompt, reviewOptions, reviewOptionsHelp, withReviewStore } from '../review-args.js'

export const historyHelp = `Usage: ai-log-trail history [list] [<session>] [--kind K] [--prompt N] [--limit N]
       ai-log-trail history undo <id> [--reason R]

Lists every review change, oldest first: when, who, what kind (${HISTORY_KINDS.join(', ')}),
add or remove, on which session and prompt, what and why. 'undo <id>' reverses a tag, note or
disposition change by making the opposite change, which is recorded too: the history is never
edited. Rules-file entries (redaction, allow, private) are undone on the review page or with
'ai-log-trail redactions remove'.

Options:
  --kind K     only this kind of change
  --limit N    only the newest N entries
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
    options: { ...reviewOptions, kind: { type: 'string' }, limit: { type: 'string' } }
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
      const added = undoHistory(db, Number(id), changeOf(values))
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
