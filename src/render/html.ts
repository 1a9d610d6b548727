import type { ListedReport } from '../select/session-list.js'
import { createHash } from 'node:crypto'
import { CSS, JS } from './html-assets.js'
import { escapeHtml, jsonForScript } from './html-escape.js'
import { renderHeader, renderTotals, renderTransparency, renderUsage } from './html-overview.js'
import { searchEntry, sessionsChunks } from './html-sessions.js'
import { flatUnits, partKind, sessionParts, type Part, type Region } from './region.js'
import { sessionPrompts } from '../select/session-list.js'

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`
}

/**
 * The policy allows exactly the page's own stylesheet and script, by hash, and nothing that
 * could fetch: a log that slipped an element past escaping still could not load or send anything.
 * Hashes rather than a random nonce keep the output identical from run to run.
 */
const CSP = ["default-src 'none'", `style-src ${cspHash(CSS)}`, `script-src ${cspHash(JS)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join(
  '; '
)

/**
 * The report as one self-contained HTML page: inline CSS, script and SVG charts, and no
 * request to anywhere. Deterministic: the same report renders to the same bytes.
 */
export function renderHtml(report: ListedReport): string {
  return [...htmlChunks(report)].join('')
}

/**
 * A part of the page's search data (`<script type="application/json">`): one entry's JSON as the
 * page writes it, after `lead` (the array's `[` or the comma before it). The last check reads such
 * an element's text as JSON values, so a part of it is checked as a value, not as text
 * (`writeCheckedText`); `[` and `,` are JSON's and never checked.
 */
export interface ScriptJsonPart {
  lead: string
  json: string
}

/** `htmlUnits`' text a part at a time. */
export function* htmlChunks(report: ListedReport): Generator<string> {
  for (const u of htmlUnits(report)) yield typeof u === 'string' ? u : u.lead + u.json
}

/**
 * `renderHtml`'s text in parts, so the page of a report of many sessions is never held whole:
 * the top of the page, each session's item, each entry of the search data (a `ScriptJsonPart`,
 * which the last check reads as a JSON value, as it reads the whole element), and the rest.
 */
export function* htmlUnits(report: ListedReport): Generator<string | ScriptJsonPart> {
  yield* flatUnits(htmlRegions(report))
}

/**
 * `htmlUnits` with the sessions' items and the search data as regions (src/render/region.ts):
 * only the page's top tells the last check's note.
 */
export function* htmlRegions(report: ListedReport): Generator<string | ScriptJsonPart | Region<string | ScriptJsonPart>> {
  const title = `AI coding agent activity · ${report.generator.name}`
  yield (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
    `<meta name="referrer" content="no-referrer">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="${escapeHtml(`${report.generator.name} ${report.generator.version}`)}">\n` +
    // An explicit empty icon stops the browser from asking for /favicon.ico.
    `<link rel="icon" href="data:,">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    renderHeader(report) +
    `\n<main class="wrap">\n` +
    renderTotals(report) +
    '\n' +
    renderTransparency(report) +
    '\n' +
    renderUsage(report) +
    '\n'
  )
  yield { type: 'region', key: 'sessions', units: () => sessionsChunks(report) }
  yield `\n</main>\n<footer class="wrap"><p>A self-contained page: it loads nothing from the network. Log text appears as the redaction step left it; see Transparency above.</p></footer>\n`
  // The search data holds every prompt's text: written an entry at a time, the element's text
  // byte for byte `jsonForScript` of the whole array (its escapes are of single characters).
  yield `<script type="application/json" id="alt-search">`
  yield { type: 'region', key: 'search', units: () => searchData(report) }
  yield `</script>\n`
  yield `<script>${JS}</script>\n</body>\n</html>\n`
}

function* searchData(report: ListedReport): Generator<string | ScriptJsonPart | Part<string | ScriptJsonPart>> {
  yield* sessionParts<string | ScriptJsonPart>(
    sessionPrompts(report.sessions),
    SEARCH_ENTRY,
    (s, i) => [{ lead: i === 0 ? '[' : ',', json: jsonForScript(searchEntry(s)) }],
    (i) => (i === 0 ? 'first' : '')
  )
  yield report.sessions.length === 0 ? { lead: '', json: '[]' } : ']'
}

const SEARCH_ENTRY = partKind('html.search', searchEntry, jsonForScript)
