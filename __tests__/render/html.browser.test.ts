import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { renderHtml } from '../../src/render/html.js'
import type { Report } from '../../src/select/report.js'
import { repoRoot, tmpDir } from '../helpers.js'
import { decoratedReport, hostileReport } from './html-fixtures.js'

/**
 * The report page in a real browser: it must run without errors under its own CSP, request
 * nothing, filter as promised and fit a phone. Skips where Debian's Chromium is not installed.
 */
const CHROMIUM = '/usr/bin/chromium'
const maybe = existsSync(CHROMIUM) ? it : it.skip
const ARTIFACTS = join(repoRoot, '__tests__', 'artifacts')

const VISIBLE_ROWS = `document.querySelectorAll('#session-list > li.session:not([hidden])').length`
const COUNT_TEXT = `document.getElementById('count').textContent`

interface Watched {
  page: Page
  errors: string[]
  requests: string[]
  dialogs: string[]
}

let browser: Browser | undefined
let dir = ''
let report: Report
let reportUrl = ''
let hostileUrl = ''

async function open(url: string, width: number, height: number): Promise<Watched> {
  if (!browser) throw new Error('no browser')
  const page = await browser.newPage({ viewport: { width, height } })
  const w: Watched = { page, errors: [], requests: [], dialogs: [] }
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.errors.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`))
  page.on('request', (r) => w.requests.push(r.url()))
  page.on('dialog', (d) => {
    w.dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(url, { waitUntil: 'load' })
  return w
}

async function visibleRows(page: Page): Promise<number> {
  return page.evaluate<number>(VISIBLE_ROWS)
}

function expectQuiet(w: Watched, url: string): void {
  expect(w.errors).toEqual([])
  expect(w.dialogs).toEqual([])
  expect(w.requests).toEqual([url])
}

describe('HTML report in headless Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return
    report = await decoratedReport()
    dir = tmpDir('alt-html-')
    const file = join(dir, 'report.html')
    writeFileSync(file, renderHtml(report))
    reportUrl = pathToFileURL(file).href
    const hostile = join(dir, 'hostile.html')
    writeFileSync(hostile, renderHtml(hostileReport()))
    hostileUrl = pathToFileURL(hostile).href
    mkdirSync(ARTIFACTS, { recursive: true })
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
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  for (const [name, width, height] of [
    ['mobile', 375, 800],
    ['wide', 1440, 900]
  ] as const) {
    maybe(`loads without errors or requests and fits ${width} px (${name})`, async () => {
      const w = await open(reportUrl, width, height)
      try {
        // The script un-hides the controls; visible controls prove it ran under the CSP.
        expect(await w.page.isVisible('#controls')).toBe(true)
        const [scrollWidth, clientWidth] = await w.page.evaluate<[number, number]>(
          '[document.documentElement.scrollWidth, document.documentElement.clientWidth]'
        )
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
        await w.page.screenshot({ path: join(ARTIFACTS, `html-report-${name}.png`), fullPage: true })
        expectQuiet(w, reportUrl)
      } finally {
        await w.page.close()
      }
    })
  }

  maybe('search narrows the session list and clearing restores it', async () => {
    const w = await open(reportUrl, 1440, 900)
    try {
      const all = report.sessions.length
      expect(await visibleRows(w.page)).toBe(all)
      await w.page.fill('#q', '11111111')
      expect(await visibleRows(w.page)).toBe(1)
      expect(await w.page.evaluate<string>(COUNT_TEXT)).toBe(`1 of ${all} sessions`)

      const word = 'health'
      const withWord = report.sessions.filter((s) => s.turns.some((t) => t.prompt && !t.prompt.private && t.prompt.text.toLowerCase().includes(word))).length
      expect(withWord).toBeGreaterThan(0)
      await w.page.fill('#q', word.toUpperCase())
      expect(await visibleRows(w.page)).toBe(withWord)

      await w.page.fill('#q', 'no session has this text')
      expect(await visibleRows(w.page)).toBe(0)
      expect(await w.page.isVisible('#no-match')).toBe(true)

      await w.page.fill('#q', '')
      expect(await visibleRows(w.page)).toBe(all)
      expect(await w.page.isVisible('#no-match')).toBe(false)
      expectQuiet(w, reportUrl)
    } finally {
      await w.page.close()
    }
  })

  maybe('agent and model filters narrow the list, alone and together', async () => {
    const w = await open(reportUrl, 1440, 900)
    try {
      const codex = report.sessions.filter((s) => s.agent === 'codex')
      await w.page.selectOption('#f-agent', 'codex')
      expect(await visibleRows(w.page)).toBe(codex.length)

      const model = codex.flatMap((s) => s.models).find((m) => report.sessions.some((s) => s.agent !== 'codex' && s.models.includes(m))) ?? codex[0].models[0]
      await w.page.selectOption('#f-model', model)
      expect(await visibleRows(w.page)).toBe(codex.filter((s) => s.models.includes(model)).length)

      await w.page.selectOption('#f-agent', '')
      expect(await visibleRows(w.page)).toBe(report.sessions.filter((s) => s.models.includes(model)).length)

      await w.page.selectOption('#f-model', '')
      expect(await visibleRows(w.page)).toBe(report.sessions.length)
      expectQuiet(w, reportUrl)
    } finally {
      await w.page.close()
    }
  })

  maybe('a session and its actions open', async () => {
    const w = await open(reportUrl, 375, 800)
    try {
      const s = report.sessions.find((x) => x.turns.some((t) => t.actions.some((a) => a.kind === 'tool_call')))
      if (!s) throw new Error('no session with tool calls')
      const row = w.page.locator('#session-list > li.session').nth(report.sessions.indexOf(s))
      const turns = row.locator('ol.turns')
      expect(await turns.isVisible()).toBe(false)
      // A first prompt reads in its closed row, so a reader knows what the session was about.
      const firstOf = (x: (typeof report.sessions)[number]) => x.turns.find((t) => t.prompt)?.prompt
      const p = report.sessions.find((x) => firstOf(x) && !firstOf(x)!.private)
      const first = p && firstOf(p)
      if (!p || !first) throw new Error('no session with a readable first prompt')
      const firstLine = w.page.locator('#session-list > li.session').nth(report.sessions.indexOf(p)).locator('summary .s-first')
      expect(await firstLine.isVisible()).toBe(true)
      expect(await firstLine.innerText()).toContain(first.text.trim().split('\n')[0].replace(/\s+/g, ' ').slice(0, 30))
      await row.locator('summary').first().click()
      expect(await turns.isVisible()).toBe(true)
      const actions = row.locator('details.actions').first()
      const firstAction = actions.locator('li.act').first()
      expect(await firstAction.isVisible()).toBe(false)
      await actions.locator(':scope > summary').click()
      expect(await firstAction.isVisible()).toBe(true)
      expectQuiet(w, reportUrl)
    } finally {
      await w.page.close()
    }
  })

  // A row's search entry is found by the row's place, not by a number in its markup: each
  // session's own id finds its own row, the agent filter keeps each row by its own agent, and
  // each session's anchor opens its own row.
  maybe('each row is searched, filtered and opened by its own session’s data', async () => {
    const w = await open(reportUrl, 1440, 900)
    try {
      const rowIds = `[...document.querySelectorAll('#session-list > li.session')].filter((li) => !li.hidden).map((li) => li.querySelector('code.sid').textContent)`
      expect(await w.page.evaluate<string[]>(rowIds)).toEqual(report.sessions.map((s) => s.id))
      for (const s of report.sessions) {
        await w.page.fill('#q', s.id)
        const shown = await w.page.evaluate<string[]>(rowIds)
        expect(shown).toContain(s.id)
        for (const id of shown) expect(id.toLowerCase()).toContain(s.id.toLowerCase())
      }
      await w.page.fill('#q', '')
      for (const agent of new Set(report.sessions.map((s) => s.agent))) {
        await w.page.selectOption('#f-agent', agent)
        expect(await w.page.evaluate<string[]>(rowIds)).toEqual(report.sessions.filter((s) => s.agent === agent).map((s) => s.id))
      }
      await w.page.selectOption('#f-agent', '')
      for (const s of report.sessions) {
        const anchor = await w.page.evaluate<string>(
          `[...document.querySelectorAll('#session-list > li.session')].find((li) => li.querySelector('code.sid').textContent === ${JSON.stringify(s.id)}).id`
        )
        expect(anchor).toBe('s-' + s.id.replace(/[^A-Za-z0-9_.-]/g, '-'))
        await w.page.evaluate(`location.hash = ${JSON.stringify('#' + anchor)}`)
        await w.page.waitForFunction(`document.getElementById(${JSON.stringify(anchor)}).querySelector('details').open`)
      }
      expectQuiet(w, reportUrl)
    } finally {
      await w.page.close()
    }
  })

  maybe('hostile log text runs nothing and loads nothing', async () => {
    const w = await open(hostileUrl, 375, 800)
    try {
      await w.page.evaluate(`document.querySelectorAll('details').forEach(function (d) { d.open = true })`)
      await w.page.fill('#q', 'sess </script>')
      expect(await visibleRows(w.page)).toBe(1)
      expect(await w.page.evaluate<number>(`document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length`)).toBe(0)
      const [scrollWidth, clientWidth] = await w.page.evaluate<[number, number]>('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
      expectQuiet(w, hostileUrl)
    } finally {
      await w.page.close()
    }
  })
})
