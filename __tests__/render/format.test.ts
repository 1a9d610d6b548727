import { describe, expect, test } from '@jest/globals'
import { defuse, MAX_CELL_CHARS, toCsv } from '../../src/render/csv-format.js'
import { codeBlock, details, fieldBlock, inlineCode, logCell, preview } from '../../src/render/md-nodes.js'
import { toMarkdown } from '../../src/render/md-stringify.js'
import { cleanControls, neutralize, oneLine, ZWJ } from '../../src/render/safe-text.js'
import {
  agentName,
  formatDateTime,
  formatDuration,
  formatInt,
  formatPercent,
  formatSpan,
  formatTokens,
  formatUsd,
  plural,
  shortIds,
  truncate,
  truncationNote
} from '../../src/render/text.js'
import { nodesOfType, parseCsv, parseMarkdown } from './support.js'

/** Every concatenation of up to `n` pieces, the empty string included. */
function everyString(pieces: string[], n: number): string[] {
  const out = ['']
  let level = ['']
  for (let i = 0; i < n; i++) {
    level = level.flatMap((s) => pieces.map((p) => s + p))
    out.push(...level)
  }
  return out
}

describe('numbers', () => {
  test('integers are grouped by thousands, whatever the locale', () => {
    expect(formatInt(0)).toBe('0')
    expect(formatInt(1234567)).toBe('1,234,567')
    expect(formatInt(-1234)).toBe('-1,234')
  })

  test('token counts are abbreviated: 512, 72.0 k, 1.84 M', () => {
    expect(formatTokens(512)).toBe('512')
    expect(formatTokens(72_000)).toBe('72.0 k')
    expect(formatTokens(446_955)).toBe('447.0 k')
    expect(formatTokens(999_960)).toBe('1.00 M')
    expect(formatTokens(1_840_000)).toBe('1.84 M')
    expect(formatTokens(2_310_000_000)).toBe('2.31 G')
  })

  test('percentages are whole, and no share of nothing is a dash', () => {
    expect(formatPercent(71, 100)).toBe('71 %')
    expect(formatPercent(2, 3)).toBe('67 %')
    expect(formatPercent(0, 0)).toBe('–')
  })

  test('plurals', () => {
    expect(plural(1, 'session')).toBe('1 session')
    expect(plural(1200, 'prompt')).toBe('1,200 prompts')
  })
})

describe('cost', () => {
  test('null is unpriced and never looks like zero', () => {
    expect(formatUsd(null)).toBe('n/a')
    expect(formatUsd(null, 'agent')).toBe('n/a')
    expect(formatUsd(0)).toBe('$0.00')
  })

  test('dollars with cents; fractions of a cent say so', () => {
    expect(formatUsd(2.1349)).toBe('$2.13')
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatUsd(0.0015)).toBe('< $0.01')
  })

  test('the agent’s own figure is marked', () => {
    expect(formatUsd(0.0421, 'agent')).toBe('$0.04 (agent)')
    expect(formatUsd(0.0421, 'estimate')).toBe('$0.04')
  })
})

describe('dates and durations', () => {
  test('timestamps in UTC or the report’s zone', () => {
    expect(formatDateTime('2026-03-03T10:00:59.900Z', 'UTC')).toBe('2026-03-03 10:00')
    expect(formatDateTime('2026-03-03T10:00:00Z', 'Europe/Berlin')).toBe('2026-03-03 11:00')
    expect(formatDateTime('2026-07-03T23:30:00Z', 'America/New_York')).toBe('2026-07-03 19:30')
    expect(formatDateTime(null, 'UTC')).toBe('')
    expect(formatDateTime('yesterday', 'UTC')).toBe('yesterday')
    expect(formatDateTime('2026-03-03T10:00:00Z', 'Not/AZone')).toBe('2026-03-03 10:00')
  })

  test('spans: same day, across midnight, missing ends', () => {
    expect(formatSpan('2026-03-03T10:00:00Z', '2026-03-03T11:30:00Z', 'UTC')).toBe('2026-03-03 10:00–11:30')
    expect(formatSpan('2026-03-03T23:00:00Z', '2026-03-04T01:00:00Z', 'UTC')).toBe('2026-03-03 23:00 – 2026-03-04 01:00')
    expect(formatSpan('2026-03-03T23:00:00Z', '2026-03-04T01:00:00Z', 'Asia/Tokyo')).toBe('2026-03-04 08:00–10:00')
    expect(formatSpan('2026-03-03T10:00:00Z', null, 'UTC')).toBe('2026-03-03 10:00')
    expect(formatSpan(null, null, 'UTC')).toBe('')
  })

  test('durations', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(5300)).toBe('5.3 s')
    expect(formatDuration(307_000)).toBe('5 min 7 s')
    expect(formatDuration(7_380_000)).toBe('2 h 3 min')
    expect(formatDuration(null)).toBe('')
    expect(formatDuration(-5)).toBe('')
  })
})

describe('truncation', () => {
  test('cuts at code points and says how much is missing', () => {
    expect(truncate('abc', 5)).toEqual({ text: 'abc', omitted: 0 })
    expect(truncate('abcdef', 4)).toEqual({ text: 'abcd', omitted: 2 })
    // Four emoji are eight UTF-16 units; a cut never leaves half a pair.
    expect(truncate('😀😀😀😀', 3)).toEqual({ text: '😀😀😀', omitted: 1 })
    expect(truncationNote(12345)).toBe('… (truncated, 12,345 more characters)')
    expect(truncationNote(1)).toBe('… (truncated, 1 more character)')
  })

  test('counts code points as Array.from does, lone surrogates included', () => {
    const byArray = (text: string, max: number) => {
      const points = Array.from(text)
      return points.length <= max ? { text, omitted: 0 } : { text: points.slice(0, max).join(''), omitted: points.length - max }
    }
    // Pairs, lone halves, and halves in the wrong order.
    const strings = everyString(['a', '😀', '\ud83d', '\ude00', '\ude00\ud83d'], 4)
    for (const s of strings) for (let max = 0; max <= 8; max++) expect(truncate(s, max)).toEqual(byArray(s, max))
  })

  test('a long field gets a visible note outside its code block', () => {
    const md = toMarkdown(fieldBlock('Output', 'x'.repeat(50), { maxFieldChars: 10, detailsOver: 1000 }))
    expect(md).toBe('Output:\n\n```\nxxxxxxxxxx\n```\n\n_… (truncated, 40 more characters)_\n')
  })

  test('a field over detailsOver is collapsed, with blank lines GitHub needs', () => {
    const md = toMarkdown(fieldBlock('Output', 'line\n'.repeat(3), { maxFieldChars: 1000, detailsOver: 5 }))
    expect(md).toBe('<details><summary>Output (4 lines, 15 characters)</summary>\n\n```\nline\nline\nline\n\n```\n\n</details>\n')
  })

  test('previews take the first line', () => {
    expect(preview('  first\nsecond', 80)).toEqual({ text: 'first', cut: true })
    expect(preview('only', 80)).toEqual({ text: 'only', cut: false })
    expect(preview('abcdef', 3)).toEqual({ text: 'abc…', cut: true })
  })

  test('a preview is cut exactly when the whole text, on one line, says more', () => {
    const byWholeText = (value: string, max: number) => {
      const line = oneLine(value.replace(/^\s+/, '').split(/\r\n?|\n/)[0])
      const t = truncate(line, max)
      return { text: t.omitted ? t.text + '…' : t.text, cut: t.omitted > 0 || oneLine(value) !== line }
    }
    // Line ends, whitespace that oneLine keeps (\v, \f as symbols) or drops, controls, a symbol that looks like a cleaned \v.
    const strings = everyString(['a', ' ', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u0000', '\u202e', '␋'], 4)
    for (let max = 0; max <= 3; max++) {
      expect(strings.map((s) => preview(s, max))).toEqual(strings.map((s) => byWholeText(s, max)))
    }
  })

  test('table cells are one line, cut with an ellipsis', () => {
    expect(logCell('a\nb\tc', 10).value).toBe('a b c')
    expect(logCell('abcdef', 3).value).toBe('abc…')
  })
})

describe('Markdown safety rules', () => {
  test('mentions, references, URLs and e-mail get a zero-width joiner', () => {
    expect(neutralize('@octocat @org/team')).toBe(`@${ZWJ}octocat @${ZWJ}org/team`)
    expect(neutralize('see #12 and a/b#3')).toBe(`see #${ZWJ}12 and a/b#${ZWJ}3`)
    expect(neutralize('https://x.example www.x.example')).toBe(`https://${ZWJ}x.example www${ZWJ}.x.example`)
    expect(neutralize('dev@example.com')).toBe(`dev@${ZWJ}example.com`)
    expect(neutralize('a @ b, C# 9')).toBe('a @ b, C# 9')
  })

  test('none of them comes back as a link after stringify and GFM re-parse', () => {
    const md = toMarkdown([{ type: 'paragraph', children: [{ type: 'text', value: neutralize('https://evil.example www.evil.example dev@example.com') }] }])
    expect(nodesOfType(parseMarkdown(md), 'link')).toEqual([])
  })

  test('control characters become visible; CR and CRLF become LF', () => {
    expect(cleanControls('a\u0000b\u0007c')).toBe('a\u2400b\u2407c')
    expect(cleanControls('a\r\nb\rc')).toBe('a\nb\nc')
    expect(cleanControls('x\u202ey')).toBe('x\ufffdy')
    expect(cleanControls('tab\tok')).toBe('tab\tok')
    expect(oneLine(' a \n\t b ')).toBe('a b')
  })

  test('code fences outgrow any backtick run inside', () => {
    const md = toMarkdown([codeBlock('a ````` b')])
    expect(md.startsWith('``````\n')).toBe(true)
    expect(nodesOfType(parseMarkdown(md), 'code')[0].value).toBe('a ````` b')
  })

  test('inline code with backticks and pipes survives a table cell', () => {
    const md = toMarkdown([
      {
        type: 'table',
        align: [null],
        children: [
          { type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: 'h' }] }] },
          { type: 'tableRow', children: [{ type: 'tableCell', children: [inlineCode('a | ` b')] }] }
        ]
      }
    ])
    const back = parseMarkdown(md)
    expect(nodesOfType(back, 'tableCell')).toHaveLength(2)
    expect(nodesOfType(back, 'inlineCode')[0].value).toBe('a | ` b')
  })

  test('details blocks are html nodes with blank lines around their content', () => {
    const md = toMarkdown(details('Output <1> & "x"', [codeBlock('x')]))
    expect(md).toBe('<details><summary>Output &lt;1&gt; &amp; &quot;x&quot;</summary>\n\n```\nx\n```\n\n</details>\n')
  })
})

describe('ids and names', () => {
  test('UUIDs shorten to 8 characters unless that would be ambiguous', () => {
    const label = shortIds([
      '0199a1b2-0000-7000-8000-00000000c0de',
      '0199a1b2-0000-7000-8000-00000000f0c5',
      'd1d1d1d1-0000-4000-8000-000000000000',
      'aider-abc'
    ])
    expect(label('d1d1d1d1-0000-4000-8000-000000000000')).toBe('d1d1d1d1')
    expect(label('0199a1b2-0000-7000-8000-00000000c0de')).toBe('0199a1b2-0000-7000-8000-00000000c0de')
    expect(label('aider-abc')).toBe('aider-abc')
  })

  test('agents by their product names; unknown agents as they are', () => {
    expect(agentName('claude-code')).toBe('Claude Code')
    expect(agentName('new-agent')).toBe('new-agent')
  })
})

describe('CSV rules', () => {
  test('RFC 4180: CRLF records, quoting of " , CR LF, doubled quotes', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['line\nbreak', 'cr\ronly'],
        [null, 3]
      ]
    )
    expect(csv).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak","cr\ronly"\r\n,3\r\n')
    expect(parseCsv(csv)).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['line\nbreak', 'cr\ronly'],
      ['', '3']
    ])
  })

  test('formula starts are defused, own numbers are not', () => {
    for (const s of ['=1+1', '+1', '-2+3', '@SUM(1)', '\tx', '\rx']) expect(defuse(s)).toBe(`'${s}`)
    expect(defuse('plain')).toBe('plain')
    expect(toCsv(['n', 's'], [[-2, '-2']])).toBe("n,s\r\n-2,'-2\r\n")
  })

  test('booleans, nulls and NUL', () => {
    expect(toCsv(['a', 'b', 'c'], [[true, null, 'x\u0000y']])).toBe('a,b,c\r\ntrue,,x\ufffdy\r\n')
  })

  test('cells longer than a spreadsheet holds are cut with a note', () => {
    const csv = toCsv(['a'], [['x'.repeat(MAX_CELL_CHARS + 5)]])
    expect(parseCsv(csv)[1][0]).toBe('x'.repeat(MAX_CELL_CHARS) + '… (truncated, 5 more characters)')
  })
})
