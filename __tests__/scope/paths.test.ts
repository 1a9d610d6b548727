import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, posix, resolve } from 'node:path'
import { canonicalPath } from '../../src/scope/paths.js'
import { tmpDir } from '../helpers.js'

/*
 * `canonicalPath` calls the system's realpath where Node's own walk of the path would give the
 * same: a scope compares every session's log files with the given paths in this spelling.
 */

const dir = realpathSync(tmpDir('alt-paths-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('canonicalPath', () => {
  mkdirSync(join(dir, 'real', 'logs'), { recursive: true })
  writeFileSync(join(dir, 'real', 'logs', 'a.jsonl'), '{}\n')
  symlinkSync(join(dir, 'real'), join(dir, 'linked'))
  symlinkSync(join(dir, 'real', 'logs', 'a.jsonl'), join(dir, 'real', 'b.jsonl'))

  it('follows a linked folder and a linked file, as Node’s own walk does', () => {
    for (const p of [join(dir, 'linked', 'logs', 'a.jsonl'), join(dir, 'real', 'b.jsonl'), join(dir, 'linked', 'logs', '..', 'logs')]) {
      expect(canonicalPath(p)).toBe(realpathSync(p))
    }
    expect(canonicalPath(join(dir, 'linked', 'b.jsonl'))).toBe(join(dir, 'real', 'logs', 'a.jsonl'))
  })

  it('resolves a path that does not exist without following anything', () => {
    expect(canonicalPath(join(dir, 'linked', 'gone', '..', 'x.jsonl'))).toBe(join(dir, 'linked', 'x.jsonl'))
  })

  it('gives every spelling what resolving it first gives, whether it skips resolving or not', () => {
    // The spelling before the shortcut for paths already absolute and normalized.
    const resolvedFirst = (p: string): string => {
      const abs = resolve(p).replace(/\\/g, '/')
      try {
        return realpathSync.native(abs).replace(/\\/g, '/')
      } catch {
        return posix.normalize(abs)
      }
    }
    const real = join(dir, 'real')
    const tails = [
      '',
      '/',
      '//',
      '/.',
      '/..',
      '/./logs',
      '/../real/logs',
      '/logs/',
      '/logs//a.jsonl',
      '/logs/.a',
      '/logs/..a',
      '/logs/a.',
      '/logs\\a.jsonl',
      '/gone/../logs',
      '/.hidden',
      '/...',
      '/gone/',
      '/gone//x',
      '/gone/.',
      '/gone\\x'
    ]
    const spellings = [...tails.map((t) => real + t), ...tails.map((t) => join(dir, 'linked') + t), '/', '//', '/.', 'relative/x', '.', '', '\\x']
    for (const p of spellings) expect([p, canonicalPath(p)]).toEqual([p, resolvedFirst(p)])
  })
})
