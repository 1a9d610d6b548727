// Runs the ingest's parse stage alone (parseFile, on this thread, no database) over every file of
// a folder and prints one JSON line with the CPU it took: for changes to reading, parsing or the
// record keys, whose share of a whole ingest is within the noise of a shared machine.
// Usage: node scripts/bench/parse-stage-child.js <lib root> <folder>
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [root, folder] = process.argv.slice(2)
const load = (p) => import(pathToFileURL(join(root, 'lib', p)).href)
const { parseFile } = await load('ingest/parse-file.js')
const { recognize } = await load('sources/registry.js')
const { tryParseJson } = await load('sources/util/json.js')

const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p)
    else files.push(p)
  }
}
walk(folder)
// Recognized as the ingest would from the head; not timed.
const jobs = []
for (const path of files) {
  const text = readFileSync(path)
    .subarray(0, 64 * 1024)
    .toString('utf8')
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
  const source = recognize({ path, lines, parsed: lines.map((l) => tryParseJson(l)), text })
  if (!source || source.mode !== 'lines') continue
  jobs.push({
    path,
    sourceId: source.id,
    compression: null,
    encoding: 'utf8',
    size: statSync(path).size,
    startOffset: 0,
    startLine: 0,
    state: undefined,
    fallbackSessionId: 'bench',
    maxLineBytes: 64 * 1024 * 1024,
    maxDocumentBytes: 256 * 1024 * 1024,
    batchSize: 2000,
    maxBatchChars: 8 * 1024 * 1024
  })
}
const before = process.cpuUsage()
let records = 0
for (const job of jobs) for await (const batch of parseFile(job)) for (const line of batch.lines) records += line.records.length
const cpu = process.cpuUsage(before)
process.stdout.write(JSON.stringify({ cpu: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)), files: jobs.length, records }) + '\n')
