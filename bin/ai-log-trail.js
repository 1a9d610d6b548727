#!/usr/bin/env node
// Plain JavaScript that any Node can parse: the version check must run before the native
// SQLite module loads, which crashes without a message on Node versions older than 22.
import { existsSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'

const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(`ai-log-trail needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n`)
  process.exit(2)
}
// The compiled code of the CLI's modules is kept between runs, so a short run does not compile
// the same hundreds of modules again (docs/performance.md). In the user's own cache folder, not
// Node's default in the shared temp folder, where another user of the machine could plant code
// first; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off. It never throws:
// a folder it cannot write only leaves the cache off. Node before 22.1 has no such function.
nodeModule.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || compileCacheFolder())
import(cliEntry())
  .then((m) => m.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code
  })
  .catch((e) => {
    process.stderr.write(`ai-log-trail: ${e && e.stack ? e.stack : e}\n`)
    process.exitCode = 1
  })

/** `$XDG_CACHE_HOME/ai-log-trail/compile-cache`, else under `~/.cache`. */
function compileCacheFolder() {
  const home = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(home, 'ai-log-trail', 'compile-cache')
}

/**
 * The installed package runs the CLI's bundle (scripts/bundle-cli.js, built by `prepare`): one file
 * instead of some 700 modules to resolve and load. A checkout (its src/ beside bin/) runs lib/ as
 * `tsc` last compiled it, so a bundle left from an earlier `npm ci` never runs stale code.
 */
function cliEntry() {
  const bundle = new URL('../lib/cli-bundle/index.js', import.meta.url)
  return !existsSync(new URL('../src', import.meta.url)) && existsSync(bundle) ? bundle.href : '../lib/cli/main.js'
}
