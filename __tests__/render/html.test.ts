import { beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { renderHtml } from '../../src/render/html.js'
import { escapeHtml, escapeLogText, jsonForScript, truncate } from '../../src/render/html-escape.js'
import { formatCompact, formatInt, formatUsd } from '../../src/render/html-format.js'
import type { Report } from '../../src/select/report.js'
import { repoRoot } from '../helpers.js'
import { decoratedReport, emptyReport, fixtureReport, HOSTILE, hostileReport } from './html-fixtures.js'

const GOLDEN = join(repoRoot, '__tests__', 'golden', 'html', 'full.html')

/** Every start tag in the page. Log text is escaped, so any `<` followed by a letter is ours. */
function tags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? []
}

function urlAttributes(html: string): string[] {
  return tags(html).flatMap((t) =>
    [...t.matchAll(/\s(?:src|href|xlink:href|action|formaction)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) => m[1].replace(/^["']|["']$/g, ''))
  )
}

function scriptBodies(html: string): { attrs: string; body: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: m[1], body: m[2] }))
}

describe('escaping helpers', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })

  it('turns redaction markers into badges after escaping, and only real markers', () => {
    expect(escapeLogText('key [REDACTED:github-token] <b>')).toBe(
      'key <span class="redacted" title="removed by redaction rule github-token">[REDACTED:github-token]</span> &lt;b&gt;'
    )
    expect(escapeLogText('[REDACTED:<img>]')).toBe('[REDACTED:&lt;img&gt;]')
  })

  it('strips terminal colour codes and shows other control characters as U+FFFD', () => {
    expect(escapeLogText('\x1b[31mred\x1b[0m\x00')).toBe('red\uFFFD')
  })

  it('keeps JSON for a script block free of <, >, & and line separators', () => {
    const out = jsonForScript({ t: '</script><!-- & \u2028\u2029' })
    expect(out).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(out)).toEqual({ t: '</script><!-- & \u2028\u2029' })
  })

  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('ab😀cd', 3)).toEqual({ text: 'ab', cut: 4 })
    expect(truncate('abc', 3)).toEqual({ text: 'abc', cut: 0 })
  })

  it('formats numbers and costs the same in every locale', () => {
    expect(formatInt(446955)).toBe('446,955')
    expect(formatCompact(446955)).toBe('447k')
    expect(formatCompact(1_250_000)).toBe('1.3M')
    expect(formatUsd(0.0421)).toBe('$0.0421')
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatUsd(0)).toBe('$0.00')
  })
})

describe('renderHtml with bidi controls in log text', () => {
  // Every field of the hostile report that holds log text gets each bidi control.
  const BIDI_CHARS = '\u202e\u202a\u2066\u2067\u2068\u2069\u200e\u200f\u061c'
  const json = JSON.stringify(hostileReport()).replaceAll('onerror', `onerror ${BIDI_CHARS}`)
  const html = renderHtml(JSON.parse(json) as ReturnType<typeof hostileReport>)

  it('shows none of them, on the page or in its search data', () => {
    expect(json).toContain(BIDI_CHARS)
    expect(html).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/)
    expect(html).toContain('onerror \ufffd'.repeat(1))
  })
})

describe('renderHtml with hostile log text', () => {
  const html = renderHtml(hostileReport())

  it('has no script element but its own two', () => {
    expect(html.match(/<script/gi)).toHaveLength(2)
    const scripts = scriptBodies(html)
    expect(scripts.map((s) => s.attrs.trim())).toEqual(['type="application/json" id="alt-search"', ''])
  })

  it('has no event-handler attribute and no element from the logs', () => {
    // Attribute values are quoted and escaped, so only what lies outside quotes can be an attribute.
    for (const t of tags(html)) expect(t.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=|'/i)
    expect(html).not.toMatch(/<img|<svg onload|<!--/i)
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&quot;&#39;&gt;&lt;svg onload=alert(1)&gt;')
  })

  it('loads nothing: no http(s) or javascript: in any src or href', () => {
    const urls = urlAttributes(html)
    expect(urls.length).toBeGreaterThan(0)
    for (const u of urls) {
      expect(u).not.toMatch(/^\s*(https?:|javascript:|\/\/)/i)
      expect(u).not.toMatch(/https?:\/\//i)
    }
  })

  it('keeps the search data intact inside a data block it cannot break out of', () => {
    const data = scriptBodies(html)[0].body
    expect(data).not.toMatch(/[<>\u2028\u2029]/)
    const parsed = JSON.parse(data) as { agent: string; models: string[]; text: string }[]
    expect(parsed[0].agent).toBe(`agent ${HOSTILE}`)
    expect(parsed[0].text).toContain(`prompt ${HOSTILE}`.toLowerCase())
  })

  it('allows exactly its own script and style by hash in a strict policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? ''
    expect(csp).toMatch(/^default-src 'none'; /)
    const script = scriptBodies(html)[1].body
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`
    expect(csp).toContain(`script-src ${sha(script)};`)
    expect(csp).toContain(`style-src ${sha(style)};`)
  })

  it('renders the same bytes twice', () => {
    expect(renderHtml(hostileReport())).toBe(html)
  })
})

describe('renderHtml content', () => {
  let report: Report
  let html: string
  beforeAll(async () => {
    report = await decoratedReport()
    html = renderHtml(report)
  })

  it('is deterministic', () => {
    expect(renderHtml(structuredClone(report))).toBe(html)
  })

  it('matches the golden file byte for byte (UPDATE_GOLDEN=1 rewrites it)', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true })
      writeFileSync(GOLDEN, html)
    }
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('shows the transparency block with a badge per detector', () => {
    expect(html).toContain('<section id="transparency"')
    expect(html).toContain('4 values redacted')
    expect(html).toContain('<span class="badge redacted">email <b>2</b></span>')
    expect(html).toContain('<span class="badge redacted">github-token <b>1</b></span>')
    expect(html).toContain('<span class="redacted" title="removed by redaction rule email">[REDACTED:email]</span>')
  })

  it('lists unpriced models and never prices them at $0', () => {
    for (const m of report.unpriced_models) expect(html).toContain(`<code>${escapeHtml(m)}</code>`)
    const unpricedRow =
      /<li class="hbar"[^>]*><span class="hbar-label">deepseek\/deepseek-reasoner<\/span>.*?<\/li>/.exec(html.split('Estimated cost by model')[1])?.[0] ?? ''
    expect(unpricedRow).toContain('unpriced')
    expect(unpricedRow).not.toContain('$')
  })

  it('marks a cost the agent reported', () => {
    const agentCost = report.sessions.find((s) => s.cost_source === 'agent')
    expect(agentCost).toBeDefined()
    expect(html).toMatch(/\$0\.\d{4} <span class="badge src-agent"/)
  })

  it('hides a private prompt', () => {
    expect(html).toContain('(private prompt, not shown)')
  })

  it('truncates long output with a visible note', () => {
    expect(html).toMatch(/<p class="trunc">… [\d,]+ more characters not shown \(of [\d,]+\)<\/p>/)
    expect(html).not.toContain('line 399 of a long build log')
  })

  it('folds actions under each prompt and lists files touched', () => {
    expect(html).toContain('<details class="actions"><summary>')
    expect(html).toContain('files touched</summary>')
    expect(html).toContain('<code class="path">src/parser.test.ts</code>')
  })

  it('has search, agent and model filters with every value', () => {
    expect(html).toContain('<input id="q" type="search"')
    for (const a of new Set(report.sessions.map((s) => s.agent))) expect(html).toContain(`<option value="${a}">`)
    for (const m of new Set(report.sessions.flatMap((s) => s.models))) expect(html).toContain(`<option value="${escapeHtml(m)}">`)
  })
})

describe('renderHtml edge cases', () => {
  const sane = (html: string) => {
    expect(html).not.toMatch(/NaN|Infinity|undefined/)
    expect(html.match(/<script/gi)).toHaveLength(2)
  }

  it('renders an empty report', () => {
    const html = renderHtml(emptyReport())
    sane(html)
    expect(html).toContain('No token usage was recorded')
    expect(html).toContain('No sessions match')
  })

  it('renders a single day and zero-token days', async () => {
    const base = await fixtureReport()
    const one = { ...base, usage: { ...base.usage, by_day: base.usage.by_day.slice(1, 2) } }
    sane(renderHtml(one))
    const zero = {
      ...base,
      usage: {
        ...base.usage,
        by_day: base.usage.by_day.map((r) => ({ ...r, tokens: { ...r.tokens, total: 0, input: 0, cached_input: 0, output: 0 }, cost_usd: 0 }))
      }
    }
    const html = renderHtml(zero)
    sane(html)
    expect(html).toContain('No token usage was recorded')
  })

  it('renders many days', async () => {
    const base = await fixtureReport()
    const days = Array.from({ length: 120 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)
      return {
        key: d,
        sessions: 1,
        tokens: { input: i * 100, cached_input: i * 50, cache_write: 0, output: i * 10, reasoning_output: 0, total: i * 110 },
        cost_usd: i % 7 ? i / 1000 : null
      }
    })
    const html = renderHtml({ ...base, usage: { ...base.usage, by_day: days } })
    sane(html)
    expect(html).toContain('aria-label="Tokens by day"')
  })

  it('leaves out prompts in summary mode and says so', async () => {
    const base = await fixtureReport()
    const html = renderHtml({ ...base, mode: 'summary', sessions: base.sessions.map((s) => ({ ...s, turns: [] })) })
    sane(html)
    expect(html).toContain('leaves out prompts and actions')
    expect(html).not.toContain('class="turns"')
  })

  it('shows an unpriced total as unpriced, not $0', () => {
    const html = renderHtml(
      emptyReport({ totals: { sessions: 0, prompts: 0, tool_calls: 0, tokens: emptyReport().totals.tokens, cost_usd: null, sessions_without_usage: 0 } })
    )
    expect(html).toMatch(/Cost \(USD\)<\/div><div class="card-value"><span class="unpriced">unpriced<\/span>/)
  })
})
