import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { normalizeFilters, normalizeRepoUrl, toInstant } from '../../src/select/filters.js'
import { selectReport } from '../../src/select/select.js'
import { costOf } from '../../src/pricing/cost.js'
import { normalizeModel, priceFor, BUNDLED_PRICES, type Price } from '../../src/pricing/prices.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

let r: Ingested
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'codex'), join(fixtures, 'claude-code')])
})
afterAll(() => r.close())

const now = new Date('2026-04-01T12:00:00Z')
const ids = (f: Parameters<typeof selectReport>[1]) => selectReport(r.db, { now, ...f }).sessions.map((s) => s.id.slice(0, 8))

describe('filters', () => {
  it('--since / --until take dates and date-times, in the given time zone', () => {
    expect(toInstant('2026-03-03', 'UTC', false)).toBe('2026-03-03T00:00:00.000Z')
    expect(toInstant('2026-03-03', 'UTC', true)).toBe('2026-03-03T23:59:59.999Z')
    expect(toInstant('2026-03-03', 'Europe/Paris', false)).toBe('2026-03-02T23:00:00.000Z')
    expect(toInstant('2026-07-03T10:00', 'Europe/Paris', false)).toBe('2026-07-03T08:00:00.000Z')
    expect(toInstant('2026-07-03T10:00:00Z', 'Europe/Paris', false)).toBe('2026-07-03T10:00:00.000Z')
    expect(() => toInstant('last tuesday', 'UTC', false)).toThrow(/not a date/)
    expect(() => normalizeFilters({ timezone: 'Mars/Olympus' })).toThrow(/unknown time zone/)
  })

  it('selects sessions active in the range', () => {
    expect(ids({ filters: { since: '2026-03-04' } })).toEqual(['0199a1b2', '01a0c0de'])
    expect(ids({ filters: { since: '2026-03-03', until: '2026-03-03' } })).toEqual(['0199a1b2'])
    expect(ids({ filters: { until: '2025-08-31' } })).toEqual(['7d3e9f10'])
  })

  it('--session is a repeatable prefix match', () => {
    expect(ids({ filters: { sessions: ['0199a1b2-0000-7000-8000-00000000f'] } })).toEqual(['0199a1b2'])
    expect(ids({ filters: { sessions: ['7d3e', '0199a1b2-0000-7000-8000-00000000f0c5'] } }).sort()).toEqual(['0199a1b2', '7d3e9f10'])
  })

  it('--agent, --model and --branch', () => {
    const agents = new Set(selectReport(r.db, { now, filters: { agents: ['claude-code'] } }).sessions.map((s) => s.agent))
    expect([...agents]).toEqual(['claude-code'])
    expect(ids({ filters: { models: ['gpt-5.1-codex-max'] } })).toEqual(['0199a1b2'])
    expect(ids({ filters: { branches: ['feature/stream-parser'] } })).toEqual(['0199a1b2'])
  })

  it('--repo matches a folder (cwd inside it) or a repository URL in any spelling', () => {
    expect(ids({ filters: { repo: 'example/demo' } }).sort()).toEqual(['0199a1b2', '01a0c0de', '7d3e9f10'])
    expect(ids({ filters: { repo: 'https://github.com/example/demo' } }).sort()).toEqual(['0199a1b2', '01a0c0de', '7d3e9f10'])
    expect(ids({ filters: { repo: '/home/dev/projects/demo' } })).toContain('0199a1b2')
    expect(ids({ filters: { repo: '/home/dev/projects/dem' } })).toEqual([])
    expect(normalizeRepoUrl('git@github.com:Example/Demo.git')).toBe('github.com/example/demo')
    expect(normalizeRepoUrl('ssh://git@github.com:22/example/demo')).toBe('github.com:22/example/demo')
  })
})

describe('report totals and usage', () => {
  it('totals equal the sum of the sessions, by model, by agent and by day', () => {
    const rep = selectReport(r.db, { now, mode: 'tokens', filters: { timezone: 'Europe/Paris' } })
    const sum = (xs: { tokens: { total: number } | null }[]) => xs.reduce((a, x) => a + (x.tokens?.total ?? 0), 0)
    expect(sum(rep.sessions)).toBe(rep.totals.tokens.total)
    expect(sum(rep.usage.by_agent)).toBe(rep.totals.tokens.total)
    expect(sum(rep.usage.by_day)).toBe(rep.totals.tokens.total)
    expect(rep.sessions.every((s) => s.turns.length === 0)).toBe(true)
  })

  it('a session whose log records no usage has null tokens and cost, and the totals say how many such sessions they leave out', () => {
    const rep = selectReport(r.db, { now })
    const legacy = rep.sessions.find((s) => s.id.startsWith('7d3e9f10'))
    expect(legacy?.tokens).toBeNull()
    expect(legacy?.cost_usd).toBeNull()
    expect(legacy?.cost_source).toBeNull()
    expect(rep.totals.sessions_without_usage).toBe(rep.sessions.filter((s) => s.tokens === null).length)
    expect(rep.totals.sessions_without_usage).toBeGreaterThan(0)
    // Unknown is not unpriced: the total stays a figure when every session with usage is priced.
    const priced = selectReport(r.db, { now, prices: { 'claude-sonnet-4-6': { input: 3, output: 15 } } })
    expect(priced.totals.cost_usd).not.toBeNull()
    expect(priced.sessions.find((s) => s.id.startsWith('7d3e9f10'))?.cost_usd).toBeNull()
  })

  it('cost is null (never 0) when a model has no price, and the model is listed', () => {
    // The bundled table prices every model of this fixture; take one price out of it.
    const withoutSonnet46 = { 'claude-sonnet-4.6': undefined } as unknown as Record<string, Price>
    const rep = selectReport(r.db, { now, prices: withoutSonnet46 })
    const codex = rep.sessions.find((s) => s.id.startsWith('0199a1b2-0000-7000-8000-00000000c0de'))
    expect(codex?.cost_usd).toBeGreaterThan(0)
    expect(codex?.cost_source).toBe('estimate')
    const legacy = rep.sessions.find((s) => s.id.startsWith('7d3e9f10'))
    // Its log records no usage: unknown, not unpriced, and not zero.
    expect(legacy?.tokens).toBeNull()
    expect(legacy?.cost_usd).toBeNull()
    // A session estimated from the table is null as soon as one of its models has no price.
    expect(rep.unpriced_models).toEqual(['claude-sonnet-4-6'])
    for (const s of rep.sessions) {
      if (s.cost_source !== 'agent' && s.models.some((m) => rep.unpriced_models.includes(m))) expect(s.cost_usd).toBeNull()
    }
    expect(rep.totals.cost_usd === null).toBe(rep.sessions.some((s) => s.tokens !== null && s.cost_usd === null))
    const byModel = rep.usage.by_model.find((u) => u.key === 'claude-sonnet-4-6')
    expect(byModel?.cost_usd).toBeNull()
    // Priced through the config, the same model gets a cost.
    const priced = selectReport(r.db, { now, prices: { 'claude-sonnet-4-6': { input: 3, output: 15 } } })
    expect(priced.unpriced_models).toEqual([])
    expect(priced.totals.cost_usd).not.toBeNull()
  })

  it("each agent's row adds up its sessions exactly as the totals do: every session, agent-reported costs included", () => {
    const rep = selectReport(r.db, { now })
    for (const row of rep.usage.by_agent) {
      const mine = rep.sessions.filter((s) => s.agent === row.key)
      expect(row.sessions).toBe(mine.length)
      expect(row.tokens.total).toBe(mine.reduce((a, s) => a + (s.tokens?.total ?? 0), 0))
      // A session without usage is in no sum: its null cost is unknown, not unpriced.
      const anyNull = mine.some((s) => s.tokens !== null && s.cost_usd === null)
      if (anyNull) expect(row.cost_usd).toBeNull()
      else
        expect(row.cost_usd).toBeCloseTo(
          mine.reduce((a, s) => a + (s.cost_usd ?? 0), 0),
          4
        )
    }
    expect(rep.usage.by_agent.reduce((a, u) => a + u.sessions, 0)).toBe(rep.totals.sessions)
    // The Claude Code fixtures mix agent-reported and estimated costs, and a Codex session records no usage.
    expect(rep.sessions.some((s) => s.agent === 'claude-code' && s.cost_source === 'agent')).toBe(true)
    expect(rep.usage.by_agent.find((u) => u.key === 'claude-code')?.cost_usd).not.toBeNull()
    expect(rep.usage.by_agent.find((u) => u.key === 'codex')?.sessions).toBe(rep.sessions.filter((s) => s.agent === 'codex').length)
  })

  it("places a sub-agent's records under the prompt and the tool call that started it, not the parent's last prompt", () => {
    const rep = selectReport(r.db, { now, mode: 'actions', filters: { sessions: ['22222222'] } })
    const [first, second] = rep.sessions[0].turns
    expect(first.prompt?.text).toBe('Find unused exports')
    const names = first.actions.map((a) => (a.kind === 'tool_call' ? a.name : a.kind === 'agent_prompt' ? 'to-sub-agent' : a.kind))
    // The Task call, then what the sub-agent did, then the parent's reply.
    expect(names.slice(0, 5)).toEqual(['Task', 'to-sub-agent', 'assistant_message', 'Grep', 'assistant_message'])
    expect(second.prompt?.text).toBe('Remove it')
    expect(second.actions.map((a) => a.name)).not.toContain('Grep')
  })

  it('a scope keeps exactly its sessions, each with its reasons, and names itself', () => {
    const scope = {
      kind: 'pr' as const,
      label: 'pull request #7',
      sessions: [{ id: '22222222-2222-4222-8222-222222222222', reasons: [{ kind: 'branch' as const, branch: 'main' }] }]
    }
    const rep = selectReport(r.db, { now, scope })
    expect(rep.scope).toEqual({ kind: 'pr', label: 'pull request #7' })
    expect(rep.sessions.map((s) => [s.id, s.scope_reasons])).toEqual([['22222222-2222-4222-8222-222222222222', [{ kind: 'branch', branch: 'main' }]]])
    expect(rep.totals.sessions).toBe(1)
    const none = selectReport(r.db, { now, scope: { ...scope, sessions: [] } })
    expect(none.sessions).toEqual([])
    const all = selectReport(r.db, { now })
    expect(all.scope).toEqual({ kind: 'all', label: 'every session found' })
    expect(all.sessions.every((s) => s.scope_reasons.length === 1 && s.scope_reasons[0].kind === 'all')).toBe(true)
  })

  it('a price override in the config replaces the bundled one', () => {
    const rep = selectReport(r.db, {
      now,
      filters: { sessions: ['0199a1b2-0000-7000-8000-00000000c0de'] },
      prices: { 'gpt-5.1-codex': { input: 0, cached_input: 0, output: 0 }, 'gpt-5.1-codex-max': { input: 0, output: 0 } }
    })
    expect(rep.sessions[0].cost_usd).toBe(0)
  })

  it('the agent’s own cost figure is used and marked', () => {
    const rep = selectReport(r.db, { now, filters: { agents: ['claude-code'] } })
    const reported = rep.sessions.filter((s) => s.cost_source === 'agent')
    expect(reported.length).toBeGreaterThan(0)
    for (const s of reported) expect(typeof s.cost_usd).toBe('number')
  })

  it('prompts mode carries prompts only; a [private] prompt keeps no text', async () => {
    const rep = selectReport(r.db, { now, mode: 'prompts', filters: { sessions: ['0199a1b2-0000-7000-8000-00000000c0de'] } })
    const turns = rep.sessions[0].turns
    expect(turns.map((t) => t.prompt?.text)).toEqual(['Refactor the parser so it streams input', 'Also add a test'])
    expect(turns.every((t) => t.actions.length === 0)).toBe(true)
    const full = selectReport(r.db, { now, mode: 'actions', filters: { sessions: ['0199a1b2-0000-7000-8000-00000000c0de'] } })
    const kinds = full.sessions[0].turns[0].actions.map((a) => a.kind)
    expect(kinds).toEqual(expect.arrayContaining(['reasoning', 'tool_call', 'plan_update', 'file_change', 'assistant_message']))
    const shell = full.sessions[0].turns[0].actions.find((a) => a.name === 'shell_command')
    expect(shell).toMatchObject({ text: 'cat src/parser.ts', exit_code: 0, duration_ms: 200 })
  })
})

describe('pricing', () => {
  it('normalizes the model names agents log', () => {
    expect(normalizeModel('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4.5')
    expect(normalizeModel('anthropic/claude-sonnet-4-20250514')).toBe('claude-sonnet-4')
    expect(normalizeModel('claude-3-7-sonnet-20250219')).toBe('claude-3.7-sonnet')
    expect(normalizeModel('copilot/gpt-4o')).toBe('gpt-4o')
    expect(normalizeModel('models/gemini-2.5-pro')).toBe('gemini-2.5-pro')
    expect(priceFor('claude-opus-4-1-20250805', BUNDLED_PRICES)).toBeDefined()
  })

  it('prices cached input, cache writes and the long-context tier', () => {
    const p = BUNDLED_PRICES['claude-sonnet-4.5']
    // 1M uncached + 1M cached + 1M written + 1M out, under the long-context threshold per request
    const base = costOf({ input: 150_000, cached_input: 50_000, cache_write: 50_000, output: 10_000, reasoning_output: 0, total: 160_000 }, p)
    expect(base).toBeCloseTo((50_000 * 3 + 50_000 * 0.3 + 50_000 * 3.75 + 10_000 * 15) / 1e6, 10)
    const long = costOf({ input: 300_000, cached_input: 0, cache_write: 0, output: 1000, reasoning_output: 0, total: 301_000 }, p)
    expect(long).toBeCloseTo((300_000 * 6 + 1000 * 22.5) / 1e6, 10)
  })
})
