import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../helpers.js'

describe('the release checks run locally in dry mode', () => {
  it('check the tag, the package contents and the changelog, and only print the major-tag move', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'release.js'), '--dry-run', '--skip-dist', '--tag', 'v0.1.0'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 })
    expect(r.stdout).toMatch(/^ok +tag matches package.json: v0\.1\.0$/m)
    expect(r.stdout).toMatch(/^ok +npm package contents: /m)
    expect(r.stdout).toMatch(/^would run: git tag -f v0 [0-9a-f]{40}$/m)
    // Until a version is cut, [Unreleased] has no dated section: the one expected failure.
    const failed = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))
    expect(failed.every((l) => l.includes('CHANGELOG.md'))).toBe(true)
    expect(r.status).toBe(failed.length ? 1 : 0)
  })

  it('refuses a tag that does not match package.json', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'release.js'), '--dry-run', '--skip-dist', '--tag', 'v9.9.9'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 })
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^FAIL +tag/m)
  })
})
