// One Codex CLI rollout of about N MB: one session of a long log, for measuring memory that must
// not grow with a log (docs/performance.md, "One long session"). Sessions of the bench's corpus
// generator (scripts/bench/corpus.js) of about 100 MB each are written one after another into one
// file, every session_meta line but the first left out, so the file is one session. Deterministic.
// Usage: node scripts/bench/long-rollout.js <mb> <folder>
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { codexSession, makePools, prng, Text } from './corpus.js'

const [mb, folder] = [Number(process.argv[2]), process.argv[3]]
if (!(mb > 0) || !folder) throw new Error('usage: long-rollout.js <mb> <folder>')
const r = prng(7)
const t = new Text(r, makePools(r))
const project = { cwd: '/home/bob/src/long-rollout', repo: 'https://github.com/example-org/long-rollout.git' }
mkdirSync(folder, { recursive: true })
const fd = openSync(join(folder, 'rollout-2026-01-01T00-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl'), 'w')
let ms = Date.UTC(2025, 8, 1)
let written = 0
for (let part = 0; written < mb * 1e6; part++) {
  const s = codexSession(r, t, Math.min(100e6, mb * 1e6 - written), ms, project)
  let text = s.files[0].text
  if (part > 0) text = text.slice(text.indexOf('\n') + 1)
  writeSync(fd, text)
  written += Buffer.byteLength(text)
  ms = s.endMs + 60_000
}
closeSync(fd)
process.stderr.write(`${(written / 1e6).toFixed(0)} MB written\n`)
