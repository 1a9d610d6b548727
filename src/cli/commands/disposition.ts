import { parseArgs } from 'node:util'
import { clearDisposition, DISPOSITIONS, listDispositions, parseDisposition, setDisposition } from '../../store/review-dispositions.js'
import { textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'
import { changeOf, describeTarget, operands, parsePrompt, reviewOptions, reviewOptionsHelp, subcommand, targetOf, withReviewStore } from '../review-args.js'

export const dispositionHelp = `Usage: ai-log-trail disposition set <session> <value> --prompt N [--reason R]
       ai-log-trail disposition clear <session> --prompt N [--reason R]
       ai-log-trail disposition list [<session>]

Records what became of a prompt: ${DISPOSITIONS.join(', ')} ('needs review' is read as
needs-review); clears it; or lists them. <session> is a session id or a unique prefix. Every
change is recorded in the history (ai-log-trail history). Reports show a prompt's disposition.

Options:
${reviewOptionsHelp}
`

export async function dispositionCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: reviewOptions })
  if (values.help) {
    io.out(dispositionHelp)
    return 0
  }
  const { sub, rest } = subcommand(positionals, ['set', 'clear', 'list'] as const, 'disposition')
  const prompt = parsePrompt(values.prompt)
  return withReviewStore(values.db, io, (db) => {
    if (sub === 'list') {
      if (rest.length > 1) throw new UsageError('disposition list takes at most one session')
      const list = listDispositions(db, { session: rest[0] }).filter((d) => prompt === undefined || d.prompt === prompt)
      if (values.json) io.out(JSON.stringify(list, null, 2) + '\n')
      else if (list.length === 0) io.out('no dispositions\n')
      else
        io.out(
          textTable(
            ['session', 'prompt', 'disposition', 'by', 'at (UTC)'],
            list.map((d) => [d.session, d.prompt, d.value, d.actor, d.at.slice(0, 16).replace('T', ' ')])
          )
        )
      return 0
    }
    if (prompt === undefined) throw new UsageError("a disposition is a prompt's: give --prompt N")
    const change = changeOf(values)
    if (sub === 'set') {
      const [session, raw] = operands(rest, ['session', 'value'])
      const value = parseDisposition(raw)
      if (!value) throw new UsageError(`unknown disposition '${raw}' (${DISPOSITIONS.join(', ')})`)
      const target = targetOf(db, session, prompt)
      const changed = setDisposition(db, { session: target.session, prompt }, value, change)
      if (values.json) io.out(JSON.stringify({ action: 'set', session: target.session, prompt, value, changed }) + '\n')
      else io.out(changed ? `${describeTarget(target.session, prompt)}: ${value}\n` : `${describeTarget(target.session, prompt)} is already ${value}\n`)
      return 0
    }
    const [session] = operands(rest, ['session'])
    const target = targetOf(db, session, prompt)
    const changed = clearDisposition(db, { session: target.session, prompt }, change)
    if (values.json) io.out(JSON.stringify({ action: 'clear', session: target.session, prompt, changed }) + '\n')
    else
      io.out(
        changed ? `cleared the disposition of ${describeTarget(target.session, prompt)}\n` : `${describeTarget(target.session, prompt)} has no disposition\n`
      )
    return changed ? 0 : 1
  })
}
