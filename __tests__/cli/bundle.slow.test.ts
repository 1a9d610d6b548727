import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Database from 'better-sqlite3'
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The installed CLI runs one bundle of lib/ (scripts/bundle-cli.js, built by `prepare`) instead of
 * its modules one by one. The bundle is built here into a folder of the test's own under lib/ (the
 * packages left out of it resolve from the checkout's node_modules), from the lib/ that `pretest`
 * compiled, and set up as an installed package would hold it: bin/ with no src/ beside it.
 */

const bundle = join(repoRoot, 'lib', `cli-bundle-test-${process.pid}`)
const dir = tmpDir('alt-cli-bundle-')
/** An installed package's layout: bin/, lib/cli-bundle/, package.json; no src/. */
const installed = join(dir, 'pkg')
const NOW = '2026-01-01T00:00:00Z'
const LOGS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder'].map((f) => join(fixtures, f))

beforeAll(() => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'bundle-cli.js'), '--out', bundle], { stdio: 'pipe' })
  mkdirSync(join(installed, 'bin'), { recursive: true })
  mkdirSync(join(installed, 'lib'))
  copyFileSync(join(repoRoot, 'bin', 'ai-log-trail.js'), join(installed, 'bin', 'ai-log-trail.js'))
  copyFileSync(join(repoRoot, 'package.json'), join(installed, 'package.json'))
  symlinkSync(bundle, join(installed, 'lib', 'cli-bundle'), 'dir')
}, 120_000)

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(bundle, { recursive: true, force: true })
})

/** A hook that prints, at exit, the URL of every module file the process (main thread) loaded. */
const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(`
  import { registerHooks } from 'node:module'
  const seen = []
  registerHooks({ load(url, context, next) { if (url.startsWith('file:')) seen.push(url); return next(url, context) } })
  process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(seen) + '\\n'))
`)}`

/** Runs a CLI entry in a child Node; `loaded` is every file it loaded, by its real path. */
function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', RECORD_LOADS, bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1', ...env }
  })
  const m = /\nLOADED (.*)\n$/.exec(r.stderr)
  const loaded = m ? (JSON.parse(m[1]) as string[]) : []
  return { status: r.status, stdout: r.stdout, stderr: m ? r.stderr.slice(0, m.index) : r.stderr, loaded }
}

/** A dry-run of the fixtures' logs in every format, into `out`, with the store `db`. */
function dryRun(bin: string, db: string, out: string, env: Record<string, string> = {}, mode = 'actions') {
  const r = run(bin, ['dry-run', ...LOGS, '--out', out, '--db', db, '--formats', 'md,json,csv,html', '--mode', mode, '--now', NOW], env)
  expect(r.status).toBe(0)
  // What it says goes to stderr, naming the output folder.
  return { ...r, said: r.stderr.replaceAll(out, '<out>') }
}

/** Every file under `folder`, by its path relative to it, with its bytes. */
function filesOf(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) files[relative(folder, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'latin1')
  return files
}

function sessionCacheKeys(db: string): string[] {
  const d = new Database(db, { readonly: true })
  try {
    return (d.prepare("SELECT session_id || ' ' || key AS k FROM session_cache ORDER BY session_id").all() as { k: string }[]).map((r) => r.k)
  } finally {
    d.close()
  }
}

const installedBin = () => join(installed, 'bin', 'ai-log-trail.js')
const checkoutBin = join(repoRoot, 'bin', 'ai-log-trail.js')
const bundleUrl = pathToFileURL(join(bundle, 'index.js')).href
const libMainUrl = pathToFileURL(join(repoRoot, 'lib', 'cli', 'main.js')).href
const libUrl = pathToFileURL(join(repoRoot, 'lib')).href + '/'

describe("the installed CLI's bundle", () => {
  it('is what an installed bin/ runs: no module of lib/ is loaded one by one', () => {
    const r = run(installedBin(), ['--version'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/)
    expect(r.loaded).toContain(bundleUrl)
    expect(r.loaded.filter((u) => u.startsWith(libUrl) && !u.startsWith(pathToFileURL(bundle).href))).toEqual([])
  })

  it('is not what a checkout runs (src/ beside bin/): lib/ as compiled', () => {
    const r = run(checkoutBin, ['--version'])
    expect(r.status).toBe(0)
    expect(r.loaded).toContain(libMainUrl)
    expect(r.loaded.some((u) => u.includes('/cli-bundle'))).toBe(false)
  })

  it('loads far fewer files than lib/ for a dry-run, and writes the same bytes, cold and warm', () => {
    const libRun = dryRun(checkoutBin, join(dir, 'lib.sqlite'), join(dir, 'lib-out'))
    const libWarm = dryRun(checkoutBin, join(dir, 'lib.sqlite'), join(dir, 'lib-warm'))
    const cold = dryRun(installedBin(), join(dir, 'bundle.sqlite'), join(dir, 'bundle-cold'))
    const warm = dryRun(installedBin(), join(dir, 'bundle.sqlite'), join(dir, 'bundle-warm'))
    expect(libRun.said).toMatch(/value\(s\) redacted/)
    expect(cold.said).toBe(libRun.said)
    expect(warm.said).toBe(libWarm.said)
    const expected = filesOf(join(dir, 'lib-out'))
    expect(Object.keys(expected).length).toBeGreaterThan(3)
    expect(filesOf(join(dir, 'bundle-cold'))).toEqual(expected)
    expect(filesOf(join(dir, 'lib-warm'))).toEqual(expected)
    expect(filesOf(join(dir, 'bundle-warm'))).toEqual(expected)
    expect(warm.loaded.length * 4).toBeLessThan(libWarm.loaded.length)
  })

  it("runs the ingest's worker and the report's worker from the same bundle: a worker's session cache entries are the main thread's hits", () => {
    const db = join(dir, 'workers.sqlite')
    // The ingest of a fresh store runs on its worker thread; the cold report is forced onto its own.
    // Summary mode: its comment goes through the session cache (in actions mode it is made from the files').
    dryRun(installedBin(), db, join(dir, 'on-worker'), { AI_LOG_TRAIL_JOB_WORKER: '1' }, 'summary')
    const written = sessionCacheKeys(db)
    expect(written.length).toBeGreaterThan(3)
    // On the caller's thread an entry keyed by other code would miss and be written again.
    dryRun(installedBin(), db, join(dir, 'on-caller'), { AI_LOG_TRAIL_JOB_WORKER: '0' }, 'summary')
    expect(sessionCacheKeys(db)).toEqual(written)
    expect(filesOf(join(dir, 'on-caller'))).toEqual(filesOf(join(dir, 'on-worker')))
  })

  it('ingests through the bundle as through lib/', () => {
    const viaBundle = run(installedBin(), ['ingest', join(fixtures, 'codex'), '--db', join(dir, 'ingest-b.sqlite'), '--json'])
    const viaLib = run(checkoutBin, ['ingest', join(fixtures, 'codex'), '--db', join(dir, 'ingest-l.sqlite'), '--json'])
    expect(viaBundle.status).toBe(0)
    expect(viaBundle.stderr).toBe('')
    const strip = (s: string) => JSON.parse(s) as Record<string, unknown>
    const { seconds: _a, ...b } = strip(viaBundle.stdout)
    const { seconds: _b, ...l } = strip(viaLib.stdout)
    expect(b).toEqual(l)
    expect(b).toMatchObject({ files: 6, sessions: 6 })
  })
})
