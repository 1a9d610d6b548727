import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { captureIo, fixtures, repoRoot, tmpDir } from '../helpers.js'
import { historyCommand } from '../../src/cli/commands/history.js'
import { spawn } from 'node:child_process'
import {
  COMMENTED_RULES,
  HOME_PATH_EVENT_TEXT,
  HOME_PATH_SESSION,
  HOSTILE_SESSION,
  HOSTILE_TEXT,
  SESSION_WITH_TOOL_OUTPUT,
  serveFixtures,
  writeHostileLog,
  type Served
} from './fixture.js'

/**
 * The review page in Debian's Chromium (skips where it is not installed): it runs under its own
 * CSP, asks nothing of anywhere but its server, and a value selected in a tool output and
 * redacted everywhere is redacted after a reload and written into the rules file.
 */
const CHROMIUM = '/usr/bin/chromium'
const maybe = existsSync(CHROMIUM) ? it : it.skip
const SCREENSHOT = join(repoRoot, 'docs', 'review.png')

let browser: Browser | undefined
let s: Served
let hostileDir = ''

interface Watched {
  page: Page
  errors: string[]
  requests: string[]
}

async function open(url: string): Promise<Watched> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
  const w: Watched = { page, errors: [], requests: [] }
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.errors.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`))
  page.on('request', (r) => w.requests.push(r.url()))
  await page.goto(url, { waitUntil: 'load' })
  return w
}

/** Selects `value` inside the first shown text of the given field kind that holds it, as a mouse would. */
function selectIn(page: Page, field: string, value: string): Promise<boolean> {
  // A string, as the report's browser test does: the project's types do not include the DOM.
  return page.evaluate<boolean>(`(() => {
    const f = ${JSON.stringify(field)}, v = ${JSON.stringify(value)}
    const pre = [...document.querySelectorAll('#turns .field[data-field="' + f + '"] pre.redacted-text')].find((p) => p.textContent.includes(v))
    const node = pre && [...pre.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.includes(v))
    if (!node) return false
    const at = node.textContent.indexOf(v)
    const range = document.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + v.length)
    const sel = window.getSelection()
    sel.removeAllRanges()
    sel.addRange(range)
    return true
  })()`)
}

describe('review page in headless Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return
    hostileDir = tmpDir('alt-review-hostile-')
    s = await serveFixtures({ agents: ['codex', 'claude-code'], extra: [writeHostileLog(hostileDir)], withExport: true })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 60_000,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await s?.close()
    if (hostileDir) rmSync(hostileDir, { recursive: true, force: true })
  })

  const local = () => `http://127.0.0.1:${s.server.port}/`

  maybe('lists the sessions and filters them by agent and by search', async () => {
    const w = await open(s.server.url)
    try {
      const rows = w.page.locator('#session-list > li.session')
      await rows.first().waitFor()
      const all = await rows.count()
      expect(all).toBeGreaterThan(1)
      await w.page.selectOption('#f-agent', 'codex')
      const codex = await rows.count()
      expect(codex).toBeGreaterThan(0)
      expect(codex).toBeLessThan(all)
      expect(await w.page.locator('#count').innerText()).toBe(`${codex} of ${all} sessions`)
      await w.page.selectOption('#f-agent', '')
      await w.page.fill('#q', SESSION_WITH_TOOL_OUTPUT.slice(-12))
      expect(await rows.count()).toBe(1)
      await w.page.fill('#q', 'no session has this text')
      expect(await rows.count()).toBe(0)
      expect(await w.page.isVisible('#no-match')).toBe(true)
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('opens a session, redacts a value selected in a tool output everywhere, and shows it redacted after a reload', async () => {
    const w = await open(s.server.url)
    try {
      await w.page.locator(`#session-list > li.session[data-id="${SESSION_WITH_TOOL_OUTPUT}"] a`).click()
      await w.page.locator('#turns .field[data-field="output"]').first().waitFor()
      expect(await w.page.locator('#turns .field[data-field="prompt"]').count()).toBeGreaterThan(0)
      const value = 'export function parse'
      expect(await selectIn(w.page, 'output', value)).toBe(true)
      await w.page.locator('#redact-everywhere:not([disabled])').waitFor()
      await w.page.fill('#rule-id', 'parser-name')
      expect(await selectIn(w.page, 'output', value)).toBe(true)
      // The page asks first, saying the value is written as it is into a committed file.
      const asked: string[] = []
      w.page.once('dialog', (d) => {
        asked.push(d.message())
        void d.accept()
      })
      await w.page.click('#redact-everywhere')
      await w.page.locator('#redact-status', { hasText: 'rule parser-name' }).waitFor()
      expect(asked).toEqual([expect.stringContaining('never rely on it for a secret')])

      await w.page.reload({ waitUntil: 'load' })
      const output = w.page.locator('#turns .field[data-field="output"] pre.redacted-text', { hasText: 'REDACTED:parser-name' })
      await output.first().waitFor()
      const marker = output.first().locator('span.redacted[data-detector="parser-name"]')
      expect(await marker.innerText()).toBe('[REDACTED:parser-name]')
      expect(await marker.getAttribute('title')).toBe('redacted by parser-name')
      expect(await w.page.locator('#turns').innerText()).not.toContain(value)

      // In the rules file after the last rule, every byte around it as it was.
      const at = COMMENTED_RULES.indexOf('# allow-list below')
      expect(readFileSync(s.rulesPath, 'utf8')).toBe(
        COMMENTED_RULES.slice(0, at) + '  - id: parser-name\n    literals:\n      - export function parse\n' + COMMENTED_RULES.slice(at)
      )
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('the history panel lists that rule, and its Undo removes it: the rules file is again byte for byte what it was', async () => {
    const w = await open(s.server.url)
    try {
      const entry = w.page.locator('#history-list li.hist[data-kind="redaction"]', { hasText: 'rule parser-name' })
      await entry.waitFor()
      expect(await entry.innerText()).toContain('add redaction')
      expect(await entry.innerText()).toContain('reviewer')
      const asked = acceptNext(w.page)
      await entry.locator('button.undo').click()
      await w.page.locator('#history-list li.hist', { hasText: 'remove redaction' }).waitFor()
      expect(asked).toEqual([expect.stringContaining('rule parser-name')])
      expect(readFileSync(s.rulesPath, 'utf8')).toBe(COMMENTED_RULES)
      // Nothing left to undo: the entry is listed without its button, and the rules list no longer holds the rule.
      expect(await entry.locator('button.undo').count()).toBe(0)
      expect(await w.page.locator('#entry-list li.entry', { hasText: 'parser-name' }).count()).toBe(0)
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('filters the list by branch and by a range of start dates', async () => {
    const w = await open(s.server.url)
    try {
      const rows = w.page.locator('#session-list > li.session')
      await rows.first().waitFor()
      const all = await rows.count()
      const branches = (await w.page.locator('#f-branch option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).filter(Boolean)
      expect(branches.length).toBeGreaterThan(0)
      await w.page.selectOption('#f-branch', branches[0])
      const onBranch = await rows.allInnerTexts()
      expect(onBranch.length).toBeGreaterThan(0)
      expect(onBranch.length).toBeLessThan(all)
      for (const t of onBranch) expect(t).toContain(`branch ${branches[0]}`)
      await w.page.selectOption('#f-branch', '')

      const days = (await rows.allInnerTexts()).map((t) => /\b(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}\b/.exec(t)?.[1]).filter((d): d is string => d !== undefined)
      const last = [...days].sort().at(-1)!
      await w.page.fill('#f-from', last)
      const fromLast = await rows.allInnerTexts()
      expect(fromLast.length).toBe(days.filter((d) => d >= last).length)
      for (const t of fromLast) expect(t).toContain(last)
      await w.page.fill('#f-to', last)
      expect(await rows.count()).toBe(days.filter((d) => d === last).length)
      // A range before every session shows none; emptied, the range no longer filters.
      await w.page.fill('#f-from', '2000-01-01')
      await w.page.fill('#f-to', '2000-01-02')
      expect(await rows.count()).toBe(0)
      await w.page.fill('#f-from', '')
      await w.page.fill('#f-to', '')
      expect(await rows.count()).toBe(all)
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('tags a prompt, still tagged after a reload, and the list filters by the tag', async () => {
    const w = await open(`${s.server.url}#s=${SESSION_WITH_TOOL_OUTPUT}`)
    try {
      const marks = w.page.locator('#turns .marks[data-prompt="1"]')
      await marks.waitFor()
      await marks.locator('input.tag-input').fill('<b>TCK-7</b>')
      await marks.locator('button.add-tag').click()
      await marks.locator('.tag[data-label="<b>TCK-7</b>"]').waitFor()

      await w.page.reload({ waitUntil: 'load' })
      const tag = w.page.locator('#turns .marks[data-prompt="1"] .tag[data-label="<b>TCK-7</b>"]')
      await tag.waitFor()
      // User text shown as text: the markup typed into the label is not an element.
      expect(await tag.innerText()).toContain('<b>TCK-7</b>')
      expect(await w.page.locator('#turns .marks b').count()).toBe(0)

      await w.page.click('#back')
      const rows = w.page.locator('#session-list > li.session')
      await rows.first().waitFor()
      const all = await rows.count()
      await w.page.selectOption('#f-tag', '<b>TCK-7</b>')
      expect(await rows.count()).toBe(1)
      expect(await rows.first().getAttribute('data-id')).toBe(SESSION_WITH_TOOL_OUTPUT)
      expect(await w.page.locator('#count').innerText()).toBe(`1 of ${all} sessions`)
      await w.page.selectOption('#f-tag', '')
      expect(await rows.count()).toBe(all)
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('sets "needs review" on a prompt and the list filters by it; "has redactions" keeps the sessions with a redacted value', async () => {
    const w = await open(`${s.server.url}#s=${SESSION_WITH_TOOL_OUTPUT}`)
    try {
      const select = w.page.locator('#turns .marks[data-prompt="2"] select.disposition')
      await select.waitFor()
      expect(await select.inputValue()).toBe('')
      await select.selectOption('needs-review')
      await w.page.locator('#history-list li.hist[data-kind="disposition"]', { hasText: 'needs-review' }).waitFor()
      expect(await w.page.locator('#turns .marks[data-prompt="2"] select.disposition').inputValue()).toBe('needs-review')

      await w.page.click('#back')
      const rows = w.page.locator('#session-list > li.session')
      await rows.first().waitFor()
      const all = await rows.count()
      await w.page.check('#f-needs-review')
      expect(await rows.count()).toBe(1)
      expect(await rows.first().getAttribute('data-id')).toBe(SESSION_WITH_TOOL_OUTPUT)
      expect(await rows.first().locator('.tag.needs-review').innerText()).toBe('needs review')
      await w.page.uncheck('#f-needs-review')

      await w.page.check('#f-redacted')
      await w.page.locator('#count', { hasText: 'sessions' }).waitFor()
      const redacted = await rows.count()
      expect(redacted).toBeGreaterThan(0)
      expect(redacted).toBeLessThan(all)
      // Its only redaction is in a tool call's arguments, which the list itself does not read.
      const home = w.page.locator(`#session-list > li.session[data-id="${HOME_PATH_SESSION}"]`)
      expect(await home.count()).toBe(1)
      expect(await home.locator('.badge', { hasText: /^\d+ redacted$/ }).count()).toBe(1)
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('a note added on the page is in `ai-log-trail history --json`', async () => {
    const w = await open(`${s.server.url}#s=${SESSION_WITH_TOOL_OUTPUT}`)
    try {
      const text = 'the agent ignored the streaming ask'
      const marks = w.page.locator('#session-marks .marks[data-prompt="session"]')
      await marks.waitFor()
      await marks.locator('input.note-input').fill(text)
      await marks.locator('button.add-note').click()
      await w.page.locator('#session-marks li.note', { hasText: text }).waitFor()
      await w.page.locator('#history-list li.hist[data-kind="note"]', { hasText: text }).waitFor()

      const io = captureIo()
      expect(await historyCommand(['--json', '--db', join(s.ingested.dir, 'test.sqlite')], io)).toBe(0)
      const entries = JSON.parse(io.stdout) as { kind: string; action: string; session: string; prompt: number | null; detail: string; actor: string }[]
      expect(entries).toContainEqual(
        expect.objectContaining({ kind: 'note', action: 'add', session: SESSION_WITH_TOOL_OUTPUT, prompt: null, detail: text, actor: 'reviewer' })
      )
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  /** Accepts the next dialog and keeps its message. */
  function acceptNext(page: Page): string[] {
    const asked: string[] = []
    page.once('dialog', (d) => {
      asked.push(d.message())
      void d.accept()
    })
    return asked
  }

  maybe('redacts a value selected in one tool output there only, shows it after a reload and in the entries list, and undoes it', async () => {
    const w = await open(`${s.server.url}#s=${SESSION_WITH_TOOL_OUTPUT}`)
    try {
      const before = readFileSync(s.rulesPath, 'utf8')
      const value = 'Wall time'
      await w.page.locator('#turns .field[data-field="output"]', { hasText: value }).first().waitFor()
      expect(await selectIn(w.page, 'output', value)).toBe(true)
      await w.page.locator('#redact-occurrence:not([disabled])').waitFor()
      await w.page.fill('#reason', 'timing is noise')
      expect(await selectIn(w.page, 'output', value)).toBe(true)
      const asked = acceptNext(w.page)
      await w.page.click('#redact-occurrence')
      await w.page.locator('#redact-status', { hasText: 'written to the rules file' }).waitFor()
      expect(asked).toEqual([expect.stringContaining('this one field only')])

      await w.page.reload({ waitUntil: 'load' })
      const field = w.page.locator('#turns .field[data-field="output"]', { has: w.page.locator('span.redacted[data-detector="override"]') })
      await field.waitFor()
      expect(await field.innerText()).not.toContain(value)
      const entry = w.page.locator('#entry-list li.entry', { hasText: `redact "${value}" in the output of action` })
      await entry.waitFor()
      expect(await entry.innerText()).toContain('reviewer · 2026-12-06 · “timing is noise”')
      // The rules file: everything that was there, byte for byte, then the new entry.
      const written = readFileSync(s.rulesPath, 'utf8')
      expect(written.startsWith(before)).toBe(true)
      expect(written.slice(before.length)).toMatch(
        /^overrides:\n {2}- session: 0199a1b2-0000-7000-8000-00000000c0de\n {4}prompt: \d+\n {4}action: \d+\n {4}field: output\n {4}find: Wall time\n/
      )

      acceptNext(w.page)
      await entry.locator('button.undo').click()
      await w.page.locator('#turns .field[data-field="output"]', { hasText: value }).first().waitFor()
      await entry.waitFor({ state: 'detached' })
      expect(readFileSync(s.rulesPath, 'utf8')).toBe(before + 'overrides: []\n')
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('marks a session private: the page and a dry-run export show it emptied with its counts kept; undo restores it', async () => {
    const w = await open(`${s.server.url}#s=${SESSION_WITH_TOOL_OUTPUT}`)
    try {
      await w.page.locator('#turns .field[data-field="prompt"]').first().waitFor()
      const prompts = await w.page.locator('#turns .field[data-field="prompt"]').count()
      const asked = acceptNext(w.page)
      await w.page.click('#session-head button.mark-private')
      await w.page.locator('#turns .private-prompt').first().waitFor()
      expect(asked).toEqual([expect.stringContaining('published empty')])
      expect(await w.page.locator('#turns .private-prompt').count()).toBe(prompts)
      expect(await w.page.locator('#turns .field').count()).toBe(0)
      await w.page.locator('#entry-list li.entry', { hasText: 'session private' }).waitFor()

      await w.page.click('#export')
      await w.page.locator('#export-view:not([hidden])').waitFor()
      const files = await w.page.locator('#export-files li').allInnerTexts()
      expect(files.map((f) => f.split(' ')[0])).toEqual(['comment.md', 'report.json', 'report.md', 'summary.md'])
      const dir = /files in (.+) · \d+ values redacted$/.exec(await w.page.locator('#export-status').innerText())?.[1]
      expect(dir).toBeDefined()
      const report = JSON.parse(readFileSync(join(dir!, 'report.json'), 'utf8')) as {
        sessions: {
          id: string
          prompts: number
          tool_calls: number
          turns: { prompt: { text: string; private: boolean } | null; actions: { output: string | null }[] }[]
        }[]
      }
      const shown = report.sessions.find((x) => x.id === SESSION_WITH_TOOL_OUTPUT)!
      expect(shown.prompts).toBe(prompts)
      expect(shown.tool_calls).toBeGreaterThan(0)
      expect(shown.turns.every((t) => t.prompt === null || (t.prompt.text === '' && t.prompt.private))).toBe(true)
      expect(shown.turns.flatMap((t) => t.actions).every((a) => a.output === null)).toBe(true)
      rmSync(dir!, { recursive: true, force: true })

      acceptNext(w.page)
      await w.page.locator('#entry-list li.entry', { hasText: 'session private' }).locator('button.undo').click()
      await w.page.locator('#turns .field[data-field="prompt"]').first().waitFor()
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('shows the raw text of one field beside the redacted text only when asked, and screenshots the page', async () => {
    const w = await open(`${s.server.url}#s=${HOME_PATH_SESSION}`)
    try {
      const field = w.page.locator('#turns .field[data-field="arguments"]', { hasText: HOME_PATH_EVENT_TEXT })
      await field.waitFor()
      expect(await field.locator('pre.raw').count()).toBe(0)
      expect(await field.locator('span.redacted[data-detector="home-path"]').count()).toBe(1)
      const rawAsked = w.requests.filter((u) => u.includes('/api/raw')).length
      expect(rawAsked).toBe(0)
      await field.locator('button.show-raw').click()
      const raw = field.locator('pre.raw')
      await raw.waitFor()
      expect(await raw.innerText()).toMatch(/\/home\/[^/[\]]+\/projects\/demo/)
      // The review controls in the picture, with a tag on the session.
      const marks = w.page.locator('#session-marks .marks[data-prompt="session"]')
      await marks.locator('input.tag-input').fill('paths')
      await marks.locator('button.add-tag').click()
      await w.page.locator('#session-marks .tag[data-label="paths"]').waitFor()
      await field.locator('button.show-raw').click()
      await field.locator('pre.raw').waitFor()
      await w.page.screenshot({ path: SCREENSHOT })
      await field.locator('button.show-raw').click()
      expect(await field.locator('pre.raw').count()).toBe(0)
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  maybe('a page request without the token, or with another one, gets 403', async () => {
    const page = await browser!.newPage()
    try {
      expect((await page.goto(local()))?.status()).toBe(403)
      expect((await page.goto(`${local()}?token=not-the-token`))?.status()).toBe(403)
      expect((await page.goto(`${local()}api/sessions`))?.status()).toBe(403)
      // localhost resolves to this machine too, but a page there still needs the token.
      expect((await page.goto(`http://localhost:${s.server.port}/`))?.status()).toBe(403)
    } finally {
      await page.close()
    }
  })

  maybe('hostile log text in the list and in a session is shown as text: nothing runs, nothing loads', async () => {
    const w = await open(s.server.url)
    try {
      const row = w.page.locator(`#session-list > li.session[data-id="${HOSTILE_SESSION}"]`)
      await row.waitFor()
      expect(await row.locator('.s-first').innerText()).toContain('<script>')
      await row.locator('a').click()
      await w.page.locator('#turns .field[data-field="output"]', { hasText: '<img src=x' }).first().waitFor()
      expect(await w.page.locator('#turns .field[data-field="prompt"] pre').first().innerText()).toContain(HOSTILE_TEXT.slice(0, 40))
      expect(await w.page.evaluate(`document.querySelectorAll('main img, main script, main iframe, #turns a, [onerror]').length`)).toBe(0)
      expect(await w.page.evaluate('window.__pwned')).toBeUndefined()
      expect(w.errors).toEqual([])
      expect(w.requests.filter((u) => !u.startsWith(local()))).toEqual([])
    } finally {
      await w.page.close()
    }
  })
})

describe('ai-log-trail review as a process', () => {
  it('prints the URL first, serves it, and stops with exit code 0 on Ctrl-C', async () => {
    const dir = tmpDir('alt-review-proc-')
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin', 'ai-log-trail.js'),
        'review',
        '--no-open',
        '--db',
        join(dir, 'db.sqlite'),
        '--rules',
        join(dir, 'rules.yml'),
        join(fixtures, 'codex')
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8')
          if (out.includes('\n')) resolve(out.split('\n')[0])
        })
        child.on('exit', (code) => reject(new Error(`exited ${code}`)))
      })
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32,}$/)
      const res = await fetch(first)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('<title>Review')
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      child.kill('SIGINT')
      expect(await exit).toBe(0)
    } finally {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
