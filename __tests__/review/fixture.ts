import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'node:http'
import { loadConfig } from '../../src/config/load.js'
import { ReviewSource } from '../../src/review/data.js'
import type { RulesEditNote } from '../../src/review/entries.js'
import { readRulesText, writeRulesText } from '../../src/review/rules-file.js'
import { exportLikeDryRun } from '../../src/review/export.js'
import { startReviewServer, type ReviewServer } from '../../src/review/server.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/** The bundled Codex example logs (self-written fixtures), served as `review` would serve them. */
export const SESSION_WITH_TOOL_OUTPUT = '0199a1b2-0000-7000-8000-00000000c0de'
/** A tool call whose arguments hold a home folder the `home-path` detector redacts. */
export const HOME_PATH_SESSION = '01a0c0de-2026-7000-8000-0000000000e2'
export const HOME_PATH_EVENT_TEXT = 'npm test -- parser'

/** A rules file with comments in every place a careless rewrite would move or drop them. */
export const COMMENTED_RULES = `# Redaction rules for this repository.
version: 1   # format version

rules:
  # Client names stay out of reports.
  - id: client
    literals: ["Acme Corp"]   # the big one
  # Ticket numbers.
  - id: ticket
    pattern: 'TCK-[0-9]+'
# allow-list below

allow:
  literals: []
`

export interface Served {
  ingested: Ingested
  server: ReviewServer
  rulesPath: string
  close(): Promise<void>
}

export async function serveFixtures(
  opts: { idleMinutes?: number; agents?: string[]; extra?: string[]; withExport?: boolean; onEdit?: (note: RulesEditNote) => void } = {}
): Promise<Served> {
  const paths = [...(opts.agents ?? ['codex']).map((a) => join(fixtures, a)), ...(opts.extra ?? [])]
  const ingested = await ingestFresh(paths)
  const rulesPath = join(ingested.dir, 'ai-log-trail.yml')
  writeFileSync(rulesPath, COMMENTED_RULES)
  const source = new ReviewSource({ db: ingested.db, loadConfig: () => loadConfig(rulesPath).config })
  const server = await startReviewServer({
    source,
    rules: { path: rulesPath, read: () => readRulesText(rulesPath), write: (t) => writeRulesText(rulesPath, t) },
    actor: 'reviewer',
    today: () => '2026-12-06',
    // What `review` runs for its export button: dry-run's job on the same logs, database and rules.
    exportReport: opts.withExport
      ? () =>
          exportLikeDryRun({
            database: join(ingested.dir, 'test.sqlite'),
            repoDir: ingested.dir,
            paths,
            config: loadConfig(rulesPath).config,
            mode: 'full',
            formats: ['md', 'json'],
            version: 'test',
            scope: { kind: 'paths', paths }
          })
      : undefined,
    onEdit: opts.onEdit,
    idleMinutes: opts.idleMinutes
  })
  return {
    ingested,
    server,
    rulesPath,
    async close() {
      await server.close()
      ingested.close()
      rmSync(rulesPath, { force: true })
    }
  }
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A plain HTTP request, so the test sets `Host` and every header itself. */
export function http(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: opts.host ?? '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }))
      }
    )
    req.on('error', reject)
    if (opts.body !== undefined) req.write(opts.body)
    req.end()
  })
}

export const HOSTILE_SESSION = '0199a1b2-0000-7000-8000-0000000bad00'
/** Markup and script in a prompt and a tool output: the page must show it as text and run none of it. */
export const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script></pre><a href="http://evil.example/">x</a>'

/** A copy of a bundled Codex log under another session id, with hostile text in its first prompt and a tool output. */
export function writeHostileLog(dir: string): string {
  const name = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
  const esc = JSON.stringify(HOSTILE_TEXT).slice(1, -1)
  const text = readFileSync(join(fixtures, 'codex', name), 'utf8')
    .replaceAll('0199a1b2-0000-7000-8000-00000000c0de', HOSTILE_SESSION)
    .replaceAll('Refactor the parser so it streams input', esc)
    .replaceAll('export function parse() {}', esc)
  const file = join(dir, name.replace('00000000c0de', '0000000bad00'))
  writeFileSync(file, text)
  return file
}
