import * as core from '@actions/core'
import { join } from 'node:path'
import { ingestPaths } from '../ingest/ingest.js'
import { openStore } from '../store/db.js'
import { listSessions } from '../store/queries.js'

/**
 * The Action front: reads inputs, runs the library, writes outputs. Only counts leave this step
 * until the redaction and report layers publish text (see docs/roadmap in the README).
 */
export async function run(): Promise<void> {
  try {
    const paths = core
      .getInput('paths')
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean)
    const dbPath = core.getInput('database') || join(process.env.RUNNER_TEMP ?? '.', 'ai-log-trail.sqlite')
    const db = openStore(dbPath)
    try {
      const result = await ingestPaths(db, paths.length ? paths : ['.ai-logs'])
      const sessions = listSessions(db)
      const sum = (f: (s: (typeof sessions)[number]) => number) => sessions.reduce((a, s) => a + f(s), 0)
      core.setOutput('sessions', sessions.length)
      core.setOutput('prompts', sum((s) => s.prompts))
      core.setOutput('tool-calls', sum((s) => s.tool_calls))
      core.setOutput('total-tokens', sum((s) => s.tokens.total))
      for (const e of result.errors) core.warning(`${e.file}${e.line !== null ? `:${e.line}` : ''}: ${e.reason}`)
    } finally {
      db.close()
    }
  } catch (e) {
    core.setFailed((e as Error).message)
  }
}
