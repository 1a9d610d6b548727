import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore, type Db } from '../../src/store/db.js'
import { connectPg, type PgClient } from '../../src/store/pg/connect.js'
import { PG_ONLY_TABLES, pgSchemaVersion } from '../../src/store/pg/schema.js'
import { pgSchemaShape } from '../../src/store/pg/schema-shape.js'
import { verifyRun } from '../../src/store/pg/verify.js'
import { sqliteSchemaShape } from '../../src/store/schema-shape.js'
import { captureIo, fixtures, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'

/** The bundled example logs `npm run demo` reads (real agents' formats, written for the repository). */
const DEMO_LOGS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder'].map((d) => join(fixtures, d))

async function run(argv: string[]) {
  const io = captureIo()
  const code = await main(['migrate', ...argv], io)
  return { code, out: io.stdout, err: io.stderr }
}

async function counts(client: PgClient, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`)).rows[0].n)
  return out
}

describePg('ai-log-trail migrate on the bundled example database', () => {
  let dir: string
  let example: string
  let sqliteCounts: Record<string, number>
  let tables: string[]
  beforeAll(async () => {
    dir = tmpDir('alt-migrate-')
    example = join(dir, 'example.sqlite')
    const db: Db = openStore(example)
    await ingestPaths(db, DEMO_LOGS)
    tables = Object.keys(sqliteSchemaShape(db))
    sqliteCounts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]))
    db.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  let target: TestDatabase
  let client: PgClient
  beforeEach(async () => {
    target = await freshDatabase()
    client = await connectPg(target.url)
  })
  afterEach(async () => {
    await client.end()
    await target.drop()
  })

  it('has something in the tables that matter, so the copy is tested on data', () => {
    for (const t of ['files', 'sessions', 'events', 'prompts', 'function_calls', 'token_messages', 'session_sources'])
      expect(sqliteCounts[t]).toBeGreaterThan(0)
  })

  it('dry run: prints every table with the rows it would copy, and writes nothing', async () => {
    const r = await run(['--from', example, '--to', target.url, '--dry-run'])
    expect(r).toEqual(expect.objectContaining({ code: 0, err: '' }))
    expect(r.out).toMatch(/^Dry run, nothing written\./)
    expect(r.out).toContain('no schema yet: would create version')
    for (const t of tables) expect(r.out).toMatch(new RegExp(`^${t} +${sqliteCounts[t].toLocaleString('en-US')} +0 +0$`, 'm'))
    const total = Object.values(sqliteCounts).reduce((a, b) => a + b, 0)
    expect(r.out).toContain(`Would copy ${total.toLocaleString('en-US')} rows of ${tables.length} tables`)
    expect(await pgSchemaVersion(client)).toBe(0)
    // The password never reaches the output.
    const password = new URL(target.url).password
    expect(password.length).toBeGreaterThan(0)
    expect(r.out).not.toContain(password)
  })

  it('copy: every row arrives, and the verification prints matching counts and checksums per session', async () => {
    const r = await run(['--from', example, '--to', target.url])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Migration run 1: copied/)
    expect(r.out).toMatch(/Verified: row counts of \d+ tables and checksums of \d+ sessions agree/)
    expect(await counts(client, tables)).toEqual(sqliteCounts)
    const json = await run(['--from', example, '--to', target.url, '--json', '--dry-run'])
    expect(JSON.parse(json.out).tables.every((t: { conflicts: number; rows: number }) => t.conflicts === t.rows)).toBe(true)
    // Every session is listed with its checksum, the same on both sides.
    const source = openStore(example, { readonly: true })
    const v = await verifyRun(source, client, 1)
    const sessionIds = (source.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((s) => s.id)
    source.close()
    expect(v.ok).toBe(true)
    expect(
      v.groups
        .filter((g) => !g.group.startsWith('table:'))
        .map((g) => g.group)
        .sort()
    ).toEqual([...sessionIds].sort())
    for (const g of v.groups)
      expect(r.out).toMatch(
        new RegExp(`^${g.group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +[\\d,]+ +${g.source.slice(0, 16)} +${g.target.slice(0, 16)} +ok$`, 'm')
      )
    // Rows written later by PostgreSQL itself get ids after the copied ones.
    const next = await client.query<{ id: string }>(`INSERT INTO files (path) VALUES ('/later') RETURNING id::text`)
    expect(Number(next.rows[0].id)).toBeGreaterThan(sqliteCounts.files)
  })

  it('verification fails on a changed, a missing or an extra row, and names the session', async () => {
    expect((await run(['--from', example, '--to', target.url])).code).toBe(0)
    const source = openStore(example, { readonly: true })
    try {
      const prompt = (await client.query<{ session_id: string; event_id: string }>(`SELECT session_id, event_id::text FROM prompts ORDER BY event_id LIMIT 1`))
        .rows[0]
      await client.query(`UPDATE prompts SET text = text || ' ' WHERE event_id = $1`, [prompt.event_id])
      let v = await verifyRun(source, client, 1)
      expect(v.ok).toBe(false)
      expect(v.groups.filter((g) => !g.ok).map((g) => g.group)).toEqual([prompt.session_id])
      expect(v.tables.every((t) => t.ok)).toBe(true)

      await client.query(`DELETE FROM token_messages WHERE event_id = (SELECT min(event_id) FROM token_messages)`)
      v = await verifyRun(source, client, 1)
      expect(v.tables.find((t) => t.table === 'token_messages')?.ok).toBe(false)
    } finally {
      source.close()
    }
  })

  it('rollback: removes exactly what the run added, leaving rows it did not add', async () => {
    // A run rolled back before, then rows that were there before the next run, with keys the example does not use.
    expect((await run(['--from', example, '--to', target.url])).code).toBe(0)
    expect((await run(['--to', target.url, '--rollback', '1'])).code).toBe(0)
    await client.query(`INSERT INTO files (id, path) VALUES (100000, '/kept/log.jsonl')`)
    await client.query(`INSERT INTO sessions (id, agent, first_file_id) VALUES ('kept-session', 'codex', 100000)`)
    await client.query(`INSERT INTO events (id, file_id, line, seq, session_id, kind, payload) VALUES (100000, 100000, 1, 0, 'kept-session', 'prompt', '{}')`)
    const kept = await counts(client, tables)

    const copy = await run(['--from', example, '--to', target.url])
    expect(copy.code).toBe(0)
    const runId = Number(/Migration run (\d+)/.exec(copy.out)?.[1])
    expect(runId).toBe(2)
    const rb = await run(['--to', target.url, '--rollback', String(runId)])
    expect(rb.code).toBe(0)
    expect(rb.out).toContain(`Rolled back migration run ${runId}`)
    const total = Object.values(sqliteCounts).reduce((a, b) => a + b, 0)
    expect(rb.out).toContain(`removed ${total.toLocaleString('en-US')} rows`)
    expect(await counts(client, tables)).toEqual(kept)
    expect((await client.query(`SELECT id FROM sessions`)).rows).toEqual([{ id: 'kept-session' }])
    expect((await client.query(`SELECT count(*)::int AS n FROM migration_run_keys`)).rows[0].n).toBe(0)

    const again = await run(['--to', target.url, '--rollback', String(runId)])
    expect(again.code).toBe(1)
    expect(again.err).toContain('already undone')
  })

  it('rollback is refused, removing nothing, when rows added since depend on the run', async () => {
    expect((await run(['--from', example, '--to', target.url])).code).toBe(0)
    const fileId = (await client.query<{ id: string }>(`SELECT min(id)::text AS id FROM files`)).rows[0].id
    await client.query(`INSERT INTO events (file_id, line, seq, session_id, kind, payload) VALUES ($1, 999999, 0, 'later', 'prompt', '{}')`, [fileId])
    const after = await counts(client, tables)
    const rb = await run(['--to', target.url, '--rollback', '1'])
    expect(rb.code).toBe(1)
    expect(rb.err).toMatch(/would also remove 1 row\(s\) of events that it did not add: nothing was removed/)
    expect(await counts(client, tables)).toEqual(after)
  })

  it('refuses to copy over rows with the same keys, and writes nothing', async () => {
    expect((await run(['--from', example, '--to', target.url])).code).toBe(0)
    const after = await counts(client, tables)
    const again = await run(['--from', example, '--to', target.url])
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/holds rows with the same keys already \(files: [\d,]+/)
    expect(await counts(client, tables)).toEqual(after)
  })

  it('creates the same schema as a fresh SQLite store', async () => {
    expect((await run(['--from', example, '--to', target.url])).code).toBe(0)
    const src = openStore(example, { readonly: true })
    const shape = sqliteSchemaShape(src)
    src.close()
    expect(await pgSchemaShape(client, PG_ONLY_TABLES)).toEqual(shape)
  })
})

it('migrate: a usage error without a PostgreSQL URL, whatever the environment', async () => {
  const saved = process.env.AI_LOG_TRAIL_DATABASE_URL
  delete process.env.AI_LOG_TRAIL_DATABASE_URL
  try {
    expect((await run(['--from', 'x.sqlite'])).code).toBe(2)
    expect((await run(['--from', 'x.sqlite', '--to', 'x.sqlite'])).err).toContain('--to takes a postgres:// URL')
    expect((await run(['--to', 'postgres://u@127.0.0.1:1/db', '--rollback', 'last'])).code).toBe(2)
  } finally {
    if (saved !== undefined) process.env.AI_LOG_TRAIL_DATABASE_URL = saved
  }
})
