import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { collect } from '../../collect/collect.js'
import type { LazyConfig } from '../../collect/rules-digest.js'
import { DEFAULT_CONFIG_PATH } from '../../config/default-path.js'
import { describeLateCheck } from '../../render/text.js'
import { describeReason } from '../../scope/describe.js'
import { toInstant } from '../../select/filters.js'
import { type CliIo, UsageError } from '../io.js'

export const collectHelp = `Usage: ai-log-trail collect [--all] [--since DATE] [--branch NAME] [--base REF] [--dry-run] [--json]

Finds this repository's sessions in every agent's default places and writes sanitized copies
under .ai-logs/<agent>/<session-id>.<ext>, ready to commit. By default only the sessions of the
current branch: those the agent ran on it, or that edited files the branch changed since its
merge base with the default branch. Only redacted bytes reach .ai-logs/; a copy whose bytes would
not change is not rewritten, so running it again changes nothing.

Options:
  --all          every session of this repository, whatever its branch
  --since DATE   only sessions that started on or after DATE (YYYY-MM-DD or a date-time)
  --branch NAME  the branch whose sessions are wanted (default: the checked-out branch)
  --base REF     the branch it is compared with (default: the default branch)
  --dry-run      print what would be written, write nothing
  --rules FILE   redaction rules (default .github/ai-log-trail.yml when it exists)
  --json         print {scope, staged, redactions}
  -h, --help     show this help
`

/**
 * The rules in force as `loadConfig` finds them, parsed only when a copy has to be made: what
 * decides them is the named file's text, else the default file's, else that there is none.
 */
function lazyConfig(path: string | undefined): LazyConfig {
  const file = path ?? `./${DEFAULT_CONFIG_PATH}`
  let text: string
  try {
    text = `${path === undefined ? 'default' : 'named'}\0${readFileSync(file, 'utf8')}`
  } catch {
    text = `${path === undefined ? 'default' : 'named'}\0(unreadable)`
  }
  return { source: text, load: async () => (await import('../../config/load.js')).loadConfig(path).config }
}

export async function collectCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: 'boolean' },
      since: { type: 'string' },
      branch: { type: 'string' },
      base: { type: 'string' },
      'dry-run': { type: 'boolean' },
      rules: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    io.out(collectHelp)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`collect takes no paths (it reads every agent's default places): ${positionals.join(' ')}`)
  let since: string | undefined
  try {
    since = values.since === undefined ? undefined : toInstant(values.since, 'UTC', false)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const config = lazyConfig(values.rules)
  const r = await collect({ repoDir: process.cwd(), config, all: values.all, since, branch: values.branch, base: values.base, dryRun: values['dry-run'] })
  if (values.json) {
    io.out(JSON.stringify({ scope: { kind: r.scope.kind, label: r.scope.label }, staged: r.staged, redactions: r.redactions, late: r.late }) + '\n')
    return 0
  }
  const verb = values['dry-run'] ? 'would stage' : 'staged'
  for (const f of r.staged) {
    const why = f.reasons.map((x) => describeReason(x, r.scope.kind)).join('; ')
    io.out(`${f.status === 'unchanged' ? 'unchanged' : verb} ${f.path}${f.status === 'updated' ? ' (grown)' : ''}: ${f.agent}, ${why}\n`)
  }
  const changed = r.staged.filter((f) => f.status !== 'unchanged').length
  io.out(
    `${r.scope.label}: ${r.staged.length} file(s) of ${r.scope.sessions.length} session(s), ${changed} ${values['dry-run'] ? 'to write' : 'written'}; ${r.redactions} value(s) redacted\n`
  )
  io.out(r.late.total ? `${describeLateCheck(r.late)}\n` : 'Late check: nothing found in the copies\n')
  return 0
}
