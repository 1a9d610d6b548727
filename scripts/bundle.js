// Builds dist/ with ncc (ESM) and keeps better-sqlite3's native binaries for the runners GitHub
// offers: Linux x64 and arm64, macOS x64 and arm64, Windows x64. Run by `npm run bundle`.
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const KEEP = new Set(['linux-x64.node', 'linux-arm64.node', 'darwin-x64.node', 'darwin-arm64.node', 'win32-x64.node'])

rmSync('dist', { recursive: true, force: true })
execFileSync('npx', ['ncc', 'build', 'src/action/index.ts', '-o', 'dist', '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' })
const prebuilds = join('dist', 'prebuilds')
for (const f of readdirSync(prebuilds)) if (!KEEP.has(f)) rmSync(join(prebuilds, f))
console.log(`dist/ built; native binaries: ${readdirSync(prebuilds).sort().join(', ')}`)
