// Builds lib/cli-bundle/: the CLI (compiled lib/) bundled by ncc into one file and its chunks, which
// the installed package's bin/ runs (docs/performance.md, "The CLI as one bundle"). Resolving and
// loading some 700 modules one at a time was the largest part of a short run. Run by `prepare`
// after `tsc`, so `npm ci`, `npm pack` and an install from git build it from the lib/ they ship.
// The native SQLite module, the WebAssembly RE2 (it reads re2.wasm beside its own code) and the
// PostgreSQL client stay packages of their own: bundling a native binary would ship the packing
// machine's build, and the team store's client is only loaded by the commands that use it.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
// `--out DIR` builds elsewhere (a test's copy); it must sit under the checkout so the packages left
// out of the bundle resolve from its node_modules.
const { values: args } = parseArgs({ options: { out: { type: 'string' } } })
const out = resolve(args.out ?? join(root, 'lib', 'cli-bundle'))
const EXTERNAL = ['better-sqlite3', 're2-wasm']

rmSync(out, { recursive: true, force: true })
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
const externals = EXTERNAL.flatMap((p) => ['-e', p])
execFileSync(process.execPath, [ncc, 'build', join(root, 'lib', 'cli', 'bundle-entry.js'), '-o', out, ...externals, '--quiet'], { stdio: 'inherit' })
// The worker threads look for their script beside the module that starts them (src/worker/wire.ts):
// each starts that worker's module from the bundle (src/cli/bundle-entry.ts).
const { WORKER_NAMES } = await import(pathToFileURL(join(root, 'lib', 'cli', 'bundle-entry.js')).href)
for (const name of WORKER_NAMES)
  writeFileSync(join(out, `${name}.js`), `import { startWorker } from './index.js'\nawait startWorker(${JSON.stringify(name)})\n`)
