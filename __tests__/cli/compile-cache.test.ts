import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * The CLI's entry point keeps the compiled code of its modules between runs (module.enableCompileCache).
 * It runs the compiled CLI (lib/, built by `pretest`) in a child Node, with NODE_COMPILE_CACHE
 * pointing the cache where the test can look.
 */

const bin = join(repoRoot, 'bin', 'ai-log-trail.js')
const dir = tmpDir('alt-compile-cache-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function cli(env: Record<string, string>, ...args: string[]) {
  const { NODE_DISABLE_COMPILE_CACHE: _off, NODE_COMPILE_CACHE: _dir, ...rest } = process.env
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...rest, ...env } })
}

describe("the CLI's compile cache", () => {
  it('fills the cache folder, and a second run gives the same answer', () => {
    const cache = join(dir, 'cache')
    const first = cli({ NODE_COMPILE_CACHE: cache }, '--version')
    expect(first.status).toBe(0)
    expect(readdirSync(cache).length).toBeGreaterThan(0)
    const second = cli({ NODE_COMPILE_CACHE: cache }, '--version')
    expect(second.status).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(second.stderr).toBe('')
  })

  it("is kept in the user's cache folder by default, not in the temp folder every user shares", () => {
    const cacheHome = join(dir, 'xdg')
    const r = cli({ XDG_CACHE_HOME: cacheHome }, '--version')
    expect(r.status).toBe(0)
    expect(readdirSync(join(cacheHome, 'ai-log-trail', 'compile-cache')).length).toBeGreaterThan(0)
  })

  it('runs as usual when the cache folder cannot be made (a file is in the way)', () => {
    const blocked = join(dir, 'a-file')
    writeFileSync(blocked, '')
    const r = cli({ NODE_COMPILE_CACHE: join(blocked, 'cache') }, '--version')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/)
    expect(r.stderr).toBe('')
  })

  it('is off with NODE_DISABLE_COMPILE_CACHE=1', () => {
    const cache = join(dir, 'off')
    const r = cli({ NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: '1' }, '--version')
    expect(r.status).toBe(0)
    expect(() => readdirSync(cache)).toThrow()
  })
})
