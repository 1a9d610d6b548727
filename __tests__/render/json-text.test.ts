import { expect, test } from '@jest/globals'
import { jsonParts, jsonText, renderJson } from '../../src/render/json.js'
import { hostileReport, syntheticReport } from './support.js'
import type { Report } from '../../src/select/report.js'

/** The JSON written a session at a time (the dry-run's file) against the whole document's text. */
function inParts(report: Report): string {
  const parts = jsonParts(report)
  return [...jsonText(parts.frame, parts.sessions)].join('')
}

test('the JSON written a session at a time is the whole report’s bytes', () => {
  // Synthetic log text: line breaks, tabs, CR, emoji and Markdown syntax in every string field.
  for (const report of [syntheticReport(120, 7), hostileReport('full'), hostileReport('summary')]) {
    const whole = renderJson(report)
    expect(inParts(report)).toBe(whole)
    expect(whole.endsWith('}\n')).toBe(true)
  }
})

test('a report without sessions is the same either way, its sessions an empty array', () => {
  const report = { ...syntheticReport(3, 2), sessions: [] }
  expect(inParts(report)).toBe(renderJson(report))
  expect(JSON.parse(renderJson(report)).sessions).toEqual([])
})
