import { createHash } from 'node:crypto'
import { REVIEW_CSS, REVIEW_JS } from './page-assets.js'

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`
}

/**
 * As the HTML report's: exactly the page's own stylesheet and script by hash, and requests only
 * back to this server (`connect-src 'self'`), so log text that slipped past escaping could
 * neither run nor load nor send anything elsewhere.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(REVIEW_CSS)}`,
  `script-src ${cspHash(REVIEW_JS)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** The page shell; the script fills it from the JSON endpoints with text nodes only. */
export function reviewPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Review · ai-log-trail</title>
<style>${REVIEW_CSS}</style>
</head>
<body>
<header class="top"><div class="wrap">
<h1>Review sessions</h1>
<p class="meta" id="scope"></p>
<p><button id="export" type="button">Export (dry-run)</button> <span id="export-status" class="muted" role="status"></span></p>
</div></header>
<main class="wrap">
<section id="list-view">
<div id="controls" class="panel">
<label>Search <input id="q" type="search" autocomplete="off" placeholder="id, prompt, branch, model"></label>
<label>Agent <select id="f-agent"><option value="">all</option></select></label>
<label>Branch <select id="f-branch"><option value="">all</option></select></label>
<label>From <input id="f-from" type="date"></label>
<label>To <input id="f-to" type="date"></label>
<label>Tag <select id="f-tag"><option value="">any</option></select></label>
<label><input id="f-redacted" type="checkbox"> has redactions</label>
<label><input id="f-needs-review" type="checkbox"> needs review</label>
<span id="count" class="muted"></span>
</div>
<ul id="session-list"></ul>
<p id="no-match" class="empty" hidden>No session matches.</p>
</section>
<section id="session-view" hidden>
<p><a href="#" id="back">← all sessions</a></p>
<div id="session-head" class="panel"></div>
<div id="session-marks" class="panel"></div>
<div id="redact-bar" class="panel">
<span>Select text in a field, then:</span>
<button id="redact-occurrence" type="button" disabled>Redact this occurrence</button>
<label>rule id <input id="rule-id" value="review" size="12" autocomplete="off"></label>
<button id="redact-everywhere" type="button" disabled>Redact everywhere</button>
<button id="unredact" type="button" disabled title="click a redacted value first, then select it in the raw text">Un-redact</button>
<label>reason <input id="reason" size="24" autocomplete="off" placeholder="why (for the audit trail)"></label>
<span id="redact-status" class="muted" role="status"></span>
</div>
<ol id="turns"></ol>
</section>
<section id="export-view" class="panel" hidden>
<h2>What dry-run would publish</h2>
<ul id="export-files"></ul>
<pre id="export-comment"></pre>
</section>
<section id="entries" class="panel">
<h2>Rules-file entries <span id="entries-file" class="meta sid"></span></h2>
<ul id="entry-list"></ul>
<p id="no-entries" class="muted" hidden>No entries yet.</p>
</section>
<section id="history" class="panel">
<h2>History <span class="meta">every redaction, allow, private, tag, note and disposition change, newest first</span></h2>
<ol id="history-list"></ol>
<p id="no-history" class="muted" hidden>No changes yet.</p>
</section>
<p id="error" class="error" role="alert" hidden></p>
</main>
<footer class="wrap"><p class="muted">Served from 127.0.0.1 only; the page loads nothing from the network. Text is shown as the rules redact it; "Show raw" fetches one field unredacted, for this screen only.</p></footer>
<script>${REVIEW_JS}</script>
</body>
</html>
`
}
