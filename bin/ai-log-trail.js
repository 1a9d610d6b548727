#!/usr/bin/env node
// Plain JavaScript that any Node can parse: the version check must run before the native
// SQLite module loads, which crashes without a message on Node versions older than 22.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(`ai-log-trail needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n`)
  process.exit(2)
}
import('../lib/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code
  })
  .catch((e) => {
    process.stderr.write(`ai-log-trail: ${e && e.stack ? e.stack : e}\n`)
    process.exitCode = 1
  })
