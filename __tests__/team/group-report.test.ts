import { teamTotalsMarkdown, type TeamTotalsRow } from '../../src/team/group-report.js'

const row = (group: string | null, over: Partial<TeamTotalsRow> = {}): TeamTotalsRow => ({
  group,
  sessions: 2,
  prompts: 5,
  tool_calls: 12,
  input_tokens: 1_234_567,
  output_tokens: 8_900,
  total_tokens: 1_243_467,
  reported_cost_usd: null,
  ...over
})

describe('teamTotalsMarkdown', () => {
  it('writes a GFM table: the label left, the figures right-aligned, thousands separated', () => {
    const md = teamTotalsMarkdown('agent', [row('codex', { reported_cost_usd: 1.5 }), row(null)])
    const lines = md.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^\| agent +\| sessions \| prompts \| tool calls \| input tokens \| output tokens \| total tokens \| reported cost \(USD\) \|$/)
    expect(lines[1]).toMatch(/^\| -+ \| -+: \|/)
    expect(lines[2]).toContain('1,234,567')
    expect(lines[2]).toMatch(/\| +1\.50 \|$/)
    // A session pushed without the label is a group of its own; a missing reported cost is an empty cell, not 0.
    expect(lines[3]).toMatch(/^\| \(none\) +\|/)
    expect(lines[3]).toMatch(/\| +\|$/)
  })

  it('neutralizes labels that came from outside: a pipe cannot add a column, a mention does not notify, a newline cannot end the row', () => {
    const md = teamTotalsMarkdown('repository', [row('acme/a|b\n| x | @octocat #12')])
    const lines = md.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toContain('a\\|b')
    expect(lines[2]).not.toMatch(/(^|[^\w`])@octocat/)
    expect(lines[2].split(/(?<!\\)\|/)).toHaveLength(10)
  })
})
