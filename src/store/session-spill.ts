import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A temporary SQLite file holding a job's redacted sessions as JSON text, a list per report, so a
 * report of many sessions is read back a page at a time instead of held (src/select/spill.ts). It
 * is never the user's working database, holds only redacted text, and is deleted by `close`.
 */
export class SessionSpill {
  private readonly dir: string
  private readonly db: Database.Database
  private readonly insert: Database.Statement
  private readonly page: Database.Statement
  private readonly one: Database.Statement
  private nextList = 0

  /** `parent`: the folder the file's own temporary folder is made in. */
  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'ai-log-trail-pages-'))
    this.db = new Database(join(this.dir, 'sessions.sqlite'))
    // Nothing here outlives the process: no journal, no syncing, a small page cache.
    this.db.pragma('journal_mode = OFF')
    this.db.pragma('synchronous = OFF')
    this.db.pragma('cache_size = -2048')
    this.db.exec('CREATE TABLE sessions (list INTEGER NOT NULL, ord INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (list, ord)) WITHOUT ROWID')
    this.insert = this.db.prepare('INSERT INTO sessions (list, ord, json) VALUES (?, ?, ?)')
    // A text written as its UTF-8 bytes is read back as the text.
    this.page = this.db.prepare('SELECT CAST(json AS TEXT) FROM sessions WHERE list = ? AND ord >= ? ORDER BY ord').pluck()
    this.one = this.db.prepare('SELECT CAST(json AS TEXT) FROM sessions WHERE list = ? AND ord = ?').pluck()
  }

  /** A new list's number. */
  newList(): number {
    return this.nextList++
  }

  /** Appends texts (or their UTF-8 bytes) to a list at `from`, `from + 1`, … in one transaction. */
  write(list: number, from: number, texts: readonly (string | Buffer)[]): void {
    this.db.transaction(() => {
      texts.forEach((t, i) => this.insert.run(list, from + i, t))
    })()
  }

  /** Texts of a list from `from`, in order: at most `limit`, and none past the one that makes `maxChars` characters. */
  read(list: number, from: number, limit: number, maxChars: number): string[] {
    const out: string[] = []
    let chars = 0
    // Stopped early, the statement is reset, so the connection is free again when this returns.
    for (const t of this.page.iterate(list, from) as IterableIterator<string>) {
      out.push(t)
      chars += t.length
      if (out.length >= limit || chars >= maxChars) break
    }
    return out
  }

  /** The text at `ord` of a list, or undefined. */
  at(list: number, ord: number): string | undefined {
    return this.one.get(list, ord) as string | undefined
  }

  /** Closes the file and deletes it. */
  close(): void {
    if (this.db.open) this.db.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
