import { parseArgs } from 'node:util'
import { addTag, listTags, removeTag } from '../../store/review-tags.js'
import { textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'
import { changeOf, describeTarget, operands, parsePrompt, reviewOptions, reviewOptionsHelp, subcommand, targetOf, withReviewStore } from '../review-args.js'

export const tagHelp = `Usage: ai-log-trail tag add <session> <label> [--prompt N] [--reason R]
       ai-log-trail tag remove <session> <label> [--prompt N] [--reason R]
       ai-log-trail tag list [<session>] [--label L]

Tags a session, or one of its prompts, with a free-form label (a ticket, a theme), removes a
tag, or lists them. <session> is a session id or a unique prefix. Every change is recorded in the
history (ai-log-trail history) with who, when and why. Reports can keep only the sessions
with a tag (report --tagged LABEL) and show each session's tags.

Options:
  --label L    with list: only this label (any case)
${reviewOptionsHelp}
`

export async function tagCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...reviewOptions, label: { type: 'string' } } })
  if (values.help) {
    io.out(tagHelp)
    return 0
  }
  const { sub, rest } = subcommand(positionals, ['add', 'remove', 'list'] as const, 'tag')
  const prompt = parsePrompt(values.prompt)
  return withReviewStore(values.db, io, (db) => {
    if (sub === 'list') {
      if (rest.length > 1) throw new UsageError('tag list takes at most one session')
      const tags = listTags(db, { session: rest[0], label: values.label })
      const shown = prompt === undefined ? tags : tags.filter((t) => t.prompt === prompt)
      if (values.json) io.out(JSON.stringify(shown, null, 2) + '\n')
      else if (shown.length === 0) io.out('no tags\n')
      else
        io.out(
          textTable(
            ['session', 'prompt', 'label', 'by', 'at (UTC)'],
            shown.map((t) => [t.session, t.prompt ?? '-', t.label, t.actor, t.at.slice(0, 16).replace('T', ' ')])
          )
        )
      return 0
    }
    const [session, label] = operands(rest, ['session', 'label'])
    const target = { ...targetOf(db, session, prompt), label }
    const change = changeOf(values)
    const changed = sub === 'add' ? addTag(db, target, change) : removeTag(db, target, change)
    const where = describeTarget(target.session, target.prompt)
    if (values.json) io.out(JSON.stringify({ action: sub, session: target.session, prompt: target.prompt ?? null, label: label.trim(), changed }) + '\n')
    else if (sub === 'add') io.out(changed ? `tagged ${where}: ${label.trim()}\n` : `${where} already has the tag ${label.trim()}\n`)
    else io.out(changed ? `removed the tag ${label.trim()} from ${where}\n` : `${where} has no tag ${label.trim()}\n`)
    return sub === 'remove' && !changed ? 1 : 0
  })
}
