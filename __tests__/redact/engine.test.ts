import { describe, it, expect } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { base64Runs, mergeFindings, redactJson, redactLine, redactText } from '../../src/redact/engine.js'
import type { Detector, EngineOptions } from '../../src/redact/types.js'

// Split so that secret scanners run over this repository do not flag the test sources.
const PK = ['PRIV', 'ATE KEY'].join('')
const PW = ['Zq8vR2', 'mLx9Tw'].join('')

const opts: EngineOptions = { detectors: builtinDetectors }
// Assembled at run time so no scanner flags this file.
const GH = 'ghp_' + 'Q7vK2mR9xL4tW8nB3pZ6cY1dF5hJ0sA2eG7u'
const NPM = 'npm_' + 'k3J9fL2qR8wX5tZ1nV7bM4cH6pD0sG2aE9yU'
const KEY_BODY = ['MIIEowIBAAKCAQEAx2Lq9fZ3k8VtRw1YpN6bHc0sJmQe7XuTgK4aDzLr5WvFyBiO', 'oP3nR6sT9uV2wX5yZ8aB1cD4eF7gH0iJ3kL6mN9oP2qR5sT8uV1wX4yZ7aB0cD3e']
const PEM = `-----BEGIN RSA ${PK}-----\n${KEY_BODY.join('\n')}\n-----END RSA ${PK}-----`

const redact = (text: string): string => redactText(text, opts).text

describe('redactText: plain view', () => {
  it('replaces the secret with a deterministic marker and keeps the context', () => {
    const r = redactText(`export GH=${GH} # ci`, opts)
    expect(r.text).toBe('export GH=[REDACTED:github-token] # ci')
    expect(r.findings).toEqual([{ detector: 'github-token', start: 10, end: 10 + GH.length }])
    expect(redactText(`export GH=${GH} # ci`, opts)).toEqual(r)
  })

  it('leaves text without findings untouched', () => {
    const text = 'git checkout 3f786850e387550fdab836ed7e6dc881de23001b && npm ci'
    expect(redactText(text, opts)).toEqual({ text, findings: [] })
  })

  it('redacts only the user-name segment of home paths', () => {
    expect(redact('cd /Users/mkowalczyk/code/app')).toBe('cd /Users/[REDACTED:home-path]/code/app')
    expect(redact('~/.claude/projects/-Users-mkowalczyk-code-app')).toBe('~/.claude/projects/-Users-[REDACTED:home-path]-code-app')
  })

  it('uses a custom marker', () => {
    const r = redactText(`t=${GH}`, { ...opts, marker: (id, v) => `<${id}:${v.length}>` })
    expect(r.text).toBe(`t=<github-token:${GH.length}>`)
  })

  it('honours allow-list literals and patterns', () => {
    expect(redactText(`t=${GH}`, { ...opts, allow: { literals: [GH] } }).findings).toEqual([])
    expect(redactText('mail mira@acme-corp.io', { ...opts, allow: { patterns: [/@acme-corp\.io$/g] } }).findings).toEqual([])
    expect(redactText('mail mira@acme-corp.io', { ...opts, allow: { patterns: [/@other\.io$/] } }).findings).toHaveLength(1)
  })

  it('finds the same in a short value the second time, under the allow-list of the moment', () => {
    // Short values are memoised; the memo must follow the allow-list, even one changed in place.
    const allow = { literals: [] as string[], patterns: [] as RegExp[] }
    const o: EngineOptions = { detectors: builtinDetectors, allow }
    const text = `t=${GH}`
    const first = redactText(text, o)
    expect(first.findings).toHaveLength(1)
    expect(redactText(text, o)).toEqual(first)
    allow.literals.push(GH)
    expect(redactText(text, o).findings).toEqual([])
    allow.literals.pop()
    allow.patterns.push(/^ghp_/)
    expect(redactText(text, o).findings).toEqual([])
    allow.patterns.pop()
    expect(redactText(text, o)).toEqual(first)
    expect(redactText(text, { detectors: builtinDetectors, allow: { literals: [GH] } }).findings).toEqual([])
  })

  it('is idempotent', () => {
    const once = redact(`${PEM}\n${GH} mira@acme-corp.io /Users/mkowalczyk/x DB_PASSWORD=hunter22 https://u:${PW}@h.io`)
    expect(redact(once)).toBe(once)
  })
})

describe('redactText: escaped view', () => {
  it('finds a secret split by an escaped newline in a JSON-encoded string', () => {
    const half = Math.ceil(GH.length / 2)
    const text = JSON.stringify({ output: `token value is ${GH.slice(0, half)}\n${GH.slice(half)} ok` })
    const out = redact(text)
    expect(out).not.toContain(GH.slice(0, half))
    expect(out).not.toContain(GH.slice(half))
    expect(out).toContain('token value is')
  })

  it('finds a private key whose newlines are escaped once or twice', () => {
    const once = JSON.stringify({ private_key: PEM })
    const twice = JSON.stringify({ arguments: once })
    for (const t of [once, twice]) {
      const out = redact(t)
      for (const line of KEY_BODY) expect(out).not.toContain(line)
    }
  })

  it('resolves \\uXXXX escapes', () => {
    const out = redact('{"text":"mail mira.kowalczyk\\u0040acme-corp.io now"}')
    expect(out).toBe('{"text":"mail [REDACTED:email] now"}')
  })

  it('maps a finding inside escaped quotes back to the exact original range', () => {
    const text = `{\\"token\\": \\"${GH}\\"}`
    expect(redact(text)).toBe('{\\"token\\": \\"[REDACTED:github-token]\\"}')
  })
})

describe('redactText: gutter, diff and wrapped views', () => {
  it('reassembles a key shown by Claude Read with a line-number gutter', () => {
    const text = PEM.split('\n')
      .map((l, i) => `${String(i + 1).padStart(6)}→${l}`)
      .join('\n')
    const out = redact(text)
    for (const line of KEY_BODY) expect(out).not.toContain(line)
  })

  it('finds a token hard-wrapped across gutter lines', () => {
    const text = `     1\tconst k = "${GH.slice(0, 20)}\n     2\t${GH.slice(20)}"\n     3\tconsole.log(k)`
    const out = redact(text)
    expect(out).not.toContain(GH.slice(0, 20))
    expect(out).not.toContain(GH.slice(20))
    expect(out).toContain('console.log(k)')
  })

  it.each([
    ['cat -n', (l: string, i: number) => `${String(i + 1).padStart(6)}\t${l}`],
    ['pipe gutter', (l: string, i: number) => `${String(i + 1).padStart(3)} | ${l}`],
    ['grep -n', (l: string, i: number) => `${i + 1}:${l}`],
    ['diff +', (l: string) => `+${l}`],
    ['quote', (l: string) => `> ${l}`]
  ])('strips %s prefixes for a wrapped token', (_name, prefix) => {
    const text = [`registry token follows: ${NPM.slice(0, 18)}`, NPM.slice(18), 'done'].map(prefix).join('\n')
    const out = redact(text)
    expect(out).not.toContain(NPM.slice(0, 18))
    expect(out).not.toContain(NPM.slice(18))
  })

  it('does not glue ordinary prose lines into findings', () => {
    const text = 'the deployment key rotation happens\nnightly at 02:00 UTC for every service'
    expect(redactText(text, opts).findings).toEqual([])
  })
})

describe('redactText: encoded views', () => {
  it('replaces a whole base64 run whose decoded content holds a secret', () => {
    const blob = Buffer.from(`export GH=${GH}\n`).toString('base64')
    expect(redact(`echo ${blob} | base64 -d`)).toBe('echo [REDACTED:github-token] | base64 -d')
  })

  it('decodes base64 of a PEM key (Kubernetes Secret data)', () => {
    const blob = Buffer.from(PEM).toString('base64')
    expect(redact(`data:\n  tls.key: ${blob}\n`)).toBe('data:\n  tls.key: [REDACTED:private-key]\n')
  })

  it('replaces a whole URL-encoded run whose decoded content holds a secret', () => {
    const enc = encodeURIComponent(`token ${GH}`)
    const out = redact(`GET /cb?state=${enc}&page=2`)
    expect(out).toBe('GET /cb?[REDACTED:github-token]&page=2')
  })

  it('decodes nested encodings (base64 of URL-encoded text)', () => {
    const blob = Buffer.from(`https://x.test/?q=${encodeURIComponent('mail mira.kowalczyk@acme-corp.io')}`).toString('base64')
    expect(redact(`payload ${blob}`)).toBe('payload [REDACTED:email]')
  })

  it('finds exactly the base64 runs the run regex matches', () => {
    const RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g
    let seed = 3
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    // Mostly base64 characters, so runs of 24 and more are common.
    const alphabet = 'aZ09+/_-'.repeat(5) + '=== .\n"é'
    const texts = Array.from({ length: 3000 }, (_, n) => Array.from({ length: 20 + (n % 90) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''))
    texts.push('A'.repeat(23), 'A'.repeat(24), `${'A'.repeat(30)}===`, `=${'A'.repeat(30)}=`)
    let found = 0
    for (const t of texts) {
      const expected = [...t.matchAll(RUN)].map((m) => ({ index: m.index, text: m[0] }))
      expect(base64Runs(t)).toEqual(expected)
      found += expected.length
    }
    expect(found).toBeGreaterThan(200)
  })

  it('decodes base64 of text with up to 5 % control characters, and no more', () => {
    const carried = (controls: number): string => {
      const text = `token ${GH} ` + 'x'.repeat(100 - 7 - GH.length - controls) + '\u0001'.repeat(controls)
      expect(text).toHaveLength(100)
      return Buffer.from(text).toString('base64')
    }
    expect(redactText(`echo ${carried(5)}`, opts).text).not.toContain(carried(5))
    // Six in a hundred: noise, by the same rule, whether or not it is decoded.
    expect(redactText(`echo ${carried(6)}`, opts).findings).toEqual([])
  })

  it('keeps base64 of ordinary text, binary base64 and hashes readable', () => {
    const texts = [
      'echo ' + Buffer.from('The quick brown fox jumps over the lazy dog').toString('base64'),
      'sig ' + Buffer.from(Array.from({ length: 300 }, (_v, i) => (i * 37) % 256)).toString('base64'),
      'integrity sha512-' + Buffer.from(Array.from({ length: 64 }, (_v, i) => (i * 53) % 256)).toString('base64'),
      'url https://example.test/search?q=hello%20world&lang=en'
    ]
    for (const t of texts) expect(redactText(t, opts).findings).toEqual([])
  })
})

describe('merging', () => {
  it('merges overlapping findings into one marker labelled by the longest', () => {
    expect(
      mergeFindings([
        { detector: 'a', start: 0, end: 5 },
        { detector: 'b', start: 3, end: 12 },
        { detector: 'c', start: 12, end: 14 },
        { detector: 'd', start: 20, end: 22 },
        { detector: 'e', start: 20, end: 22 }
      ])
    ).toEqual([
      { detector: 'b', start: 0, end: 12 },
      { detector: 'c', start: 12, end: 14 },
      { detector: 'd', start: 20, end: 22 }
    ])
  })

  it('emits one marker for a token inside a header inside a URL credential', () => {
    const r = redactText(`curl -H "Authorization: Bearer ${GH}"`, opts)
    expect(r.findings).toHaveLength(1)
    expect(r.text).toBe('curl -H "Authorization: Bearer [REDACTED:github-token]"')
  })
})

describe('redactJson', () => {
  it('recurses through objects and arrays and keeps non-strings', () => {
    const value = { a: [1, true, null, { b: `key ${GH}` }], n: 3 }
    const r = redactJson(value, opts, 'tool_output')
    expect(r.value).toEqual({ a: [1, true, null, { b: 'key [REDACTED:github-token]' }], n: 3 })
    expect(r.findings).toHaveLength(1)
  })

  it('returns the same value when nothing is found', () => {
    const value = { a: 'hello', b: ['world'] }
    const r = redactJson(value, opts)
    expect(r.value).toBe(value)
    expect(r.findings).toEqual([])
  })

  it('parses, redacts and re-serialises JSON inside strings (Codex arguments)', () => {
    const args = JSON.stringify({ command: ['bash', '-lc', `export GH=${GH}`], workdir: '/Users/mkowalczyk/app' })
    const r = redactJson({ type: 'function_call', name: 'shell', arguments: args }, opts, 'tool_args')
    const out = r.value as { arguments: string }
    const parsed = JSON.parse(out.arguments) as { command: string[]; workdir: string }
    expect(parsed.command).toEqual(['bash', '-lc', 'export GH=[REDACTED:github-token]'])
    expect(parsed.workdir).toBe('/Users/[REDACTED:home-path]/app')
  })

  it('redacts values under secret-like keys whatever their shape', () => {
    const r = redactJson(
      {
        password: 'hunter2',
        api_key: 'abc',
        Authorization: 'Bearer opaque-value',
        max_tokens: 'abcdefgh12345',
        token_type: 'Bearer',
        nested: { client_secret: 'x1' },
        placeholder: { password: '${DB_PASSWORD}', token: '<your-token>' }
      },
      opts
    )
    expect(r.value).toEqual({
      password: '[REDACTED:secret-assignment]',
      api_key: '[REDACTED:secret-assignment]',
      Authorization: 'Bearer [REDACTED:secret-assignment]',
      max_tokens: 'abcdefgh12345',
      token_type: 'Bearer',
      nested: { client_secret: '[REDACTED:secret-assignment]' },
      placeholder: { password: '${DB_PASSWORD}', token: '<your-token>' }
    })
  })

  it('uses the name of {name, value} pairs as the key', () => {
    const r = redactJson(
      {
        headers: [
          { name: 'X-Api-Key', value: 'opaque1' },
          { name: 'Accept', value: 'text/plain' }
        ]
      },
      opts
    )
    expect(r.value).toEqual({
      headers: [
        { name: 'X-Api-Key', value: '[REDACTED:secret-assignment]' },
        { name: 'Accept', value: 'text/plain' }
      ]
    })
  })

  it('redacts object keys (file-change maps keyed by path)', () => {
    const r = redactJson({ changes: { '/Users/mkowalczyk/app/a.ts': { kind: 'add' } } }, opts)
    expect(r.value).toEqual({ changes: { '/Users/[REDACTED:home-path]/app/a.ts': { kind: 'add' } } })
  })
})

describe('redactLine', () => {
  it('returns unchanged lines byte-for-byte', () => {
    const line = '{"a": 1.0, "b": "x"}'
    expect(redactLine(line, opts)).toEqual({ line, findings: [] })
  })

  it('outputs valid JSON of the same shape', () => {
    const line = JSON.stringify({
      type: 'response_item',
      payload: { type: 'function_call_output', output: `Exit code: 0\nOutput:\n${PEM}\n` }
    })
    const r = redactLine(line, opts)
    const parsed = JSON.parse(r.line) as { payload: { output: string } }
    expect(parsed.payload.output).toBe('Exit code: 0\nOutput:\n[REDACTED:private-key]\n')
  })

  it('never lets a PEM pair spanning two values collapse the JSON between them', () => {
    const line = JSON.stringify({ a: `-----BEGIN RSA ${PK}-----`, keep: 'visible', b: `-----END RSA ${PK}-----` })
    const parsed = JSON.parse(redactLine(line, opts).line) as Record<string, string>
    expect(Object.keys(parsed)).toEqual(['a', 'keep', 'b'])
    expect(parsed.keep).toBe('visible')
    expect(parsed.a).toBe('[REDACTED:private-key]')
  })

  it('falls back to text redaction for non-JSON lines', () => {
    expect(redactLine(`plain ${GH}`, opts).line).toBe('plain [REDACTED:github-token]')
    expect(redactLine(`{"broken": "${GH}`, opts).line).toBe('{"broken": "[REDACTED:github-token]')
  })

  it('keeps the structure of every sample session log line', () => {
    const root = '/work/shared/samples'
    let dirs: string[]
    try {
      dirs = readdirSync(root)
    } catch {
      return
    }
    const shape = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(shape)
        : v !== null && typeof v === 'object'
          ? // Keys may legitimately change (paths used as keys), so compare values in key order.
            Object.values(v).map(shape)
          : typeof v
    const detectors = new Set<string>()
    for (const dir of dirs) {
      for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.jsonl'))) {
        for (const line of readFileSync(join(root, dir, f), 'utf8').split('\n')) {
          if (!line.trim()) continue
          const r = redactLine(line, opts)
          r.findings.forEach((x) => detectors.add(x.detector))
          const before = JSON.parse(line) as unknown
          expect(shape(JSON.parse(r.line))).toEqual(shape(before))
        }
      }
    }
    // Only user names are expected in these published samples: in home paths and Copilot's requesterUsername.
    expect([...detectors].filter((d) => d !== 'home-path' && d !== 'user-name')).toEqual([])
  })
})

describe('robustness', () => {
  // CPU time, not wall time: these bounds catch a hang (catastrophic backtracking runs for
  // minutes), and on a shared runner wall time also counts the other processes' turns.
  const timed = (text: string): { ms: number; out: string } => {
    const c0 = process.cpuUsage()
    const out = redactText(text, opts).text
    const c = process.cpuUsage(c0)
    return { ms: (c.user + c.system) / 1000, out }
  }

  it.each([
    ['100k a', 'a'.repeat(100_000)],
    ['256k uppercase', 'A'.repeat(256 * 1024)],
    ['50k @', '@'.repeat(50_000)],
    ['100k %', '%'.repeat(100_000)],
    ['%41 x50k', '%41'.repeat(50_000)],
    ['%25 chains', '%25'.repeat(30_000) + '41'],
    ['100k =', '='.repeat(100_000)],
    ['100k -', '-'.repeat(100_000)],
    ['100k backslashes', '\\'.repeat(100_000)],
    ['escaped newlines', '\\n'.repeat(50_000)],
    ['gutter lines', Array.from({ length: 20_000 }, (_v, i) => `${i}→abcdefghijklmnopqrstuv`).join('\n')],
    ['base64 of base64 chains', Buffer.from(Buffer.from(Buffer.from('x'.repeat(20_000)).toString('base64')).toString('base64')).toString('base64')],
    ['key=value soup', 'token=abc&'.repeat(20_000)]
  ])('%s completes in bounded time', (_name, text) => {
    expect(timed(text).ms).toBeLessThan(2000)
  })

  it('redacts from an unterminated BEGIN to the end of a 200 KB value, fast', () => {
    const body = 'QUJD'.repeat(50_000)
    const { ms, out } = timed(`log\n-----BEGIN RSA ${PK}-----\n${body}`)
    expect(out).toBe('log\n[REDACTED:private-key]')
    expect(ms).toBeLessThan(2000)
  })

  it('over-redacts a decoy BEGIN or a mismatched END rather than leak', () => {
    const text = `-----BEGIN RSA ${PK}-----\n${KEY_BODY[0]}\n-----BEGIN EC ${PK}-----\n${KEY_BODY[1]}\n-----END EC ${PK}-----\ntail`
    expect(redact(text)).toBe('[REDACTED:private-key]\ntail')
    const mismatched = `-----BEGIN RSA ${PK}-----\n${KEY_BODY[0]}\n-----END CERTIFICATE-----\n${KEY_BODY[1]}`
    expect(redact(mismatched)).toBe('[REDACTED:private-key]')
  })

  it('chunks values above the size cap and still finds secrets at chunk seams', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil((1.5 * 1024 * 1024) / 27))
    const seam = 512 * 1024 - 16 * 1024 - 10
    const text = filler.slice(0, seam) + ` ${GH} ` + filler.slice(seam) + `\n${PEM}\n` + filler.slice(0, 600 * 1024)
    const { ms, out } = timed(text)
    expect(out).not.toContain(GH)
    for (const line of KEY_BODY) expect(out).not.toContain(line)
    expect(ms).toBeLessThan(10_000)
  })

  it('fails closed when a detector throws', () => {
    const broken: Detector = {
      id: 'broken',
      pack: 'secrets',
      description: 'throws',
      find: () => {
        throw new Error('boom')
      }
    }
    expect(redactText('anything at all', { detectors: [broken] }).text).toBe('[REDACTED:broken]')
  })

  it('processes a 1 MiB ordinary value in reasonable time', () => {
    const text = JSON.stringify({ output: 'const x = 1; // some ordinary code line\n'.repeat(26_000) })
    const { ms } = timed(text)
    expect(ms).toBeLessThan(15_000)
  })
})

describe('account names under identity keys', () => {
  it('redacts the value of requesterUsername, login, author and similar keys, and nothing else', () => {
    const r = redactJson(
      { requesterUsername: 'octocat', login: 'jdoe', author: 'Jane Doe', userType: 'external', name: 'build', owner: { login: 'acme-bot' } },
      { detectors: builtinDetectors }
    )
    expect(r.value).toEqual({
      requesterUsername: '[REDACTED:user-name]',
      login: '[REDACTED:user-name]',
      author: '[REDACTED:user-name]',
      userType: 'external',
      name: 'build',
      owner: { login: '[REDACTED:user-name]' }
    })
  })
})
