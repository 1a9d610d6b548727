import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH } from '../../config/load.js'
import { addAllow, addOccurrence, addPrivate, listEntries, removeEntry, type Edited } from '../../review/entries.js'
import { readRulesText, writeRulesText } from '../../review/rules-file.js'
import { selectTurns } from '../../select/select.js'
import { openStore } from '../../store/db.js'
import { appendHistory } from '../../store/review-history.js'
import { type CliIo, UsageError } from '../io.js'
import { defaultActor } from '../review-args.js'

export const redactionsHelp = `Usage: ai-log-trail redactions list [--json]
       ai-log-trail redactions add occurrence --session ID (--prompt N | --prompt N --action K --field F | --event N --field F) --value TEXT [--reason R]
       ai-log-trail redactions add allow --detector ID --value TEXT [--reason R]
       ai-log-trail redactions add private --session ID [--prompt N] [--reason R]
       ai-log-trail redactions remove <ref> [--json]

The rules file's review entries, as the review page writes them: rules, overrides (one text
redacted in one field), allow entries (a value one detector must not redact) and private
sessions or prompts. Each edit keeps every other byte of the file (comments, order, quoting).

list        every entry with its reference (overrides[0], allow.entries[1], …), actor, date, reason
add occurrence
            redact --value in one field only: a prompt by number, or the text, arguments or
            output of an event, named by its place under a prompt (--action K: the Kth thing
            recorded after prompt N, as reports list them) or by its id (--event, as the review
            page shows it; written as its place, which a rebuilt database keeps). The value must
            be in that field of the database. A secret-looking value is written as a salted hash.
add allow   keep --value from the detector --detector only (written as it is: not for secrets)
add private publish a session, or one prompt of it, empty (its counts kept)
remove      remove one entry by its reference

Options:
  --rules FILE   rules file (default .github/ai-log-trail.yml)
  --db FILE      database, for add occurrence (default ./ai-log-trail.sqlite)
  --actor NAME   written as actor (default: git config user.name, else the login name)
  --date DATE    written as date (default: today, UTC)
  --json         print JSON: the entries, or the edit's note
  -h, --help     show this help
`

const FIELDS = ['prompt', 'text', 'arguments', 'output'] as const

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} is not a positive whole number: ${v}`)
  return n
}

/** Where an occurrence is: a prompt by number, or an event by its place under its prompt (which a rebuilt database keeps), else by id. */
interface FieldPlace {
  raw: string
  prompt?: number
  action?: number
  event?: number
}

/**
 * The raw text of one field, read from the database as the page reads it, and the place the
 * rules file names it by: an event given by id is written as the page writes it, by the prompt
 * it follows and its place under it, unless it comes before the first prompt.
 */
function locateField(dbPath: string, session: string, field: (typeof FIELDS)[number], at: { prompt?: number; action?: number; event?: number }): FieldPlace {
  if (!existsSync(dbPath)) throw new UsageError(`database does not exist: ${dbPath} (add occurrence checks the value is in the field)`)
  const db = openStore(dbPath)
  try {
    for (const t of selectTurns(db, session, true)) {
      if (field === 'prompt') {
        if (t.ordinal === at.prompt && t.prompt) return { raw: t.prompt.text, prompt: at.prompt }
        continue
      }
      if (at.action !== undefined) {
        const a = t.ordinal === at.prompt ? t.actions[at.action - 1] : undefined
        if (a) return { raw: a[field] ?? '', prompt: at.prompt, action: at.action }
        continue
      }
      const i = t.actions.findIndex((x) => x.event_id === at.event)
      if (i >= 0) return { raw: t.actions[i][field] ?? '', ...(t.ordinal >= 1 ? { prompt: t.ordinal, action: i + 1 } : { event: at.event }) }
    }
  } finally {
    db.close()
  }
  const what = field === 'prompt' ? `prompt ${at.prompt}` : at.action !== undefined ? `action ${at.action} under prompt ${at.prompt}` : `event ${at.event}`
  throw new UsageError(`session ${session} has no ${what} in ${dbPath}`)
}

export async function redactionsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rules: { type: 'string' },
      db: { type: 'string' },
      actor: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
      session: { type: 'string' },
      prompt: { type: 'string' },
      event: { type: 'string' },
      action: { type: 'string' },
      field: { type: 'string' },
      value: { type: 'string' },
      detector: { type: 'string' },
      reason: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  const [sub, ...rest] = positionals
  if (values.help || sub === undefined) {
    io.out(redactionsHelp)
    return values.help ? 0 : 2
  }
  const path = values.rules ?? DEFAULT_CONFIG_PATH
  const text = readRulesText(path)
  if (sub === 'list') {
    const entries = listEntries(text)
    if (values.json) io.out(JSON.stringify(entries, null, 2) + '\n')
    else if (entries.length === 0) io.out(`${path}: no entries\n`)
    else
      for (const e of entries)
        io.out(
          `${e.ref.padEnd(18)} ${e.kind.padEnd(9)} ${e.detail}${[e.actor, e.date, e.reason && JSON.stringify(e.reason)]
            .filter(Boolean)
            .map((x) => ` · ${x}`)
            .join('')}\n`
        )
    return 0
  }
  const audit = { actor: values.actor?.trim() || defaultActor(), date: values.date ?? new Date().toISOString().slice(0, 10) }
  let edited: Edited
  try {
    if (sub === 'remove') {
      if (rest.length !== 1) throw new UsageError('remove takes one entry reference, as list shows it (e.g. overrides[0])')
      edited = removeEntry(text, rest[0], undefined, path)
    } else if (sub === 'add') {
      edited = add(rest[0], text, path, values, audit)
    } else throw new UsageError(`unknown subcommand '${sub}' (list, add or remove)`)
  } catch (e) {
    if (e instanceof UsageError) throw e
    io.err(`ai-log-trail redactions: ${(e as Error).message}\n`)
    return 1
  }
  writeRulesText(path, edited.text)
  // The edit joins the review history of the database, when there is one to join.
  const historyDb = values.db ?? 'ai-log-trail.sqlite'
  if (existsSync(historyDb)) {
    const db = openStore(historyDb)
    try {
      appendHistory(db, { ...edited.note, actor: audit.actor, reason: values.reason })
    } finally {
      db.close()
    }
  }
  io.out(values.json ? JSON.stringify(edited.note) + '\n' : `${path}: ${edited.note.detail}\n`)
  return 0
}

interface AddValues {
  db?: string
  session?: string
  prompt?: string
  event?: string
  action?: string
  field?: string
  value?: string
  detector?: string
  reason?: string
}

function need(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new UsageError(`${flag} is required`)
  return v
}

function add(kind: string | undefined, text: string, path: string, v: AddValues, audit: { actor: string; date: string }): Edited {
  const prompt = positiveInt(v.prompt, '--prompt')
  switch (kind) {
    case 'occurrence': {
      const session = need(v.session, '--session')
      const event = positiveInt(v.event, '--event')
      const action = positiveInt(v.action, '--action')
      const field = (v.field ?? (prompt !== undefined && action === undefined ? 'prompt' : undefined)) as (typeof FIELDS)[number] | undefined
      if (!field || !FIELDS.includes(field)) throw new UsageError(`--field must be one of ${FIELDS.join(', ')}`)
      if (field !== 'prompt' && (event === undefined) === (action === undefined || prompt === undefined))
        throw new UsageError('an event is named by --event N, or by --prompt N with --action K (its place under that prompt)')
      const { raw, ...place } = locateField(v.db ?? 'ai-log-trail.sqlite', session, field, { prompt, action, event })
      return addOccurrence(text, { session, field, ...place, value: need(v.value, '--value'), reason: v.reason }, raw, audit, path)
    }
    case 'allow':
      return addAllow(text, { detector: need(v.detector, '--detector'), value: need(v.value, '--value'), reason: v.reason }, audit, path)
    case 'private':
      return addPrivate(text, { session: need(v.session, '--session'), prompt, reason: v.reason }, audit, path)
    default:
      throw new UsageError('add takes occurrence, allow or private')
  }
}
