import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

// npm and npx are scripts that run on the first `node` on PATH: make it this test's Node (24).
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false'
}

describe('the npm package', () => {
  it('installs from its tarball into an empty folder and runs there', () => {
    const d = tmpDir('alt-pack-')
    try {
      execFileSync('npm', ['pack', '--silent', '--pack-destination', d], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
      const tgz = readdirSync(d).find((f) => f.endsWith('.tgz'))
      expect(tgz).toBeDefined()
      const files = execFileSync('tar', ['-tzf', join(d, tgz as string)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
      // What runs and nothing else: no tests, fixtures, sources or bundle.
      expect(files).toContain('package/bin/ai-log-trail.js')
      expect(files).toContain('package/lib/index.js')
      expect(files).toContain('package/lib/index.d.ts')
      // The CLI's bundle, which the installed bin/ runs, and the scripts its worker threads start from.
      for (const f of ['index.js', 'ingest-worker.js', 'job-worker.js', 'parse-worker.js']) expect(files).toContain(`package/lib/cli-bundle/${f}`)
      expect(files.filter((f) => /__tests__|fixtures|\/src\/|\/dist\/|\.map$/.test(f))).toEqual([])

      const app = join(d, 'app')
      execFileSync('mkdir', ['-p', app])
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }))
      execFileSync('npm', ['install', '--silent', '--no-package-lock', join(d, tgz as string)], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] })

      const help = spawnSync('npx', ['--no-install', 'ai-log-trail', '--help'], { cwd: app, env, encoding: 'utf8' })
      expect(help.status).toBe(0)
      expect(help.stdout).toMatch(/Usage: ai-log-trail <command>/)

      const ingest = spawnSync('npx', ['--no-install', 'ai-log-trail', 'ingest', join(fixtures, 'codex'), '--json'], { cwd: app, env, encoding: 'utf8' })
      expect(ingest.status).toBe(0)
      expect(JSON.parse(ingest.stdout)).toMatchObject({ files: 6, sessions: 6 })

      writeFileSync(
        join(app, 'use.js'),
        `import { openStore, listSessions } from 'ai-log-trail'\nconst db = openStore('ai-log-trail.sqlite')\nconsole.log(listSessions(db).length)\n`
      )
      const lib = spawnSync(process.execPath, ['use.js'], { cwd: app, env, encoding: 'utf8' })
      expect(lib.stderr).toBe('')
      expect(lib.stdout.trim()).toBe('6')
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  }, 180_000)
})
