import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { parse } from 'yaml'
import { main } from '../../src/cli/main.js'
import { parseConfig } from '../../src/config/load.js'
import { fixtures, repoRoot, tmpDir, captureIo } from '../helpers.js'

/**
 * Docs that cannot lie: every `ai-log-trail …` command shown in README.md and docs/*.md names a
 * real subcommand and only options its --help lists; the commands that need nothing but files
 * are run, in document order, in a sandbox that has the bundled example logs where the docs say
 * logs are; every relative link points at a file (and heading) that exists.
 */

const DOCS = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)]
const LINKED = [...DOCS, 'CHANGELOG.md', 'SECURITY.md'].filter((f) => existsSync(join(repoRoot, f)))
const SHELL_LANGS = new Set(['sh', 'bash', 'console', 'shell', 'shell-session'])

interface DocCommand {
  file: string
  line: number
  /** The command as written, from `ai-log-trail` on. */
  text: string
  argv: string[]
  /** Arguments that were quoted (never read as options). */
  quoted: boolean[]
  /** From a sh/bash/console/shell block (run when it needs nothing else), or a `$ ` line of a plain block (checked only). */
  runnable: boolean
}

const capture = captureIo

/** Splits a shell line into words, keeping quotes' contents whole; stops at a comment. */
function words(line: string): { word: string; quoted: boolean }[] {
  const out: { word: string; quoted: boolean }[] = []
  let cur = ''
  let quoted = false
  let started = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1)
      if (end === -1) throw new Error(`unterminated quote in: ${line}`)
      cur += line.slice(i + 1, end)
      quoted = started = true
      i = end
    } else if (/\s/.test(c)) {
      if (started) out.push({ word: cur, quoted })
      cur = ''
      quoted = started = false
    } else if (c === '#' && !started) {
      break
    } else {
      cur += c
      started = true
    }
  }
  if (started) out.push({ word: cur, quoted })
  return out
}

/** The `ai-log-trail` invocations in a shell line: split at && || ; |, `npx` and redirections dropped. */
function invocations(line: string): { argv: string[]; quoted: boolean[] }[] {
  const ws = words(line)
  const segments: { word: string; quoted: boolean }[][] = [[]]
  for (const w of ws) {
    if (!w.quoted && ['&&', '||', ';', '|'].includes(w.word)) segments.push([])
    else segments[segments.length - 1].push(w)
  }
  const out: { argv: string[]; quoted: boolean[] }[] = []
  for (let seg of segments) {
    if (seg[0]?.word === 'npx') {
      seg = seg.slice(1)
      while (seg[0]?.word.startsWith('-')) seg = seg.slice(1)
    }
    if (seg[0]?.word !== 'ai-log-trail') continue
    const kept: { word: string; quoted: boolean }[] = []
    for (let i = 1; i < seg.length; i++) {
      const w = seg[i]
      if (!w.quoted && /^\d?>>?/.test(w.word)) {
        if (/^\d?>>?$/.test(w.word)) i++ // `> file`: skip the file too
        continue
      }
      kept.push(w)
    }
    out.push({ argv: kept.map((w) => w.word), quoted: kept.map((w) => w.quoted) })
  }
  return out
}

/** Every documented command of one Markdown file. */
function commandsOf(file: string): DocCommand[] {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n')
  const out: DocCommand[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i])
    if (!open) continue
    const fence = open[2]
    const lang = open[3].toLowerCase()
    const shell = SHELL_LANGS.has(lang)
    let j = i + 1
    for (; j < lines.length && !lines[j].trimStart().startsWith(fence); j++) {
      // A `\` at the end of a line continues the command on the next one.
      let text = lines[j]
      const first = j
      while (text.endsWith('\\') && j + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++j].trim()
      let cmd = text.trim()
      const prompt = /^\$\s+/.test(cmd)
      if (prompt) cmd = cmd.replace(/^\$\s+/, '')
      else if (lang === 'console') continue // output, not a command
      if (!shell && !(lang === '' && prompt)) continue
      for (const inv of invocations(cmd)) {
        out.push({ file, line: first + 1, text: ['ai-log-trail', ...inv.argv].join(' '), argv: inv.argv, quoted: inv.quoted, runnable: shell })
      }
    }
    i = j
  }
  return out
}

const commands = DOCS.flatMap(commandsOf)

/** `--flag` options used by a command (not inside quoted arguments; `--flag=value` → `--flag`). */
function flagsOf(c: DocCommand): string[] {
  const flags: string[] = []
  c.argv.forEach((a, i) => {
    if (c.quoted[i]) return
    for (const m of a.matchAll(/(?:^|[[(|])(--?[a-zA-Z][\w-]*)/g)) flags.push(m[1])
  })
  return flags
}

/** The subcommand (and for `rules`, its action), or null for top-level options. */
function subcommandOf(c: DocCommand): string | null {
  const first = c.argv[0]
  if (first === undefined || first.startsWith('-') || first.startsWith('<')) return null
  return first
}

const helpCache = new Map<string, { code: number; text: string }>()
async function helpOf(sub: string | null): Promise<{ code: number; text: string }> {
  const key = sub ?? ''
  const cached = helpCache.get(key)
  if (cached) return cached
  const io = capture()
  const code = await main(sub === null ? ['--help'] : [sub, '--help'], io)
  const r = { code, text: io.stdout + io.stderr }
  helpCache.set(key, r)
  return r
}

/** A word of a command that stands for something (a placeholder, an ellipsis, a choice). */
const PLACEHOLDER = /[<>[\]…|{}]|\.\.\.|\$\{?[A-Z]/

function isRunnable(c: DocCommand): boolean {
  return c.runnable && c.argv.length > 0 && c.argv.every((a, i) => c.quoted[i] || !PLACEHOLDER.test(a))
}

describe('commands in the docs', () => {
  it('are found in README.md and docs/*.md', () => {
    expect(commands.length).toBeGreaterThan(20)
    for (const f of ['README.md', 'docs/getting-started.md', 'docs/cli.md', 'docs/action.md']) expect(commands.some((c) => c.file === f)).toBe(true)
    // The extractor reads what the docs mean: a continued line is one command; comments are dropped.
    const reproduce = commands.find((c) => c.file === 'docs/action.md' && c.argv.includes('--changed-files'))
    expect(reproduce?.argv).toEqual(['dry-run', '.ai-logs', '--now', '2026-03-05T12:00:00Z', '--formats', 'md,json,html', '--changed-files', 'changed.txt', '--out', 'ai-log-trail-report'])
  })

  it('name real subcommands and only options their --help lists', async () => {
    const problems: string[] = []
    const main_ = await helpOf(null)
    for (const c of commands) {
      const where = `${c.file}:${c.line}: ${c.text}`
      const sub = subcommandOf(c)
      const help = await helpOf(sub)
      if (sub !== null && help.code !== 0) {
        problems.push(`${where}: '${sub}' is not a command`)
        continue
      }
      if (sub !== null && !new RegExp(`^\\s+${sub}\\s`, 'm').test(main_.text)) problems.push(`${where}: '${sub}' is not listed in ai-log-trail --help`)
      if (sub === 'rules') {
        const action = c.argv.slice(1).find((a, i) => !c.quoted[i + 1] && !a.startsWith('-') && c.argv[i] !== '--rules')
        if (action !== undefined && !['check', 'test'].includes(action) && !PLACEHOLDER.test(action)) problems.push(`${where}: 'rules ${action}' is not a rules subcommand`)
      }
      for (const f of flagsOf(c)) {
        const listed = new RegExp(`(^|[\\s\\[(,/])${f.replace(/[-]/g, '\\-')}(?![\\w-])`, 'm').test(help.text)
        if (!listed) problems.push(`${where}: ${f} is not an option of '${sub ?? 'ai-log-trail'}'`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('docs/cli.md', () => {
  it('has a section for every command of ai-log-trail --help, and none for a command that does not exist', async () => {
    const help = (await helpOf(null)).text
    const listed = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z][\w-]*) {2,}/gm)].map((m) => m[1])
    expect(listed.length).toBeGreaterThanOrEqual(7)
    const sections = [...readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8').matchAll(/^## `([\w-]+)`/gm)].map((m) => m[1])
    expect([...sections].sort()).toEqual([...listed].sort())
  })
})

describe('documented commands run', () => {
  // A sandbox that looks like a developer's machine: a home with agent logs where the agents
  // keep them, a repository with .ai-logs/, the rules file of docs/getting-started.md.
  const saved = { cwd: process.cwd(), env: { ...process.env } }
  let box = ''
  const ENV_KEYS = ['HOME', 'USERPROFILE', 'CODEX_HOME', 'CLAUDE_CONFIG_DIR', 'XDG_CONFIG_HOME', 'APPDATA', 'SOURCE_DATE_EPOCH'] as const

  function setUp(): string {
    const root = tmpDir('alt-docs-')
    const home = join(root, 'home')
    const repo = join(root, 'base')
    cpSync(join(fixtures, 'codex'), join(home, '.codex', 'sessions'), { recursive: true })
    cpSync(join(fixtures, 'claude-code'), join(home, '.claude', 'projects', '-home-alice-src-my-repo'), { recursive: true })
    mkdirSync(repo, { recursive: true })
    // A git repository on a feature branch, as `init`, `collect` and `dry-run --scope pr` expect.
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo })
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'start'], { cwd: repo })
    execFileSync('git', ['checkout', '-q', '-b', 'feature/docs'], { cwd: repo })
    cpSync(join(fixtures, 'codex'), join(repo, '.ai-logs', 'codex'), { recursive: true })
    cpSync(join(fixtures, 'codex'), join(repo, '.codex-logs'), { recursive: true })
    cpSync(join(repoRoot, 'docs', 'examples'), join(repo, 'docs', 'examples'), { recursive: true })
    mkdirSync(join(repo, '.github'), { recursive: true })
    writeFileSync(join(repo, '.github', 'ai-log-trail.yml'), gettingStartedConfig())
    writeFileSync(join(repo, 'changed.txt'), 'src/parser.ts\nREADME.md\n')
    writeFileSync(join(repo, 'notes.txt'), 'ask jane.roe@globex.io about the Acme account\n')
    for (const k of ENV_KEYS) delete process.env[k]
    process.env.HOME = home
    process.env.USERPROFILE = home
    return root
  }

  beforeAll(() => {
    box = setUp()
  })
  afterAll(() => {
    process.chdir(saved.cwd)
    for (const k of ENV_KEYS) {
      if (saved.env[k] === undefined) delete process.env[k]
      else process.env[k] = saved.env[k]
    }
    rmSync(box, { recursive: true, force: true })
  })

  /** A documented path, for the sandbox: `~` is the sandbox home, `/tmp/x` a folder in the sandbox. */
  function sandboxArg(a: string, quoted: boolean): string {
    if (quoted) return a
    if (a.startsWith('~/')) return join(box, 'home', a.slice(2))
    if (isAbsolute(a) && a.startsWith('/tmp/')) return join(box, 'tmp', a.slice('/tmp/'.length))
    return a
  }

  for (const file of DOCS) {
    const runnable = commands.filter((c) => c.file === file && isRunnable(c))
    if (runnable.length === 0) continue
    it(`${file}: ${runnable.length} command(s) exit 0, in order`, async () => {
      // Each document runs in a fresh copy of the repository: its commands build on each other.
      const repo = join(box, 'repos', file.replace(/[/.]/g, '_'))
      cpSync(join(box, 'base'), repo, { recursive: true })
      process.chdir(repo)
      try {
        const failures: string[] = []
        for (const c of runnable) {
          const io = capture()
          const argv = c.argv.map((a, i) => sandboxArg(a, c.quoted[i]))
          const code = await main(argv, io)
          if (code !== 0) failures.push(`${c.file}:${c.line}: ${c.text} → exit ${code}: ${io.stderr.trim().split('\n')[0]}`)
        }
        expect(failures).toEqual([])
      } finally {
        process.chdir(saved.cwd)
      }
    })
  }

  it('the commands exercise every subcommand the docs show', () => {
    const ran = new Set(commands.filter(isRunnable).map(subcommandOf))
    for (const sub of ['init', 'collect', 'ingest', 'sessions', 'dry-run', 'report', 'redact', 'export', 'rules']) expect(ran).toContain(sub)
  })
})

describe('the pipeline end to end on the bundled logs', () => {
  it('ingest, sessions, report, rules, redact, export and dry-run all exit 0 with what they promise', async () => {
    const d = tmpDir('alt-docs-e2e-')
    const run = async (argv: string[]) => {
      const io = capture()
      const code = await main(argv, io)
      expect({ argv, code, stderr: code === 0 ? '' : io.stderr }).toEqual({ argv, code: 0, stderr: '' })
      return io
    }
    try {
      const db = join(d, 'x.sqlite')
      const ingest = JSON.parse((await run(['ingest', join(fixtures, 'codex'), '--db', db, '--json'])).stdout)
      expect(ingest.sessions).toBeGreaterThan(0)
      const sessions = JSON.parse((await run(['sessions', '--db', db, '--json'])).stdout) as unknown[]
      expect(sessions).toHaveLength(ingest.sessions)
      const report = JSON.parse((await run(['report', '--db', db, '--format', 'json', '--now', '2026-03-05T12:00:00Z'])).stdout)
      expect(report.totals.sessions).toBe(ingest.sessions)
      expect(report.redactions).toEqual(expect.objectContaining({ total: expect.any(Number) }))
      expect((await run(['rules', 'check', '--rules', join(repoRoot, 'docs', 'examples', 'ai-log-trail.yml')])).stdout).toMatch(/valid/)
      await run(['redact', join(fixtures, 'codex'), '--out', join(d, 'y')])
      expect(readdirSync(join(d, 'y')).length).toBeGreaterThan(0)
      await run(['export', '--db', db, '--out', join(d, 'z.sqlite')])
      expect(statSync(join(d, 'z.sqlite')).size).toBeGreaterThan(0)
      await run(['dry-run', join(fixtures, 'codex'), '--out', join(d, 'w'), '--quiet', '--now', '2026-03-05T12:00:00Z'])
      for (const f of ['comment.md', 'summary.md', 'report.md', 'report.json']) expect(existsSync(join(d, 'w', f))).toBe(true)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

/** The rules file shown in docs/getting-started.md (a test below checks it is valid). */
function gettingStartedConfig(): string {
  const doc = readFileSync(join(repoRoot, 'docs', 'getting-started.md'), 'utf8')
  const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith('# .github/ai-log-trail.yml'))
  if (!block) throw new Error('docs/getting-started.md shows no .github/ai-log-trail.yml')
  return block
}

describe('docs/getting-started.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'getting-started.md'), 'utf8')
  const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])

  it('shows rules files the real validator accepts', () => {
    const configs = yamlBlocks.filter((b) => !/^jobs:/m.test(b))
    expect(configs.length).toBeGreaterThanOrEqual(2)
    for (const b of configs) expect(() => parseConfig(b, 'docs/getting-started.md')).not.toThrow()
  })

  it('shows the same workflow as docs/workflows/pull-request.yml', () => {
    const workflow = yamlBlocks.find((b) => /^jobs:/m.test(b))
    expect(workflow).toBeDefined()
    expect(parse(workflow as string)).toEqual(parse(readFileSync(join(repoRoot, 'docs', 'workflows', 'pull-request.yml'), 'utf8')))
  })
})

// --- links -------------------------------------------------------------------------------------

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const line of stripCode(markdown).split('\n')) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!h) continue
    const text = h[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '')
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '').replace(/ /g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n ? `${base}-${n}` : base)
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1])
  return out
}

/** Markdown without fenced blocks and inline code (links there are not links). */
function stripCode(markdown: string): string {
  return markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '')
}

function linksOf(markdown: string): string[] {
  const text = stripCode(markdown)
  const inline = [...text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1])
  const refs = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1])
  const html = [...text.matchAll(/<(?:a|img)\s[^>]*(?:href|src)="([^"]+)"/g)].map((m) => m[1])
  return [...inline, ...refs, ...html]
}

describe('links in the docs', () => {
  it.each(LINKED)('%s: every relative link points at an existing file and heading', (file) => {
    const problems: string[] = []
    const text = readFileSync(join(repoRoot, file), 'utf8')
    for (const link of linksOf(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue // https:, mailto:, …
      const [path, anchor] = link.split('#')
      const target = path ? resolve(dirname(join(repoRoot, file)), decodeURIComponent(path)) : join(repoRoot, file)
      if (!target.startsWith(repoRoot)) {
        problems.push(`${link}: outside the repository`)
        continue
      }
      if (!existsSync(target)) {
        problems.push(`${link}: no such file`)
        continue
      }
      if (anchor && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(anchor)) problems.push(`${link}: no heading #${anchor} in ${relative(repoRoot, target)}`)
    }
    expect(problems).toEqual([])
  })
})
