// Child process of `npm run bench`: runs the CLI (`ai-log-trail <args>`) in this process, then
// prints one JSON line with the process's peak RSS, so the figure is the command's own.
// Usage: node scripts/bench/dry-run-child.js dry-run <path> --db <db> --out <dir> --quiet ...
// The logs of many sessions and of one session of many prompts that docs/performance.md measures
// this way ("Memory after the ingest") come from scripts/bench/memory-corpora.js.
import { readFileSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'

// As bin/ai-log-trail.js does, so the figure is the CLI's: modules compiled once are kept between runs.
nodeModule.enableCompileCache?.(
  process.env.NODE_COMPILE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-log-trail', 'compile-cache')
)
// AI_LOG_TRAIL_CLI_BUNDLE=1: the CLI's bundle (lib/cli-bundle/, `node scripts/bundle-cli.js`), which
// the installed package runs; else lib/ as compiled, which a checkout's bin/ runs.
const entry = process.env.AI_LOG_TRAIL_CLI_BUNDLE === '1' ? '../../lib/cli-bundle/index.js' : '../../lib/cli/main.js'
const { main } = await import(entry)

// AI_LOG_TRAIL_TRACE_MEMORY=<ms>: samples this process's memory that often and prints the largest
// of each figure to stderr at the end, to tell the caller's heap from the rest of the resident
// size (a worker's heap, SQLite, native allocations). For measuring only.
const traceMs = Number(process.env.AI_LOG_TRAIL_TRACE_MEMORY) || 0
const largest = {}
const sample = () => {
  for (const [k, v] of Object.entries(process.memoryUsage())) largest[k] = Math.max(largest[k] ?? 0, Math.round(v / 1048576))
}
const tracer = traceMs > 0 ? setInterval(sample, traceMs) : null
const code = await main(process.argv.slice(2))
if (tracer) {
  clearInterval(tracer)
  sample()
  process.stderr.write(`memory, largest sampled (MB): ${JSON.stringify(largest)}\n`)
}
let peak = process.resourceUsage().maxRSS / 1024
try {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
  if (m) peak = Number(m[1]) / 1024
} catch {
  // not Linux
}
process.stdout.write(JSON.stringify({ code, peak_rss_mb: peak }) + '\n')
process.exitCode = code
