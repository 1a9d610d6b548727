// `npm run bench -- --corners`: inputs whose cost was once quadratic, each ingested into a fresh
// database in its own process (scripts/bench/ingest-child.js), to show the time grows with the
// input and not with its square:
//  - one session of N identical lines (every line has the same dedupe key), N = 5,000 / 10,000 / 20,000;
//  - one line of 15 / 30 / 60 MB (read in 1 MiB chunks, under the 64 MiB line cap).
// The lines are a committed fixture's; nothing here is real data.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const CLAUDE = join('fixtures', 'claude-code', 'projects', '-home-dev-demo', '44444444-4444-4444-8444-444444444444.jsonl')

/** Writes the inputs under `dir`; returns [{ name, size, path }]. */
export function writeCorners(root, dir) {
  rmSync(dir, { recursive: true, force: true })
  const lines = readFileSync(join(root, CLAUDE), 'utf8').trimEnd().split('\n')
  const cases = []
  for (const n of [5000, 10000, 20000]) {
    const d = join(dir, `identical-${n}`)
    mkdirSync(d, { recursive: true })
    writeFileSync(join(d, '44444444-4444-4444-8444-444444444444.jsonl'), lines.slice(0, 2).join('\n') + '\n' + (lines[2] + '\n').repeat(n))
    cases.push({ name: `identical lines ×${n}`, size: n, path: d })
  }
  const prompt = JSON.parse(lines[0])
  for (const mb of [15, 30, 60]) {
    const d = join(dir, `long-line-${mb}mb`)
    mkdirSync(d, { recursive: true })
    const long = { ...prompt, message: { ...prompt.message, content: 'x'.repeat(mb * 1e6) } }
    // After the first line, so the format is still recognized from the file's first 64 KiB.
    writeFileSync(
      join(d, '44444444-4444-4444-8444-444444444444.jsonl'),
      [lines[0], JSON.stringify({ ...long, uuid: 'b0000000-0000-4000-8000-0000000000ff' }), ...lines.slice(1)].join('\n') + '\n'
    )
    cases.push({ name: `one line of ${mb} MB`, size: mb, path: d })
  }
  return cases
}
