import { version } from './version.js'
import { type CliIo, processIo, UsageError } from './io.js'
import { inertIo } from './terminal-text.js'

// Each command's module is loaded when it runs: loading every command's dependencies (the
// redaction engine, the renderers, the review server) for one command was most of a short run.
const commands: Record<string, { run: (argv: string[], io: CliIo) => Promise<number>; summary: string }> = {
  init: {
    run: (argv, io) => import('./commands/init.js').then((m) => m.initCommand(argv, io)),
    summary: 'set this repository up: rules file, workflow, .gitignore lines, optional hooks'
  },
  ingest: { run: (argv, io) => import('./commands/ingest.js').then((m) => m.ingestCommand(argv, io)), summary: 'read agent session logs into the database' },
  sessions: {
    run: (argv, io) => import('./commands/sessions.js').then((m) => m.sessionsCommand(argv, io)),
    summary: 'list sessions with prompts, tool calls and tokens'
  },
  'dry-run': {
    run: (argv, io) => import('./commands/dry-run.js').then((m) => m.dryRunCommand(argv, io)),
    summary: "run the Action's pipeline locally: write comment, summary and reports, publish nothing"
  },
  report: {
    run: (argv, io) => import('./commands/report.js').then((m) => m.reportCommand(argv, io)),
    summary: 'render a redacted report (md, csv, json, html) from the database'
  },
  collect: {
    run: (argv, io) => import('./commands/collect.js').then((m) => m.collectCommand(argv, io)),
    summary: "stage this branch's sessions as sanitized copies under .ai-logs/ (from every agent's default places)"
  },
  redact: {
    run: (argv, io) => import('./commands/redact.js').then((m) => m.redactCommand(argv, io)),
    summary: 'write sanitized copies of session logs (before committing them to .ai-logs/)'
  },
  export: { run: (argv, io) => import('./commands/export.js').then((m) => m.exportCommand(argv, io)), summary: 'write a sanitized copy of the database' },
  rules: { run: (argv, io) => import('./commands/rules.js').then((m) => m.rulesCommand(argv, io)), summary: 'check a rules file, or test what it redacts' },
  review: {
    run: (argv, io) => import('./commands/review.js').then((m) => m.reviewCommand(argv, io)),
    summary: 'serve a local page to review redacted sessions and add redaction rules'
  },
  tag: {
    run: (argv, io) => import('./commands/tag.js').then((m) => m.tagCommand(argv, io)),
    summary: 'tag a session or a prompt with a label (a ticket, a theme), remove or list tags'
  },
  note: {
    run: (argv, io) => import('./commands/note.js').then((m) => m.noteCommand(argv, io)),
    summary: 'add a note to a session or a prompt, remove or list notes'
  },
  disposition: {
    run: (argv, io) => import('./commands/disposition.js').then((m) => m.dispositionCommand(argv, io)),
    summary: 'record what became of a prompt: followed, ignored or needs-review'
  },
  history: {
    run: (argv, io) => import('./commands/history.js').then((m) => m.historyCommand(argv, io)),
    summary: 'list every review change (who, when, why), or undo one'
  },
  redactions: {
    run: (argv, io) => import('./commands/redactions.js').then((m) => m.redactionsCommand(argv, io)),
    summary: "list, add or remove the rules file's review entries: one-field redactions, allowed false positives, private sessions"
  },
  migrate: {
    run: (argv, io) => import('./commands/migrate.js').then((m) => m.migrateCommand(argv, io)),
    summary: 'copy a SQLite store into PostgreSQL, verify the copy, or roll a copy back'
  }
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length))
  return `Usage: ai-log-trail <command> [options]

Reads AI coding agents' session logs, redacts them by committed rules, and reports what the
agents were asked and what they did.

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run 'ai-log-trail <command> --help' for a command's options.
Options: --help, --version
`
}

/** Runs the CLI; returns the exit code. Never calls process.exit, so tests can call it in-process. */
export async function main(argv: string[], rawIo: CliIo = processIo): Promise<number> {
  // Commands print log text (file names, event types, models, problems): none of it may drive the terminal.
  const io = inertIo(rawIo)
  const [cmd, ...rest] = argv
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(mainHelp())
    return cmd === undefined ? 2 : 0
  }
  if (cmd === '--version' || cmd === '-v') {
    io.out(version() + '\n')
    return 0
  }
  const c = commands[cmd]
  if (!c) {
    io.err(`ai-log-trail: unknown command '${cmd}' (see ai-log-trail --help)\n`)
    return 2
  }
  try {
    return await c.run(rest, io)
  } catch (e) {
    const [{ ConfigError }, { RuleError }] = await Promise.all([import('../config/load.js'), import('../redact/rules.js')])
    if (e instanceof ConfigError || e instanceof RuleError) {
      io.err(`${(e as Error).message}\n`)
      return 1
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`ai-log-trail ${cmd}: ${(e as Error).message}\n`)
      return 2
    }
    io.err(`ai-log-trail ${cmd}: ${(e as Error).stack ?? String(e)}\n`)
    return 1
  }
}
