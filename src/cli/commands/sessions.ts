import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openStore } from '../../store/db.js'
import { isPostgresUrl } from '../../store/pg/connect.js'
import { storeTarget, withLocalStore } from '../../store/pg/local-store.js'
import { listSessions } from '../../store/queries.js'
import { formatInt, textTable } from '../format.js'
import { type CliIo, UsageError } from '../io.js'

export const sessionsHelp = `Usage: ai-log-trail sessions [--db FILE] [--json]

Lists the sessions in the database with their prompts, tool calls and tokens.
Totals never count replayed history or a usage row the agent wrote twice (docs/tokens.md).

Options:
  --db FILE   database file (default ./ai-log-trail.sqlite), or a postgres:// URL (default
              AI_LOG_TRAIL_DATABASE_URL)
  --json      print a JSON array, one object per session
  -h, --help  show this help
`

export async function sessionsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help) {
    io.out(sessionsHelp)
    return 0
  }
  const target = storeTarget(values.db, 'ai-log-trail.sqlite')
  if (!isPostgresUrl(target) && !existsSync(target)) throw new UsageError(`database does not exist: ${target} (run ai-log-trail ingest first)`)
  return withLocalStore(target, 'read', (path) => listInto(path, values.json, io))
}

function listInto(path: string, json: boolean | undefined, io: CliIo): number {
  const db = openStore(path)
  try {
    const sessions = listSessions(db)
    if (json) {
      const out = sessions.map((s) => ({
        id: s.id,
        agent: s.agent,
        agent_version: s.agent_version,
        models: s.models,
        cwd: s.cwd,
        repository: s.repository,
        branch: s.branch,
        started_at: s.started_at,
        ended_at: s.ended_at,
        prompts: s.prompts,
        tool_calls: s.tool_calls,
        tokens: s.tokens,
        parent_id: s.parent_id,
        parent_relation: s.parent_relation
      }))
      io.out(JSON.stringify(out, null, 2) + '\n')
      return 0
    }
    io.out(
      textTable(
        ['session', 'agent', 'model', 'started (UTC)', 'prompts', 'tools', 'tokens'],
        sessions.map((s) => [
          s.id.slice(0, 8),
          `${s.agent}${s.agent_version ? ' ' + s.agent_version : ''}`,
          s.models.join(', ') || '-',
          s.started_at?.slice(0, 16).replace('T', ' ') ?? '-',
          s.prompts,
          s.tool_calls,
          formatInt(s.tokens.total)
        ]),
        new Set([4, 5, 6])
      )
    )
    return 0
  } finally {
    db.close()
  }
}
