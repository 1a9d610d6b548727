import { parseArgs } from 'node:util'
import { init, InitError, type InitHook } from '../../init/init.js'
import { type CliIo, UsageError } from '../io.js'

export const initHelp = `Usage: ai-log-trail init [--hook pre-push|claude]... [--force]

Sets this repository up, idempotently, and prints what it did:
  .github/ai-log-trail.yml            the redaction rules, with comments
  .github/workflows/ai-log-trail.yml  the workflow that reports on every pull request
  .gitignore                          lines that keep the working databases out of git
A file of yours that differs is kept and its diff printed; --force replaces it.

Options:
  --hook pre-push  a git pre-push hook that runs collect (and stops the push once when it
                   staged new session copies, so they can be committed)
  --hook claude    a Claude Code SessionEnd hook in .claude/settings.json that runs collect
  --force          replace files that differ from what init writes
  -h, --help       show this help

Codex CLI has no session-end hook in the project; its 'notify' setting (~/.codex/config.toml)
can run a script after each turn: see docs/cli.md#init.
`

const HOOKS = new Set<InitHook>(['pre-push', 'claude'])

export async function initCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { hook: { type: 'string', multiple: true }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
  })
  if (values.help) {
    io.out(initHelp)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`init takes no arguments: ${positionals.join(' ')}`)
  const hooks = values.hook ?? []
  for (const h of hooks) if (!HOOKS.has(h as InitHook)) throw new UsageError(`unknown --hook ${h} (pre-push or claude)`)
  let steps
  try {
    steps = init({ repoDir: process.cwd(), hooks: hooks as InitHook[], force: values.force })
  } catch (e) {
    if (e instanceof InitError) {
      io.err(`ai-log-trail init: ${e.message}\n`)
      return 1
    }
    throw e
  }
  for (const s of steps) {
    io.out(`${s.outcome.padEnd(9)} ${s.path}: ${s.note}\n`)
    if (s.diff) io.out(s.diff.replace(/^/gm, '    ') + '\n')
  }
  return 0
}
