import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '../../store/db.js'
import { connectPg, describeUrl, isPostgresUrl } from '../../store/pg/connect.js'
import { copyStore, planMigration } from '../../store/pg/copy.js'
import { migrationRun, RollbackRefused, rollbackRun } from '../../store/pg/rollback.js'
import { markVerified, verifyRun, type Verification } from '../../store/pg/verify.js'
import { formatInt, textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'

export const migrateHelp = `Usage: ai-log-trail migrate --from FILE --to URL [--dry-run] [--json]
       ai-log-trail migrate --to URL --rollback RUN [--json]

Copies a SQLite store into a PostgreSQL one (created or upgraded to the same schema version),
every table, as one numbered migration run, then verifies the copy: rows per table, and a
checksum of each session's rows, computed alike on both sides and printed. Exits 1 when they
differ. A run's rows are recorded with it, so --rollback removes exactly what it added.

Options:
  --from FILE     the SQLite store to copy (not modified)
  --to URL        the PostgreSQL store, postgres://user:password@host:port/database
                  (default: AI_LOG_TRAIL_DATABASE_URL)
  --dry-run       print what would be copied, and keys the target holds already; write nothing
  --rollback RUN  remove the rows migration run RUN added (its number is printed by the copy)
  --json          print the plan, the verification or the rollback as JSON
  -h, --help      show this help
`

export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean' },
      rollback: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    io.out(migrateHelp)
    return 0
  }
  const url = values.to ?? process.env.AI_LOG_TRAIL_DATABASE_URL
  if (!url) throw new UsageError('migrate needs --to postgres://… (or AI_LOG_TRAIL_DATABASE_URL)')
  if (!isPostgresUrl(url)) throw new UsageError('--to takes a postgres:// URL')
  const target = describeUrl(url)

  if (values.rollback !== undefined) {
    if (!/^\d+$/.test(values.rollback)) throw new UsageError(`--rollback takes a migration run number, not '${values.rollback}'`)
    if (values.from || values['dry-run']) throw new UsageError('--rollback takes only --to')
    const runId = Number(values.rollback)
    const client = await connectPg(url)
    try {
      const run = await migrationRun(client, runId)
      if (!run) throw new UsageError(`${target} has no migration run ${runId}`)
      let removed: Awaited<ReturnType<typeof rollbackRun>>
      try {
        removed = await rollbackRun(client, runId)
      } catch (e) {
        if (!(e instanceof RollbackRefused)) throw e
        io.err(`ai-log-trail migrate: ${e.message}\n`)
        return 1
      }
      const total = removed.reduce((n, r) => n + r.removed, 0)
      if (values.json) io.out(JSON.stringify({ run: runId, source: run.source, removed }) + '\n')
      else
        io.out(
          `Rolled back migration run ${runId} (from ${run.source}, ${run.startedAt}): removed ${formatInt(total)} rows from ${target}\n\n` +
            textTable(
              ['table', 'removed'],
              removed.filter((r) => r.removed > 0).map((r) => [r.table, formatInt(r.removed)]),
              new Set([1])
            )
        )
      return 0
    } finally {
      await client.end()
    }
  }

  if (!values.from) throw new UsageError('migrate needs --from FILE (the SQLite store to copy)')
  if (!existsSync(values.from)) throw new UsageError(`database does not exist: ${values.from}`)
  const source = openStore(values.from, { readonly: true })
  const client = await connectPg(url)
  try {
    const sourceName = basename(values.from)
    if (values['dry-run']) {
      const plan = await planMigration(source, client)
      if (values.json) {
        io.out(JSON.stringify({ dryRun: true, from: sourceName, to: target, ...plan }) + '\n')
        return 0
      }
      const rows = plan.tables.reduce((n, t) => n + t.rows, 0)
      const conflicts = plan.tables.reduce((n, t) => n + t.conflicts, 0)
      const schema =
        plan.targetVersion === 0
          ? `no schema yet: would create version ${plan.sourceVersion}`
          : plan.targetVersion < plan.sourceVersion
            ? `schema version ${plan.targetVersion}: would upgrade to ${plan.sourceVersion}`
            : `schema version ${plan.targetVersion}`
      io.out(
        `Dry run, nothing written. From ${sourceName} (schema version ${plan.sourceVersion}) to ${target} (${schema}).\n\n` +
          textTable(
            ['table', 'rows to copy', 'rows in target', 'keys in target'],
            plan.tables.map((t) => [t.table, formatInt(t.rows), formatInt(t.inTarget), formatInt(t.conflicts)]),
            new Set([1, 2, 3])
          ) +
          `\nWould copy ${formatInt(rows)} rows of ${plan.tables.length} tables as one migration run.\n` +
          (conflicts ? `${formatInt(conflicts)} of them have a key the target holds already: the copy would fail and undo itself.\n` : '')
      )
      return 0
    }
    const plan = await planMigration(source, client)
    const taken = plan.tables.filter((t) => t.conflicts > 0)
    if (taken.length) {
      io.err(
        `ai-log-trail migrate: ${target} holds rows with the same keys already (${taken.map((t) => `${t.table}: ${formatInt(t.conflicts)}`).join(', ')}); nothing copied. ` +
          `Was ${sourceName} migrated before? Merging several stores into one is not supported yet.\n`
      )
      return 1
    }
    const progress = (table: string, n: number) => {
      if (!values.json) io.err(`copied ${table}: ${formatInt(n)} rows\n`)
    }
    let runId: number
    try {
      runId = (await copyStore(source, client, sourceName, progress)).runId
    } catch (e) {
      const detail = (e as { detail?: string }).detail
      io.err(`ai-log-trail migrate: the copy failed and what it had added was removed: ${(e as Error).message}${detail ? ` (${detail})` : ''}\n`)
      return 1
    }
    const v = await verifyRun(source, client, runId)
    await markVerified(client, v)
    if (values.json) io.out(JSON.stringify({ run: runId, from: sourceName, to: target, verification: v }) + '\n')
    else io.out(describeVerification(v, sourceName, target))
    return v.ok ? 0 : 1
  } finally {
    source.close()
    await client.end()
  }
}

function describeVerification(v: Verification, sourceName: string, target: string): string {
  const copied = v.tables.reduce((n, t) => n + t.target, 0)
  const sessions = v.groups.filter((g) => !g.group.startsWith('table:'))
  const bad = v.groups.filter((g) => !g.ok)
  const short = (h: string) => h.slice(0, 16)
  return (
    `Migration run ${v.runId}: copied ${formatInt(copied)} rows from ${sourceName} to ${target}\n\n` +
    `Rows per table (source, and rows run ${v.runId} added):\n` +
    textTable(
      ['table', 'source', 'target', ''],
      v.tables.map((t) => [t.table, formatInt(t.source), formatInt(t.target), t.ok ? 'ok' : 'DIFFERENT']),
      new Set([1, 2])
    ) +
    `\nContent checksum per session (and per table for rows of no session), SHA-256 sum of the rows:\n` +
    textTable(
      ['session', 'rows', 'source', 'target', ''],
      v.groups.map((g) => [g.group, formatInt(g.sourceRows), short(g.source), short(g.target), g.ok ? 'ok' : 'DIFFERENT']),
      new Set([1])
    ) +
    (v.ok
      ? `\nVerified: row counts of ${v.tables.length} tables and checksums of ${sessions.length} sessions agree.\n`
      : `\nNOT verified: ${bad.length} checksum(s) and ${v.tables.filter((t) => !t.ok).length} row count(s) differ.\n`) +
    `To undo this run: ai-log-trail migrate --to URL --rollback ${v.runId}\n`
  )
}
