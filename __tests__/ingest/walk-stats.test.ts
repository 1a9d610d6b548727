import { describe, expect, it } from '@jest/globals'
import { mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { walkFiles, walkFileStats } from '../../src/ingest/walk.js'
import { tmpDir } from '../helpers.js'

/*
 * The walk hands each file's `stat` to its caller (the ingest's plan, the worker choice), which
 * no longer asks again: it must be the file's own, the target's when the file is reached through
 * a symbolic link.
 */
describe('walkFileStats', () => {
  it("gives each file with the stat of the file it names (a link's target), in walkFiles' order", async () => {
    const d = tmpDir('alt-walk-stats-')
    try {
      mkdirSync(join(d, 'b'))
      writeFileSync(join(d, 'a.jsonl'), '{}\n')
      writeFileSync(join(d, 'b', 'c.jsonl'), '{"a":1}\n{"b":2}\n')
      writeFileSync(join(d, 'target.jsonl'), 'x'.repeat(100))
      symlinkSync(join(d, 'target.jsonl'), join(d, 'b', 'link.jsonl'))
      const walked: { path: string; size: number; ino: number; mtimeMs: number }[] = []
      for await (const f of walkFileStats([join(d, 'b'), d])) walked.push({ path: f.path, size: f.size, ino: f.ino, mtimeMs: f.mtimeMs })
      const paths: string[] = []
      for await (const p of walkFiles([join(d, 'b'), d])) paths.push(p)
      expect(walked.map((w) => w.path)).toEqual(paths)
      // The target is reached first through the link, and not given twice.
      expect(paths).toEqual([join(d, 'b', 'c.jsonl'), join(d, 'b', 'link.jsonl'), join(d, 'a.jsonl')])
      for (const w of walked) {
        const st = statSync(w.path)
        expect(w).toEqual({ path: w.path, size: st.size, ino: st.ino, mtimeMs: st.mtimeMs })
      }
      expect(walked[1].size).toBe(100)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
