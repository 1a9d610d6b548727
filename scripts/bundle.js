// Builds dist/ with ncc (ESM) and keeps better-sqlite3's native binaries for the runners GitHub
// offers: Linux x64 and arm64, macOS x64 and arm64, Windows x64. Run by `npm run bundle`.
import { execFileSync } from 'node:child_process'
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const KEEP = new Set(['linux-x64.node', 'linux-arm64.node', 'darwin-x64.node', 'darwin-arm64.node', 'win32-x64.node'])

rmSync('dist', { recursive: true, force: true })
execFileSync('npx', ['ncc', 'build', 'src/action/index.ts', '-o', 'dist', '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' })
// The ingest runs on a worker thread, and parses big inputs on another; the report part of a job
// runs on a third. Each script is a bundle of its own, which the main bundle finds beside itself
// (src/ingest/ingest-thread.ts, parse-pool.ts, src/pipeline/job-thread.ts).
const WORKERS = { 'ingest-worker': 'src/ingest', 'parse-worker': 'src/ingest', 'job-worker': 'src/pipeline' }
for (const [worker, dir] of Object.entries(WORKERS))
  execFileSync('npx', ['ncc', 'build', `${dir}/${worker}.ts`, '-o', join('dist', worker), '--quiet'], { stdio: 'inherit' })
const prebuilds = join('dist', 'prebuilds')
for (const f of readdirSync(prebuilds)) if (!KEEP.has(f)) rmSync(join(prebuilds, f))
// A worker bundle loads SQLite's native module from the main bundle's folder, not its own copy: two
// copies of SQLite in one process do not see each other's POSIX locks, so a worker closing its
// connection could checkpoint and drop the WAL under the main thread's connection and corrupt the
// database (SQLite's "How To Corrupt", multiple copies of SQLite linked into one application).
// The same file loaded twice is one library.
const NATIVE = '__nccwpck_require__.ab + "prebuilds/"'
for (const worker of Object.keys(WORKERS)) {
  const entry = join('dist', worker, 'index.js')
  const code = readFileSync(entry, 'utf8')
  const uses = code.split(NATIVE).length - 1
  if (uses > 1) throw new Error(`${entry}: ${uses} native module paths, expected at most one`)
  if (uses === 1) writeFileSync(entry, code.replace(NATIVE, '__nccwpck_require__.ab + "../prebuilds/"'))
  rmSync(join('dist', worker, 'prebuilds'), { recursive: true, force: true })
}
// re2-wasm's loader reads its WebAssembly module from beside the code at run time; ncc does not see that read.
// The report worker redacts, so its bundle needs a copy beside it too.
for (const dir of ['dist', join('dist', 'job-worker')]) copyFileSync(join('node_modules', 're2-wasm', 'build', 'wasm', 're2.wasm'), join(dir, 're2.wasm'))
// The bundle reports its version even when dist/ is copied alone beside action.yml.
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'))
writeFileSync(join('dist', 'package.json'), JSON.stringify({ name, version, type: 'module' }, null, 2) + '\n')
console.log(`dist/ built; native binaries: ${readdirSync(prebuilds).sort().join(', ')}`)
