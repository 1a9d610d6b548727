import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { main } from '../../src/cli/main.js'
import { fixtures, tmpDir, captureIo } from '../helpers.js'

const io = captureIo

const GH = 'ghp_' + 'Zq8vR2mLx9TwZq8vR2mLx9TwZq8vR2mLx9Tw'
let d: string
let db: string
beforeAll(async () => {
  d = tmpDir('alt-cmd-')
  db = join(d, 'db.sqlite')
  expect(await main(['ingest', join(fixtures, 'codex'), '--db', db], io())).toBe(0)
})
afterAll(() => rmSync(d, { recursive: true, force: true }))

describe('report', () => {
  it('renders each format from one selection, with the same totals', async () => {
    const json = io()
    expect(await main(['report', '--db', db, '--format', 'json', '--mode', 'tokens', '--now', '2026-04-01T00:00:00Z'], json)).toBe(0)
    const r = JSON.parse(json.stdout)
    expect(r.mode).toBe('tokens')
    const md = io()
    expect(await main(['report', '--db', db, '--format', 'md', '--now', '2026-04-01T00:00:00Z'], md)).toBe(0)
    expect(md.stdout).toContain(`**${r.totals.sessions} sessions**`)
    expect(await main(['report', '--db', db, '--format', 'csv', '--out', join(d, 'csv')], io())).toBe(0)
    expect(readdirSync(join(d, 'csv')).sort()).toEqual(['prompts.csv', 'sessions.csv', 'tokens.csv', 'tool_calls.csv'])
    expect(await main(['report', '--db', db, '--format', 'html', '--out', join(d, 'r.html')], io())).toBe(0)
    expect(readFileSync(join(d, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i)
  })

  it('applies filters and rejects bad ones with exit 2', async () => {
    const o = io()
    expect(await main(['report', '--db', db, '--format', 'json', '--session', '0199a1b2-0000-7000-8000-00000000f0c5'], o)).toBe(0)
    expect(JSON.parse(o.stdout).sessions.map((s: { id: string }) => s.id)).toEqual(['0199a1b2-0000-7000-8000-00000000f0c5'])
    for (const bad of [
      ['--since', 'yesterday'],
      ['--timezone', 'Mars/Olympus'],
      ['--mode', 'everything'],
      ['--format', 'pdf']
    ]) {
      const e = io()
      expect(await main(['report', '--db', db, ...bad], e)).toBe(2)
      expect(e.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})

describe('redact', () => {
  it('writes sanitized copies: same tree, same number of lines, every line valid JSON', async () => {
    const src = join(d, 'logs')
    const text = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8').replace(
      'cat src/parser.ts',
      `curl -H 'Authorization: token ${GH}' x`
    )
    const { mkdirSync } = await import('node:fs')
    mkdirSync(join(src, 'nested'), { recursive: true })
    writeFileSync(join(src, 'nested', 'rollout.jsonl'), text)
    const o = io()
    expect(await main(['redact', src, '--out', join(d, 'clean'), '--json'], o)).toBe(0)
    const r = JSON.parse(o.stdout)
    expect(r.files).toBe(1)
    expect(r.redactions).toBeGreaterThan(0)
    const out = readFileSync(join(d, 'clean', 'nested', 'rollout.jsonl'), 'utf8')
    expect(out.split('\n').length).toBe(text.split('\n').length)
    for (const l of out.split('\n').filter(Boolean)) expect(() => JSON.parse(l)).not.toThrow()
    expect(out).not.toContain(GH)
    // Lines with nothing to redact are byte-identical.
    const plain = text.split('\n').findIndex((l) => l.includes('"user_message"'))
    expect(out.split('\n')[plain]).toBe(text.split('\n')[plain])
  })

  it('needs --out and refuses to overwrite its input', async () => {
    expect(await main(['redact', join(fixtures, 'codex')], io())).toBe(2)
    const e = io()
    expect(await main(['redact', join(d, 'logs'), '--out', join(d, 'logs')], e)).toBe(1)
    expect(e.stderr).toMatch(/refusing to overwrite/)
  })
})

describe('rules', () => {
  it('check validates a file and reports errors with file:line:column', async () => {
    const good = join(d, 'good.yml')
    writeFileSync(good, 'rules:\n  - id: acme\n    words: [Acme]\n')
    const ok = io()
    expect(await main(['rules', 'check', '--rules', good], ok)).toBe(0)
    expect(ok.stdout).toMatch(/valid/)
    const bad = join(d, 'bad.yml')
    writeFileSync(bad, 'rules:\n  - id: acme\n    wrods: [Acme]\n')
    const e = io()
    expect(await main(['rules', 'check', '--rules', bad], e)).toBe(1)
    expect(e.stderr).toContain(`${bad}:3:5: rules.0: unknown key "wrods"`)
    const re = join(d, 're.yml')
    writeFileSync(re, 'rules:\n  - id: back\n    pattern: "(a)\\\\1"\n')
    const r2 = io()
    expect(await main(['rules', 'check', '--rules', re], r2)).toBe(1)
    expect(r2.stderr).toMatch(/rule "back"/)
  })

  it('check compiles allow patterns as a run does, and test then runs them (issue #13)', async () => {
    const ci = join(d, 'ci.yml')
    writeFileSync(ci, "allow:\n  patterns: ['(?i)^ghp_zq8v']\n")
    const ok = io()
    expect(await main(['rules', 'check', '--rules', ci], ok)).toBe(0)
    const t = io()
    expect(await main(['rules', 'test', '--rules', ci, `my token is ${GH} ok`], t)).toBe(0)
    expect(t.stdout).toContain(`my token is ${GH} ok`)
    const back = join(d, 'allow-back.yml')
    writeFileSync(back, "allow:\n  patterns:\n    - '(a)\\1'\n")
    const e = io()
    expect(await main(['rules', 'check', '--rules', back], e)).toBe(1)
    expect(e.stderr).toMatch(new RegExp(`^${back.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:7: allow\\.patterns\\.0: .*RE2`))
  })

  it('an alias bomb is one line with its position and exit code 1, not a stack trace', async () => {
    const bomb = join(d, 'bomb.yml')
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f']
    ])
      lines.push(
        `${name}: &${name} [${Array(9)
          .fill('*' + prev)
          .join(', ')}]`
      )
    writeFileSync(bomb, lines.join('\n') + '\n')
    for (const cmd of [
      ['rules', 'check'],
      ['rules', 'test']
    ]) {
      const e = io()
      expect(await main([...cmd, '--rules', bomb, ...(cmd[1] === 'test' ? ['x'] : [])], e)).toBe(1)
      expect(e.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^${bomb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:8: YAML: .*alias`, 'i'))
      ])
    }
  })

  it('test shows what would be redacted and by which detector, without echoing the value', async () => {
    const o = io()
    expect(await main(['rules', 'test', `my token is ${GH} ok`], o)).toBe(0)
    expect(o.stdout).toMatch(/github-token +at 12-52/)
    expect(o.stdout).toContain('my token is [REDACTED:github-token] ok')
    expect(o.stdout.split('--- redacted ---')[0]).not.toContain(GH)
  })
})

describe('export', () => {
  it('writes a sanitized database copy with no trace of a planted secret', async () => {
    const src = join(d, 'secret-logs')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(src, { recursive: true })
    writeFileSync(
      join(src, 'rollout-x-0199a1b2-0000-7000-8000-00000000e0e0.jsonl'),
      readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8').replaceAll(
        'Refactor the parser so it streams input',
        `use ${GH} please`
      )
    )
    const sdb = join(d, 'secret.sqlite')
    expect(await main(['ingest', src, '--db', sdb], io())).toBe(0)
    expect(
      readFileSync(sdb).toString('latin1').includes(GH) ||
        readFileSync(sdb + '-wal')
          .toString('latin1')
          .includes(GH)
    ).toBe(true)
    const o = io()
    expect(await main(['export', '--db', sdb, '--out', join(d, 'export.sqlite'), '--json'], o)).toBe(0)
    expect(JSON.parse(o.stdout).redactions).toBeGreaterThan(0)
    expect(readFileSync(join(d, 'export.sqlite')).toString('latin1')).not.toContain(GH)
    const x = new Database(join(d, 'export.sqlite'), { readonly: true })
    const prompt = x.prepare('SELECT text FROM prompts ORDER BY event_id LIMIT 1').get() as { text: string }
    expect(prompt.text).toBe('use [REDACTED:github-token] please')
    expect((x.prepare('SELECT COUNT(*) AS n FROM files WHERE parser_state IS NOT NULL').get() as { n: number }).n).toBe(0)
    x.close()
  })
})

describe('dry-run', () => {
  it('writes comment, summary and report files and prints the comment', async () => {
    const o = io()
    const out = join(d, 'dry')
    expect(
      await main(['dry-run', join(fixtures, 'codex'), '--out', out, '--db', join(d, 'dry.sqlite'), '--formats', 'md,json', '--now', '2026-04-01T00:00:00Z'], o)
    ).toBe(0)
    expect(o.stdout).toContain('<!-- ai-log-trail:pr-comment v1 -->')
    expect(readdirSync(out).sort()).toEqual(['comment.md', 'report.json', 'report.md', 'summary.md'])
    expect(readFileSync(join(out, 'comment.md'), 'utf8')).toBe(o.stdout)
  })
})
