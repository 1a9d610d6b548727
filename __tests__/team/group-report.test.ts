import { teamTotalsMarkdown, type TeamTotalsRow } from '../../src/team/group-report.js'

const row = (group: string | null, over: Partial<TeamTotalsRow> = {}): TeamTotalsRow => ({
  group,
  sessions: 2,
  prompts: 5,
  tool_calls: 12,
  input_tokens: 1_234_567,
  output_tokens: 8_900,
  total_tokens: 1_243_467,
  cost_usd: null,
  estimated_cost_usd: null,
  unpriced_sessions: 0,
  reported_cost_usd: null,
  ...over
})

describe('teamTotalsMarkdown', () => {
  it('writes a GFM table: the label left, the figures right-aligned, thousands separated', () => {
    const md = teamTotalsMarkdown('agent', [row('codex', { cost_usd: 1.5, reported_cost_usd: 1.5 }), row(null)])
    const lines = md.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^\| agent +\| sessions \| prompts \| tool calls \| input tokens \| output tokens \| total tokens \| cost \(USD\) \|$/)
    expect(lines[1]).toMatch(/^\| -+ \| -+: \|/)
    expect(lines[2]).toContain('1,234,567')
    expect(lines[2]).toMatch(/\| +1\.50 \|$/)
    // A session pushed without the label is a group of its own; an unknown cost reads n/a, never 0.
    expect(lines[3]).toMatch(/^\| \(none\) +\|/)
    expect(lines[3]).toMatch(/\| +n\/a \|$/)
    expect(lines[4]).toBe('')
    expect(lines[5]).toMatch(/estimates from list prices/)
    expect(md).not.toMatch(/no known price/)
  })

  it('marks a cost that is all or partly an estimate, and says how many sessions no price covers', () => {
    const md = teamTotalsMarkdown('agent', [
      row('claude-code', { cost_usd: 3.25, estimated_cost_usd: 3.25 }),
      row('codex', { cost_usd: 4, estimated_cost_usd: 1.5, reported_cost_usd: 2.5, unpriced_sessions: 2 }),
      row('gemini', { cost_usd: 0.5, estimated_cost_usd: null, reported_cost_usd: 0.5, unpriced_sessions: 1 })
    ])
    const lines = md.trimEnd().split('\n')
    expect(lines[2]).toMatch(/\| +3\.25 \(estimate\) \|$/)
    expect(lines[3]).toMatch(/\| +4\.00 \(1\.50 estimate\) \|$/)
    expect(lines[4]).toMatch(/\| +0\.50 \|$/)
    expect(md).toMatch(/3 session\(s\) used a model with no known price/)
  })

  it('neutralizes labels that came from outside: a pipe cannot add a column, a mention does not notify, a newline cannot end the row', () => {
    const md = teamTotalsMarkdown('repository', [row('acme/a|b\n| x | @octocat #12')])
    const lines = md.trimEnd().split('\n')
    expect(lines[2]).toContain('a\\|b')
    expect(lines[2]).not.toMatch(/(^|[^\w`])@octocat/)
    expect(lines[2].split(/(?<!\\)\|/)).toHaveLength(10)
  })
})
