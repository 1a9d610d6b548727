import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { connectPg } from '../../src/store/pg/connect.js'
import { naturalDigests } from '../../src/store/pg/natural-digest.js'
import { snapshotPg } from '../../src/store/pg/snapshot.js'
import { fixtures, repoRoot } from '../helpers.js'

/** The bundled example logs `npm run demo` reads (real agents' formats, written for the repository). */
export const DEMO_LOGS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder'].map((d) => join(fixtures, d))

/** Every session of the PostgreSQL store, as a digest of its rows by natural keys. */
export async function pgDigests(url: string, dir: string): Promise<Map<string, { rows: number; hex: string }>> {
  const path = join(dir, `snapshot-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`)
  const client = await connectPg(url)
  try {
    await snapshotPg(client, path)
  } finally {
    await client.end()
  }
  const db = openStore(path, { readonly: true })
  try {
    return naturalDigests(db)
  } finally {
    db.close()
  }
}

/** The SQL block of a docs page after `<!-- sql:NAME -->`: the test runs what the docs say. */
export function docSql(doc: string, name: string): string {
  const text = readFileSync(join(repoRoot, 'docs', doc), 'utf8')
  const m = new RegExp(`<!-- sql:${name} -->\\n\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(text)
  if (!m) throw new Error(`docs/${doc} has no sql:${name} block`)
  return m[1]
}
