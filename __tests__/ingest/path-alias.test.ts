import { afterAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, copyFileSync, cpSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * The same logs reached under another spelling (a link to their folder, as a symlinked
 * `~/.claude` or a checkout reached through a link gives, or a hard link) are the same files. Read
 * again under the new path, they were stored a second time: on the 50 MB bench corpus, the second
 * spelling doubled the events and raised the report's prompts from 456 to 493 and its tokens by 6 %.
 * Inputs: the committed Codex and Claude Code fixtures, copied, linked and grown here.
 */

const dir = tmpDir('alt-path-alias-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const COUNTED = ['files', 'sessions', 'turns', 'events', 'prompts', 'function_calls', 'token_messages'] as const

function counts(db: Db): Record<string, number> {
  return Object.fromEntries(COUNTED.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]))
}

function logsIn(name: string): string {
  const logs = join(dir, name, 'logs')
  mkdirSync(logs, { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  return logs
}

const codexFile = (logs: string) => join(logs, 'codex', readdirSync(join(logs, 'codex')).filter((n) => n.endsWith('.jsonl'))[0])

describe('a log the store holds, reached under another path', () => {
  it('is left alone through a link to its folder: nothing stored twice', async () => {
    const logs = logsIn('folder-link')
    const link = join(dir, 'folder-link', 'via-link')
    symlinkSync(logs, link, 'dir')
    const db = openStore(join(dir, 'folder-link', 'store.sqlite'))
    try {
      const first = await ingestPaths(db, [logs], { isolate: false })
      const before = counts(db)
      expect(first.files).toBeGreaterThan(2)
      const again = await ingestPaths(db, [link], { isolate: false })
      expect([again.files, again.unchanged_files, again.events]).toEqual([0, first.files, 0])
      expect(counts(db)).toEqual(before)
      // The store keeps the spelling it first read.
      const linked = db.prepare(`SELECT COUNT(*) FROM files WHERE path LIKE ?`).pluck().get(`${link}%`)
      expect(linked).toBe(0)
    } finally {
      db.close()
    }
  })

  it('is left alone through a hard link', async () => {
    const logs = logsIn('hard-link')
    const elsewhere = join(dir, 'hard-link', 'elsewhere')
    mkdirSync(elsewhere)
    const file = codexFile(logs)
    linkSync(file, join(elsewhere, 'same.jsonl'))
    const db = openStore(join(dir, 'hard-link', 'store.sqlite'))
    try {
      await ingestPaths(db, [logs], { isolate: false })
      const before = counts(db)
      const again = await ingestPaths(db, [elsewhere], { isolate: false })
      expect([again.files, again.unchanged_files]).toEqual([0, 1])
      expect(counts(db)).toEqual(before)
    } finally {
      db.close()
    }
  })

  it('grown, is read on from where the stored path stopped, once', async () => {
    const logs = logsIn('grown')
    const link = join(dir, 'grown', 'via-link')
    symlinkSync(logs, link, 'dir')
    const file = codexFile(logs)
    const db = openStore(join(dir, 'grown', 'store.sqlite'))
    const alone = openStore(join(dir, 'grown', 'alone.sqlite'))
    try {
      await ingestPaths(db, [logs], { isolate: false })
      await ingestPaths(alone, [logs], { isolate: false })
      // A later turn of the same session: the file's own last lines again, at the end.
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
      appendFileSync(file, lines.slice(-2).join('\n') + '\n')
      const again = await ingestPaths(db, [link], { isolate: false })
      await ingestPaths(alone, [logs], { isolate: false })
      expect(again.files).toBe(1)
      expect(counts(db)).toEqual(counts(alone))
    } finally {
      db.close()
      alone.close()
    }
  })

  it('is still read when it is a copy: another file with the same bytes', async () => {
    const logs = logsIn('copy')
    const elsewhere = join(dir, 'copy', 'elsewhere')
    mkdirSync(elsewhere)
    copyFileSync(codexFile(logs), join(elsewhere, 'copy.jsonl'))
    const db = openStore(join(dir, 'copy', 'store.sqlite'))
    try {
      await ingestPaths(db, [logs], { isolate: false })
      const files = counts(db).files
      const again = await ingestPaths(db, [elsewhere], { isolate: false })
      expect(again.files).toBe(1)
      expect(counts(db).files).toBe(files + 1)
    } finally {
      db.close()
    }
  })
})
