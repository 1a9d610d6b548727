import { afterAll, describe, expect, test } from '@jest/globals'
import Database from 'better-sqlite3'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/load.js'
import { ConfigSchema } from '../../src/config/schema.js'
import { countLate, describeLateCheck, emptyLateCheck, lateCheckContent, lateCheckOptions } from '../../src/redact/late/check.js'
import { redactFiles } from '../../src/redact/files.js'
import { lateCheckDatabase } from '../../src/redact/late/database.js'
import { tmpDir } from '../helpers.js'

// Token-shaped values are assembled at test time (fixtures/redaction/planted.jsonl convention).
const TOKEN = ['ghp_', 'ACfOWXIesYeDnSocqgqRF0movaQNKqpQZuE1'].join('')
const EMAIL = 'mira.kowalczyk@acme-corp.io'
const ZWJ = '\u200d'

const opts = lateCheckOptions(loadConfig(undefined).config)
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function check(name: string, text: string) {
  const r = lateCheckContent(name, text, opts)
  const again = lateCheckContent(name, r.text, opts)
  return { ...r, again }
}

const detectors = (fs: { detector: string }[]) => fs.map((f) => f.detector).sort()

describe('the last check of a rendered text', () => {
  test('a token and an e-mail a renderer leaked into Markdown are replaced by markers and counted', () => {
    // As the Markdown renderer writes an address: a zero-width joiner after `@` so it is no autolink.
    const leaked = `## Prompts\n\n1. deploy with \`${TOKEN}\` and mail ${EMAIL.replace('@', '@' + ZWJ)} when done\n`
    const r = check('comment.md', leaked)
    expect(r.text).not.toContain(TOKEN)
    expect(r.text).not.toContain('mira.kowalczyk')
    expect(r.text).toContain('[REDACTED:github-token]')
    expect(r.text).toMatch(/\[REDACTED:email#1\]/)
    expect(detectors(r.findings)).toEqual(['email', 'github-token'])
    expect(r.text.startsWith('## Prompts\n\n1. deploy with `')).toBe(true)
    expect(r.again.findings).toEqual([])
    expect(r.again.text).toBe(r.text)

    const check2 = emptyLateCheck()
    countLate(check2, 'comment.md', r.findings)
    countLate(check2, 'report.html', [{ detector: 'email' }])
    expect(check2.total).toBe(3)
    expect(describeLateCheck(check2)).toBe(
      'Late check: 3 values redacted in the final files (email × 1 in comment.md, github-token × 1 in comment.md, email × 1 in report.html)'
    )
  })

  test('Markdown escapes do not hide a value, and a marker never becomes a link', () => {
    const r = check('report.md', `token\\_x ${TOKEN}(see) and ${EMAIL.replace('.', '\\.')}: done\n`)
    expect(detectors(r.findings)).toEqual(['email', 'github-token'])
    expect(r.text).toContain(`[REDACTED:github-token]${ZWJ}(see)`)
    expect(r.text).not.toContain('kowalczyk')
    expect(r.again.findings).toEqual([])
  })

  test('a key block across lines of a Markdown code block is redacted whole (line-by-line scanning keeps whole-text detectors)', () => {
    const body = ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo', '4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0']
    const key = [['-----BEGIN RSA ', 'PRIVATE KEY-----'].join(''), ...body, ['-----END RSA ', 'PRIVATE KEY-----'].join('')].join('\n')
    const r = check('report.md', `Output:\n\n\`\`\`\n$ cat id_rsa\n${key}\n\`\`\`\n`)
    expect(detectors(r.findings)).toEqual(['private-key'])
    expect(r.text).toBe('Output:\n\n```\n$ cat id_rsa\n[REDACTED:private-key]\n```\n')
    expect(r.again.findings).toEqual([])
  })

  test('markers already in the text are never flagged again', () => {
    const text = 'mail [REDACTED:email:0123456789] key \\[REDACTED:github-token] path /home/[REDACTED:user-name]/x\n'
    for (const name of ['a.md', 'a.html', 'a.txt']) expect(lateCheckContent(name, text, opts).findings).toEqual([])
  })

  test('HTML: entities decoded for the detectors, markup and the JSON data block kept valid', () => {
    const html =
      `<!DOCTYPE html>\n<html><body><p title="x">curl -H &quot;Authorization: token ${TOKEN}&quot;</p>` +
      `<pre>${EMAIL.replace('@', '&#64;')}</pre>` +
      `<script type="application/json" id="alt-search">${JSON.stringify([{ text: `branch\n${EMAIL}\n</x>` }]).replace(/</g, '\\u003c')}</script>\n</body></html>\n`
    const r = check('report.html', html)
    expect(r.text).not.toContain(TOKEN)
    expect(r.text).not.toContain('kowalczyk')
    expect(r.findings.length).toBe(3)
    expect(r.again.findings).toEqual([])
    expect(r.text.match(/<[^>]+>/g)).toEqual(html.match(/<[^>]+>/g))
    const block = /<script type="application\/json" id="alt-search">([\s\S]*?)<\/script>/.exec(r.text)![1]
    expect(block).not.toMatch(/[<>]/)
    expect(JSON.parse(block)).toEqual([{ text: expect.stringMatching(/^branch\n\[REDACTED:email#1\]\n<\/x>$/) }])
  })

  test('HTML markup is no text: a marker badge after `--token` is no value, and a finding beside a tag keeps the tag', () => {
    const html = `<pre>acme login --token <span class="redacted" title="removed by redaction rule cli-secret-flag">[REDACTED:cli-secret-flag]</span> --region eu</pre>\n`
    expect(lateCheckContent('report.html', html, opts).findings).toEqual([])
    const leak = `<ul><li><code>${EMAIL}</code></li><li><code>${TOKEN}</code></li></ul>`
    const r = check('report.html', leak)
    expect(detectors(r.findings)).toEqual(['email', 'github-token'])
    expect(r.text).toMatch(/^<ul><li><code>\[REDACTED:email#1\]<\/code><\/li><li><code>\[REDACTED:github-token\]<\/code><\/li><\/ul>$/)
    expect(r.again.findings).toEqual([])
  })

  test('JSON: scanned through its decoded strings, written back in its own indentation', () => {
    const doc = { sessions: [{ turns: [{ prompt: { text: `use "${TOKEN}"` }, args: JSON.stringify({ to: EMAIL }) }] }], n: 1.5 }
    const text = JSON.stringify(doc, null, 2) + '\n'
    const r = check('report.json', text)
    expect(detectors(r.findings)).toEqual(['email', 'github-token'])
    const back = JSON.parse(r.text) as typeof doc
    expect(back.sessions[0].turns[0].prompt.text).toBe('use "[REDACTED:github-token]"')
    expect(JSON.parse(back.sessions[0].turns[0].args)).toEqual({ to: expect.stringMatching(/^\[REDACTED:email#1\]$/) })
    expect(r.text).toBe(JSON.stringify({ ...doc, sessions: back.sessions }, null, 2) + '\n')
    expect(r.again.findings).toEqual([])
  })

  test('CSV: checked cell by cell, so quoting survives and every row keeps its cells', () => {
    const csv = `id,text,n\r\n1,"say ""hi"", then ${TOKEN}",2\r\n2,${EMAIL},3\r\n`
    const r = check('prompts.csv', csv)
    expect(detectors(r.findings)).toEqual(['email', 'github-token'])
    expect(r.text).toBe(`id,text,n\r\n1,"say ""hi"", then [REDACTED:github-token]",2\r\n2,${r.text.split('\r\n')[2].split(',')[1]},3\r\n`)
    expect(r.text.split('\r\n')[2]).toMatch(/^2,\[REDACTED:email#1\],3$/)
    expect(r.again.findings).toEqual([])
  })

  test('clean text is returned as it was', () => {
    const text = '# Report\n\nNothing to see in `src/index.ts` on branch `main`.\n'
    const r = lateCheckContent('report.md', text, opts)
    expect(r).toEqual({ text, findings: [] })
  })

  test('a rule scoped to some fields is left out; a field published as written keeps its values', () => {
    const config = ConfigSchema.parse({
      rules: [
        { id: 'ticket', pattern: 'TCK-[0-9]{4}' },
        { id: 'prompt-only', pattern: 'PRJ-[0-9]{4}', fields: ['prompt'] }
      ],
      fields: { prompt: 'include' }
    })
    const included = `write to ${EMAIL}`
    const o = lateCheckOptions(config, [included])
    const r = lateCheckContent('a.txt', `TCK-1234 PRJ-1234 ${EMAIL} other.person@acme-corp.io`, o)
    expect(detectors(r.findings)).toEqual(['email', 'ticket'])
    expect(r.text).toContain(EMAIL)
    expect(r.text).toContain('PRJ-1234')
  })
})

describe('the last check of a sanitized database', () => {
  test('every text value of every table is checked and replaced in place; JSON values stay JSON', () => {
    const dir = tmpDir()
    dirs.push(dir)
    const path = join(dir, 'out.sqlite')
    const db = new Database(path)
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, meta, n INTEGER)')
    db.prepare('INSERT INTO notes (body, meta, n) VALUES (?, ?, ?)').run(`token ${TOKEN}`, JSON.stringify({ mail: EMAIL }), 3)
    db.prepare('INSERT INTO notes (body, meta, n) VALUES (?, ?, ?)').run('nothing here', null, 4)
    db.close()
    const c = lateCheckDatabase(path, opts)
    expect(c).toEqual({ total: 2, by_file: { 'out.sqlite': { email: 1, 'github-token': 1 } } })
    const back = new Database(path, { readonly: true })
    const rows = back.prepare('SELECT body, meta, n FROM notes ORDER BY id').all() as { body: string; meta: string | null; n: number }[]
    back.close()
    expect(rows[0].body).toBe('token [REDACTED:github-token]')
    expect(JSON.parse(rows[0].meta!)).toEqual({ mail: expect.stringMatching(/^\[REDACTED:email#1\]$/) })
    expect(rows[1]).toEqual({ body: 'nothing here', meta: null, n: 4 })
    expect(lateCheckDatabase(path, opts).total).toBe(0)
  })
})

describe('the last check of sanitized log copies (redact)', () => {
  test('a value the copy still shows a reader (an entity, a zero-width joiner inside a token) is redacted and counted per copy', async () => {
    const dir = tmpDir()
    dirs.push(dir)
    const logs = join(dir, 'logs')
    mkdirSync(join(logs, 'aider'), { recursive: true })
    const hidden = `${TOKEN.slice(0, 10)}${ZWJ}${TOKEN.slice(10)}`
    writeFileSync(join(logs, 'aider', '.aider.chat.history.md'), `# aider chat started\n\n#### mail ${EMAIL.replace('@', '&#64;')} the key ${hidden}\n`)
    const r = await redactFiles([logs], join(dir, 'clean'), loadConfig(undefined).config)
    const copy = readFileSync(join(dir, 'clean', 'aider', '.aider.chat.history.md'), 'utf8')
    expect(r.late).toEqual({ total: 2, by_file: { [join('aider', '.aider.chat.history.md')]: { email: 1, 'github-token': 1 } } })
    expect(copy).not.toContain('kowalczyk')
    expect(copy.replace(ZWJ, '')).not.toContain(TOKEN)
    expect(copy).toMatch(/^# aider chat started\n\n#### mail \[REDACTED:email#1\] the key \[REDACTED:github-token\]\n$/)
  })
})
