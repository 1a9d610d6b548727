import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoRoot } from '../helpers.js'

/*
 * A dry-run to a local store loads neither the report command's module (every renderer, the team
 * report) nor the team store's snapshot, push and staging code. A child Node records every module
 * it loads while importing the compiled dry-run command (lib/, built by `pretest`).
 */

/** The lib/ modules a child Node loads when it imports `module` (relative to lib/). */
function libModulesLoadedBy(module: string): string[] {
  const lib = join(repoRoot, 'lib')
  const script = `
    import { registerHooks } from 'node:module'
    const seen = []
    registerHooks({ load(url, context, next) { seen.push(url); return next(url, context) } })
    await import(${JSON.stringify(pathToFileURL(join(lib, module)).href)})
    process.stdout.write(JSON.stringify(seen))
  `
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  const libUrl = pathToFileURL(lib).href + '/'
  return (JSON.parse(r.stdout) as string[]).filter((u) => u.startsWith(libUrl)).map((u) => u.slice(libUrl.length))
}

describe("the dry-run command's modules", () => {
  const loaded = libModulesLoadedBy('cli/commands/dry-run.js')

  it('are seen loading (the hook works)', () => {
    expect(loaded).toContain('cli/commands/dry-run.js')
    expect(loaded).toContain('pipeline/job.js')
    expect(loaded).toContain('store/pg/connect.js')
  })

  it("leave out the report command and the team store's code", () => {
    expect(loaded).not.toContain('cli/commands/report.js')
    expect(loaded.filter((m) => m.startsWith('team/'))).toEqual([])
    expect(loaded.filter((m) => m.startsWith('store/pg/') && m !== 'store/pg/connect.js')).toEqual([])
  })
})
