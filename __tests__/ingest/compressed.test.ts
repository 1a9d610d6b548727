import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, zstdCompressSync } from 'node:zlib'
import { byId, fixtures, ingestFresh, tmpDir } from '../helpers.js'

const ROLLOUT = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'))
const GEMINI = readFileSync(join(fixtures, 'gemini-cli', 'session-2025-11-02T09-14-a1b2c3d4.json'))

describe('compressed archives', () => {
  it('reads zstd and gzip rollouts (Codex archives old sessions as .jsonl.zst) with the same counts', async () => {
    const d = tmpDir()
    try {
      mkdirSync(join(d, 'zst'))
      mkdirSync(join(d, 'gz'))
      writeFileSync(join(d, 'zst', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl.zst'), zstdCompressSync(ROLLOUT))
      writeFileSync(join(d, 'gz', 'rollout-x.jsonl.gz'), gzipSync(ROLLOUT))
      for (const dir of ['zst', 'gz']) {
        const r = await ingestFresh([join(d, dir)])
        try {
          expect(r.result.errors).toEqual([])
          const s = byId(r.sessions, '0199a1b2-0000-7000-8000-00000000c0de')
          expect(s.tokens.total).toBe(5300)
          expect(s.prompts).toBe(2)
          expect(s.tool_calls).toBe(5)
        } finally {
          r.close()
        }
      }
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })

  it('reads a compressed whole-file document, and an archive and its plain copy are one session', async () => {
    const d = tmpDir()
    try {
      writeFileSync(join(d, 'session.json.gz'), gzipSync(GEMINI))
      writeFileSync(join(d, 'rollout-plain.jsonl'), ROLLOUT)
      writeFileSync(join(d, 'rollout-plain.jsonl.zst'), zstdCompressSync(ROLLOUT))
      const r = await ingestFresh([d])
      try {
        expect(r.result.errors).toEqual([])
        expect(byId(r.sessions, 'a1b2c3d4').agent).toBe('gemini-cli')
        expect(byId(r.sessions, '0199a1b2-0000-7000-8000-00000000c0de').tokens.total).toBe(5300)
      } finally {
        r.close()
      }
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })

  it('reports a corrupt archive and goes on', async () => {
    const d = tmpDir()
    try {
      const z = zstdCompressSync(ROLLOUT)
      writeFileSync(join(d, 'broken.jsonl.zst'), z.subarray(0, Math.floor(z.length / 2)))
      writeFileSync(join(d, 'ok.jsonl'), ROLLOUT)
      const r = await ingestFresh([d])
      try {
        expect(r.result.errors.some((e) => e.file.endsWith('broken.jsonl.zst'))).toBe(true)
        expect(byId(r.sessions, '0199a1b2-0000-7000-8000-00000000c0de').tokens.total).toBe(5300)
      } finally {
        r.close()
      }
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('redact on a compressed archive', () => {
  it('writes the sanitized copy decompressed, one JSON line per line', async () => {
    const { redactFiles } = await import('../../src/redact/files.js')
    const { parseConfig } = await import('../../src/config/load.js')
    const d = tmpDir()
    try {
      mkdirSync(join(d, 'in'))
      writeFileSync(join(d, 'in', 'rollout-z.jsonl.zst'), zstdCompressSync(ROLLOUT))
      const r = await redactFiles([join(d, 'in')], join(d, 'out'), parseConfig('', 'x'))
      expect(r.outputs).toEqual([join(d, 'out', 'rollout-z.jsonl')])
      const out = readFileSync(join(d, 'out', 'rollout-z.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
      expect(out.length).toBe(ROLLOUT.toString().trimEnd().split('\n').length)
      for (const l of out) expect(() => JSON.parse(l)).not.toThrow()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
