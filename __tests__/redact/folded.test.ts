import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { redactLine, redactText } from '../../src/redact/engine.js'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import type { PlantedCase } from '../../src/redact/evaluate.js'

/*
 * A secret folded over lines of tool output (`fold -w`, `base64`, a terminal's wrap) must go
 * whole: both halves, and what lies between them. The secrets are the planted set's (tokens
 * assembled from parts at test time); the foldings are made here.
 */

// A marker no secret holds, so a surviving piece is never mistaken for part of a marker.
const MARK = '\u2588'
const opts = { detectors: builtinDetectors, marker: (): string => MARK }

const secretIds = new Set(builtinDetectors.filter((d) => d.pack === 'secrets').map((d) => d.id))
const planted = readFileSync(new URL('../../fixtures/redaction/planted.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as PlantedCase)
  // One carrier per case: the folding is the carrier here. Multi-line secrets (key blocks) are folded already.
  .filter((c) => (c.context ?? 'plain') === 'plain' && secretIds.has(c.kind))
  .map((c) => ({ kind: c.kind, template: c.text, secret: c.secret_parts ? c.secret_parts.join('') : (c.secret ?? '') }))
  .filter((c) => !/\s/.test(c.secret))

interface Folding {
  name: string
  width: number
  /** Put before every continuation line. */
  indent: string
}
const FOLDINGS: Folding[] = [
  { name: 'fold -w 40', width: 40, indent: '' },
  { name: 'fold -w 60', width: 60, indent: '' },
  { name: 'fold -w 64', width: 64, indent: '' },
  { name: 'fold -w 76', width: 76, indent: '' },
  { name: 'terminal wrap at 80, indented continuation', width: 80, indent: '    ' }
]

interface Folded {
  text: string
  /** The pieces of the secret between cuts. */
  pieces: string[]
}

/**
 * Folds the secret's line into lines of `width` characters, continuation lines indented
 * within that width, as a terminal shows them; with blanks in front so that a cut falls
 * `cutAt` characters into the secret (fold cuts wherever the width ends, so every cut is as likely).
 */
function fold(template: string, secret: string, f: Folding, cutAt: number): Folded {
  const lines = template.split('{{SECRET}}').join(secret).split('\n')
  const at = lines.findIndex((l) => l.includes(secret))
  const column = lines[at].indexOf(secret)
  const step = f.width - f.indent.length
  // Cuts fall at width, width + step, …: the blanks move the secret onto the first at or after it.
  let firstCut = f.width
  while (firstCut < column + cutAt) firstCut += step
  const pad = firstCut - (column + cutAt)
  // A shell comment rather than blanks: a terminal line starts at its left edge.
  const line = (pad > 1 ? '#'.repeat(pad - 1) + ' ' : ' '.repeat(pad)) + lines[at]
  const cuts: number[] = []
  for (let i = f.width; i < line.length; i += step) cuts.push(i)
  const bounds = [0, ...cuts, line.length]
  const cut = bounds.slice(1).map((b, k) => (k > 0 ? f.indent : '') + line.slice(bounds[k], b))
  const start = pad + column
  const end = start + secret.length
  const inside = cuts.filter((c) => c > start && c < end)
  const pieceBounds = [start, ...inside, end]
  const pieces = pieceBounds.slice(1).map((b, k) => line.slice(pieceBounds[k], b))
  return { text: [...lines.slice(0, at), ...cut, ...lines.slice(at + 1)].join('\n'), pieces }
}

/**
 * Where to cut a secret: in its middle, and just after its first character that is neither a
 * letter nor a digit (`.`, `:`, `-`, `/`), where a line end looks least like a wrapped token.
 */
function cuts(secret: string): number[] {
  const odd = secret.slice(4, -4).search(/[^A-Za-z0-9]/)
  return odd >= 0 ? [secret.length >> 1, odd + 5] : [secret.length >> 1]
}

const jsonEscape = (s: string): string => JSON.stringify(s).slice(1, -1)

const CARRIERS: Record<string, (text: string) => { out: string; escape: (s: string) => string }> = {
  plain: (text) => ({ out: redactText(text, opts).text, escape: (s) => s }),
  'JSON string': (text) => ({ out: redactLine(JSON.stringify({ type: 'function_call_output', output: text }), opts).line, escape: jsonEscape }),
  'cat -n gutter': (text) => ({
    out: redactText(
      text
        .split('\n')
        .map((l, i) => `${String(i + 1).padStart(6)}\t${l}`)
        .join('\n'),
      opts
    ).text,
    escape: (s) => s
  })
}

describe('folded secrets', () => {
  it('folds enough token shapes across detectors', () => {
    expect(planted.length).toBeGreaterThanOrEqual(30)
    expect(new Set(planted.map((c) => c.kind)).size).toBeGreaterThanOrEqual(30)
  })

  const cases = FOLDINGS.flatMap((f) => Object.keys(CARRIERS).map((carrier) => [f.name, carrier, f] as const))
  it.each(cases)('%s, %s: no piece of any secret survives', (_name, carrier, f) => {
    const leaks: string[] = []
    for (const c of planted) {
      for (const cutAt of cuts(c.secret)) {
        const folded = fold(c.template, c.secret, f, cutAt)
        // A cut falls where asked.
        const ends = folded.pieces.map((_p, k) => folded.pieces.slice(0, k + 1).join('').length)
        expect(ends).toContain(cutAt)
        const { out, escape } = CARRIERS[carrier](folded.text)
        // Pieces of a few characters may occur anywhere by chance, and a piece that is only a
        // token's prefix can stand in its key's name as well (`CLOJARS_PASSWORD=CLOJARS_…`).
        const around = c.template.split('{{SECRET}}').join('')
        const left = folded.pieces.filter((p) => p.length >= 4 && !around.includes(p) && out.includes(escape(p)))
        if (left.length > 0) leaks.push(`${c.kind} cut at ${cutAt}: ${left.length} of ${folded.pieces.length} pieces`)
      }
    }
    expect(leaks).toEqual([])
  })

  it('redacts the line break and the indentation between the two halves', () => {
    const gh = 'ghp_' + ['A1b2C3d4E5f6G7h8I9j0', 'K1l2M3n4O5p6Q7r8'].join('')
    const head = 'remote: using credentials from the environment, token='
    const text = `${head}${gh.slice(0, 20)}\n    ${gh.slice(20)}\n$ exit`
    expect(redactText(text, opts).text).toBe(`${head}${MARK}\n$ exit`)
  })

  it.each([64, 76])('decodes a base64 body wrapped at %i columns', (width) => {
    const gh = 'ghp_' + ['A1b2C3d4E5f6G7h8I9j0', 'K1l2M3n4O5p6Q7r8'].join('')
    // Shifts put the token across a line end at some point for each width.
    for (const shift of [0, 7, 20, 33, 40, 47]) {
      const env = `# config\n${'x'.repeat(shift)}\nexport GH_TOKEN=${gh}\nREGION=eu-west-1\n`
      const lines =
        Buffer.from(env)
          .toString('base64')
          .match(new RegExp(`.{1,${width}}`, 'g')) ?? []
      const out = redactText(`$ base64 .env\n${lines.join('\n')}\n$ `, opts).text
      expect(lines.filter((l) => out.includes(l))).toEqual([])
    }
  })
})

describe('folding does not glue ordinary text into findings', () => {
  const exactly = (n: number, s: string): string => s.padEnd(n, '.').slice(0, n)
  it.each([
    ['prose at fold widths', [60, 64, 72, 76, 80].map((n) => exactly(n, 'The deploy key rotation happens nightly for every service and')).join('\nnext ')],
    ['code with indented continuations', 'const result = await client.request(options).then(parseResponse)\n    .catch(handleError)\nreturn result'],
    ['a log line wrapped with indentation', 'INFO 2025-11-22T21:02:48Z worker started processing queue items now\n    items=42 retries=0'],
    [
      'equal-length lines of a table',
      [
        '| name     | value    | notes                      |',
        '| -------- | -------- | -------------------------- |',
        '| timeout  | 30       | seconds before giving up   |'
      ].join('\n')
    ],
    [
      'a git log',
      'commit 215809f7efe98e941dfca397e27efb32d77c90a9\nAuthor: CI Bot <noreply@github.com>\n\n    fix: redact paths in the summary table so nothing leaks'
    ]
  ])('%s', (_name, text) => {
    expect(redactText(text, opts).findings).toEqual([])
  })
})

describe('a here-document terminator is shell syntax, not the tail of a cut value', () => {
  // secretlint and detect-secrets list these short fakes as negatives; written through a heredoc
  // (the catalogue's shell carriers), the terminator glued to them made them long enough to match,
  // and went with them.
  it.each([
    ["cat >> .env <<'EOF'\nsk-ant-api02-notarealkey\nEOF"],
    ['cat <<EOF > notes.txt\ngldt-seems_too000Sshorty\nEOF\n'],
    ['cat <<-"END"\n\tcurl -u username:token\n\tEND']
  ])('%j', (text) => {
    expect(redactText(text, opts).text).toBe(text)
  })

  it('still glues a real fold inside the here-document, and keeps the terminator', () => {
    const gh = 'ghp_' + ['A1b2C3d4E5f6G7h8I9j0', 'K1l2M3n4O5p6Q7r8'].join('')
    const line = 'GITHUB_TOKEN=' + gh
    const text = `cat >> .env <<'EOF'\n${line.slice(0, 40)}\n${line.slice(40)}\nEOF`
    expect(redactText(text, opts).text).toBe(`cat >> .env <<'EOF'\nGITHUB_TOKEN=${MARK}\nEOF`)
  })
})
