import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { IdentifierTags } from '../../src/redact/hash.js'
import { lateCheckContent, lateCheckOptions, renumbered } from '../../src/redact/late/check.js'
import { redactFiles } from '../../src/redact/files.js'
import { redactReport } from '../../src/redact/policy.js'
import type { Report } from '../../src/select/report.js'
import { tmpDir } from '../helpers.js'

const config = parseConfig('', 'default')

/** A report's field pass numbering `values` in order, as `redactReport` does. */
function numberingOf(values: string[]) {
  const tags = new IdentifierTags()
  for (const v of values) tags.suffix('email', v)
  return tags.numbering()
}

const tagsIn = (text: string) => text.match(/\[REDACTED:email[#:][0-9a-f]+\]/g) ?? []

describe('identifier tags continuing a report’s numbering', () => {
  test('a value numbered before keeps its number; a new one gets the next of its kind', () => {
    const report = new IdentifierTags()
    expect([report.suffix('email', 'a@x.io'), report.suffix('email', 'b@x.io'), report.suffix('home-path', 'ann')]).toEqual(['#1', '#2', '#1'])
    const late = new IdentifierTags(undefined, report.numbering())
    expect([late.suffix('email', 'c@x.io'), late.suffix('email', 'b@x.io'), late.suffix('home-path', 'bo'), late.suffix('hash', 'z')]).toEqual([
      '#3',
      '#2',
      '#2',
      '#1'
    ])
    expect(Object.keys(report.numbering(['email']))).toEqual(['email'])
  })

  test('with a key, nothing is numbered and a numbering changes nothing', () => {
    const keyed = new IdentifierTags('k')
    keyed.suffix('email', 'a@x.io')
    expect(keyed.numbering()).toEqual({})
    expect(new IdentifierTags('k', numberingOf(['a@x.io'])).suffix('email', 'b@x.io')).toBe(new IdentifierTags('k').suffix('email', 'b@x.io'))
  })

  test('the last check’s tags continue the numbering a report’s redaction gives', () => {
    const turn = (text: string, id: number) => ({
      ordinal: id,
      ts: null,
      prompt: { text, private: false, by_agent: false, event_id: id },
      actions: []
    })
    const frame = {
      scope: { label: 'main' },
      format_warnings: [],
      filters: {},
      redactions: { total: 0, by_detector: {} },
      sessions: [
        {
          id: 's1',
          title: null,
          cwd: null,
          repository: null,
          branch: null,
          files_touched: [],
          scope_reasons: [],
          turns: [turn('write to bob@acmecorp.io', 1), turn('and to carol@acmecorp.io', 2)]
        }
      ]
    } as unknown as Report
    const r = redactReport(frame, config, null)
    expect(r.report.sessions[0].turns.map((t) => t.prompt?.text)).toEqual(['write to [REDACTED:email#1]', 'and to [REDACTED:email#2]'])
    const opts = lateCheckOptions(config, [], r.tags)
    const text = 'From: alice@acmecorp.io\nCc: carol@acmecorp.io, bob@acmecorp.io\n'
    // Before, the check numbered from 1 on its own: Alice was `#1`, which is Bob in the report.
    expect(tagsIn(lateCheckContent('report.md', text, opts).text)).toEqual(['[REDACTED:email#3]', '[REDACTED:email#2]', '[REDACTED:email#1]'])
  })

  test('values published as written take no number from the check', () => {
    const opts = lateCheckOptions(config, ['shown: dave@acmecorp.io'], numberingOf(['bob@acmecorp.io']))
    const r = lateCheckContent('report.md', 'dave@acmecorp.io and erin@acmecorp.io', opts)
    expect(r.text).toBe('dave@acmecorp.io and [REDACTED:email#2]')
  })

  test('options renumbered for another report keep the detectors and number on their own', () => {
    const files = lateCheckOptions(config, [], numberingOf(['a@acmecorp.io', 'b@acmecorp.io']))
    const comment = renumbered(files, config, numberingOf(['b@acmecorp.io']))
    expect(comment.detectors).toBe(files.detectors)
    // A long plain value is remembered per options: each set of options gives its own tags.
    const long = `frank@acmecorp.io ${'x'.repeat(80)}`
    expect(tagsIn(lateCheckContent('a.txt', long, files).text)).toEqual(['[REDACTED:email#3]'])
    expect(tagsIn(lateCheckContent('a.txt', long, comment).text)).toEqual(['[REDACTED:email#2]'])
    expect(tagsIn(lateCheckContent('a.txt', 'b@acmecorp.io', comment).text)).toEqual(['[REDACTED:email#1]'])
  })
})

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the last check of sanitized log copies (redact)', () => {
  test('continues each copy’s own numbering', async () => {
    const dir = tmpDir()
    dirs.push(dir)
    // An address written `&#64;` reads as one only once the Markdown is displayed: the last check finds it.
    const chat = (line: string) => `# aider chat started\n\n#### ${line}\n`
    for (const [sub, line] of [
      ['a', 'mail bob@acmecorp.io and alice&#64;acmecorp.io'],
      ['b', 'mail carol&#64;acmecorp.io']
    ]) {
      mkdirSync(join(dir, 'logs', sub), { recursive: true })
      writeFileSync(join(dir, 'logs', sub, '.aider.chat.history.md'), chat(line))
    }
    const r = await redactFiles([join(dir, 'logs')], join(dir, 'clean'), config)
    expect(r.late.total).toBe(2)
    // Before, one numbering for every copy's check: Alice was `#1` (Bob's number in her copy), Carol `#2`.
    expect(readFileSync(join(dir, 'clean', 'a', '.aider.chat.history.md'), 'utf8')).toBe(chat('mail [REDACTED:email#1] and [REDACTED:email#2]'))
    expect(readFileSync(join(dir, 'clean', 'b', '.aider.chat.history.md'), 'utf8')).toBe(chat('mail [REDACTED:email#1]'))
  })
})
