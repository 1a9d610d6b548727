import { parseArgs } from 'node:util'
import { addNote, listNotes, removeNote } from '../../store/review-notes.js'
import { textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'
import { changeOf, describeTarget, operands, parsePrompt, reviewOptions, reviewOptionsHelp, subcommand, targetOf, withReviewStore } from '../review-args.js'

export const noteHelp = `Usage: ai-log-trail note add <session> <text> [--prompt N] [--reason R]
       ai-log-trail note remove <id> [--reason R]
       ai-log-trail note list [<session>]

Adds a note to a session or one of its prompts, removes one by the id 'note list' shows, or lists
them. <session> is a session id or a unique prefix. Every change is recorded in the history
(ai-log-trail history). Notes are published in reports and sanitized exports only after every
detector and rule has redacted them, like the logs' own text; who wrote them is not published.

Options:
${reviewOptionsHelp}
`

const oneLine = (t: string, n = 60) => {
  const flat = t.replace(/\s+/g, ' ')
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat
}

export async function noteCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: reviewOptions })
  if (values.help) {
    io.out(noteHelp)
    return 0
  }
  const { sub, rest } = subcommand(positionals, ['add', 'remove', 'list'] as const, 'note')
  const prompt = parsePrompt(values.prompt)
  return withReviewStore(values.db, io, (db) => {
    if (sub === 'list') {
      if (rest.length > 1) throw new UsageError('note list takes at most one session')
      const notes = listNotes(db, { session: rest[0] }).filter((n) => prompt === undefined || n.prompt === prompt)
      if (values.json) io.out(JSON.stringify(notes, null, 2) + '\n')
      else if (notes.length === 0) io.out('no notes\n')
      else
        io.out(
          textTable(
            ['id', 'session', 'prompt', 'note', 'by', 'at (UTC)'],
            notes.map((n) => [n.id, n.session, n.prompt ?? '-', oneLine(n.text), n.actor, n.at.slice(0, 16).replace('T', ' ')]),
            new Set([0])
          )
        )
      return 0
    }
    const change = changeOf(values)
    if (sub === 'remove') {
      const [id] = operands(rest, ['id'])
      if (!/^\d+$/.test(id)) throw new UsageError(`a note id is a number (see ai-log-trail note list): ${id}`)
      const removed = removeNote(db, Number(id), change)
      if (values.json) io.out(JSON.stringify({ action: 'remove', id: Number(id), changed: removed !== undefined, note: removed ?? null }) + '\n')
      else io.out(removed ? `removed note ${id} from ${describeTarget(removed.session, removed.prompt)}\n` : `no note ${id}\n`)
      return removed ? 0 : 1
    }
    const [session, text] = operands(rest, ['session', 'text'])
    const note = addNote(db, { ...targetOf(db, session, prompt), text }, change)
    if (values.json) io.out(JSON.stringify({ action: 'add', changed: true, note }) + '\n')
    else io.out(`added note ${note.id} to ${describeTarget(note.session, note.prompt)}\n`)
    return 0
  })
}
