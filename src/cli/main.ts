import { version } from './version.js'
import { collectCommand, collectHelp } from './commands/collect.js'
import { dispositionCommand, dispositionHelp } from './commands/disposition.js'
import { dryRunCommand, dryRunHelp } from './commands/dry-run.js'
import { exportCommand, exportHelp } from './commands/export.js'
import { historyCommand, historyHelp } from './commands/history.js'
import { ingestCommand, ingestHelp } from './commands/ingest.js'
import { initCommand, initHelp } from './commands/init.js'
import { migrateCommand, migrateHelp } from './commands/migrate.js'
import { noteCommand, noteHelp } from './commands/note.js'
import { redactCommand, redactHelp } from './commands/redact.js'
import { redactionsCommand, redactionsHelp } from './commands/redactions.js'
import { reportCommand, reportHelp } from './commands/report.js'
import { reviewCommand, reviewHelp } from './commands/review.js'
import { rulesCommand, rulesHelp } from './commands/rules.js'
import { sessionsCommand, sessionsHelp } from './commands/sessions.js'
import { tagCommand, tagHelp } from './commands/tag.js'
import { type CliIo, processIo, UsageError } from './io.js'
import { inertIo } from './terminal-text.js'
import { ConfigError } from '../config/load.js'
import { RuleError } from '../redact/rules.js'

const commands: Record<string, { run: (argv: string[], io: CliIo) => Promise<number>; help: string; summary: string }> = {
  init: { run: initCommand, help: initHelp, summary: 'set this repository up: rules file, workflow, .gitignore lines, optional hooks' },
  ingest: { run: ingestCommand, help: ingestHelp, summary: 'read agent session logs into the database' },
  sessions: { run: sessionsCommand, help: sessionsHelp, summary: 'list sessions with prompts, tool calls and tokens' },
  'dry-run': { run: dryRunCommand, help: dryRunHelp, summary: "run the Action's pipeline locally: write comment, summary and reports, publish nothing" },
  report: { run: reportCommand, help: reportHelp, summary: 'render a redacted report (md, csv, json, html) from the database' },
  collect: {
    run: collectCommand,
    help: collectHelp,
    summary: "stage this branch's sessions as sanitized copies under .ai-logs/ (from every agent's default places)"
  },
  redact: { run: redactCommand, help: redactHelp, summary: 'write sanitized copies of session logs (before committing them to .ai-logs/)' },
  export: { run: exportCommand, help: exportHelp, summary: 'write a sanitized copy of the database' },
  rules: { run: rulesCommand, help: rulesHelp, summary: 'check a rules file, or test what it redacts' },
  review: { run: reviewCommand, help: reviewHelp, summary: 'serve a local page to review redacted sessions and add redaction rules' },
  tag: { run: tagCommand, help: tagHelp, summary: 'tag a session or a prompt with a label (a ticket, a theme), remove or list tags' },
  note: { run: noteCommand, help: noteHelp, summary: 'add a note to a session or a prompt, remove or list notes' },
  disposition: { run: dispositionCommand, help: dispositionHelp, summary: 'record what became of a prompt: followed, ignored or needs-review' },
  history: { run: historyCommand, help: historyHelp, summary: 'list every review change (who, when, why), or undo one' },
  redactions: {
    run: redactionsCommand,
    help: redactionsHelp,
    summary: "list, add or remove the rules file's review entries: one-field redactions, allowed false positives, private sessions"
  },
  migrate: { run: migrateCommand, help: migrateHelp, summary: 'copy a SQLite store into PostgreSQL, verify the copy, or roll a copy back' }
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
