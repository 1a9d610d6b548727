/**
 * The report page's stylesheet and script, inlined verbatim. They are constants so the page's
 * Content-Security-Policy can allow exactly these two blocks by hash and nothing else.
 */

export const CSS = `:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1c2027;--muted:#5b6472;--panel:#fff;--line:#dde1e7;--accent:#2b63c6;--code:#f0f2f5;--s0:#a9c4f2;--s1:#2b63c6;--s2:#d9822b;--red-bg:#fde4e7;--red-fg:#9e1530;--ok:#1a7a3a;--fail:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#101317;--fg:#e5e8ec;--muted:#9ba4b0;--panel:#181c22;--line:#2b3139;--accent:#79a6ff;--code:#21262d;--s0:#36538a;--s1:#79a6ff;--s2:#f0a14d;--red-bg:#4b1b24;--red-fg:#ffb4c0;--ok:#63d08c;--fail:#ff8b80}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
code,pre,.sid{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85em}
a{color:var(--accent)}
h1{font-size:1.35rem;margin:0 0 .2rem;line-height:1.25}
h2{font-size:1.1rem;margin:0 0 .75rem}
.wrap{max-width:76rem;margin:0 auto;padding:0 1rem}
header.top{background:var(--panel);border-bottom:1px solid var(--line);padding:.9rem 0}
.meta{color:var(--muted);margin:0;font-size:.85rem}
main.wrap{padding-top:1rem;padding-bottom:1.5rem}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,9.5rem),1fr));gap:.75rem;margin-bottom:1rem}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.65rem .9rem;min-width:0}
.card-label{color:var(--muted);font-size:.75rem;text-transform:uppercase;letter-spacing:.05em}
.card-value{font-size:1.45rem;font-weight:600;font-variant-numeric:tabular-nums}
.card-note{color:var(--muted);font-size:.78rem}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:1rem;margin-bottom:1rem;min-width:0}
.facts{margin:0;padding-left:1.2rem}
.facts li{margin:.35rem 0}
.badges{display:inline}
.badge{display:inline-block;border-radius:999px;padding:0 .5em;font-size:.78em;line-height:1.6;border:1px solid var(--line);background:var(--code);max-width:100%;font-weight:500}
.badge.redacted{background:var(--red-bg);color:var(--red-fg);border-color:transparent}
.badge.src-agent{color:var(--accent);border-color:currentColor;background:transparent}
.badge.agent-name{background:var(--accent);color:var(--panel);border-color:transparent}
.badge.ok{color:var(--ok)}
.badge.fail{color:var(--fail);border-color:currentColor}
.redacted{background:var(--red-bg);color:var(--red-fg);border-radius:4px;padding:0 .2em;font-weight:600}
.unpriced{color:var(--muted);font-style:italic}
.muted,.empty{color:var(--muted)}
.empty{font-style:italic}
.figs{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:1.25rem 1.5rem}
.fig{margin:0;min-width:0}
figcaption{font-weight:600;margin-bottom:.25rem}
.chart-scroll{overflow-x:auto;max-width:100%}
.chart{display:block}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart text{fill:var(--muted);font-size:10px;font-family:inherit}
.chart .val{fill:var(--fg)}
.chart .na{font-style:italic}
.chart .na-mark{fill:var(--muted)}
.chart .hit{fill:transparent}
.chart g:hover .hit{fill:var(--code)}
.s0{fill:var(--s0)}.s1{fill:var(--s1)}.s2{fill:var(--s2)}
.legend{font-size:.78rem;color:var(--muted);margin:.2rem 0}
.key{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin:0 .3em 0 .7em;vertical-align:-.05em}
.key:first-child{margin-left:0}
.key.s0{background:var(--s0)}.key.s1{background:var(--s1)}.key.s2{background:var(--s2)}
.hbars{list-style:none;margin:0;padding:0}
.hbar{display:grid;grid-template-columns:minmax(0,13rem) minmax(3rem,1fr) minmax(3.5rem,auto);gap:.6rem;align-items:center;font-size:.85rem;padding:.12rem 0}
.hbar-bar{display:block;width:100%;height:.7rem}
.hbar-bar .s0{fill:var(--s1)}
.hbar-value{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.hbar-value.na{color:var(--muted);font-style:italic}
details.data{margin-top:.35rem}
details.data>summary,.io>summary,.files-box>summary{cursor:pointer;font-size:.8rem;color:var(--muted)}
.table-scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.82rem;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.2rem .45rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th[scope=row],thead th:first-child{text-align:left;white-space:normal;font-weight:500;min-width:9rem}
thead th{color:var(--muted);font-weight:500}
.controls{display:flex;flex-wrap:wrap;gap:.6rem;margin-bottom:.4rem}
.ctl{display:flex;flex-direction:column;gap:.15rem;font-size:.78rem;color:var(--muted);flex:1 1 9rem;min-width:0}
.ctl-q{flex:3 1 16rem}
.ctl input,.ctl select{font:inherit;font-size:1rem;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.4rem .55rem;width:100%;min-width:0}
.count{font-size:.82rem;color:var(--muted);margin:.3rem 0}
.sessions{list-style:none;margin:0;padding:0}
.session{border-top:1px solid var(--line)}
.session>details>summary{cursor:pointer;list-style:none;display:flex;flex-direction:column;gap:.1rem;padding:.6rem .2rem}
.session>details>summary::-webkit-details-marker{display:none}
.session>details>summary:hover{background:var(--code)}
.s-head::before{content:"\\25B8";display:inline-block;width:1em;color:var(--muted)}
.session>details[open]>summary .s-head::before{content:"\\25BE"}
.sid{font-size:.82rem}
.s-title{font-weight:600}
.s-sub,.s-models{color:var(--muted);font-size:.82rem;padding-left:1em}
.s-first{font-size:.88rem;padding-left:1em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.s-models code{display:inline-block;max-width:100%;margin-right:.5rem;font-size:.78rem}
.branch{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.s-body{padding:.1rem .2rem 1rem 1.2rem}
.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem .8rem;margin:.2rem 0 .6rem;font-size:.88rem}
.kv dt{color:var(--muted)}
.kv dd{margin:0;min-width:0}
.files{margin:.2rem 0;padding-left:1.2rem;font-size:.85rem}
.turns{list-style:none;margin:.6rem 0 0;padding:0}
.turn{border-left:3px solid var(--accent);padding:.3rem 0 .3rem .75rem;margin:.8rem 0}
.prompt.private,.prompt.none{border-left-color:var(--line)}
.prompt-head{font-size:.78rem;color:var(--muted)}
.turn-no{font-weight:600;color:var(--fg);margin-right:.5em}
.prompt p{margin:.2rem 0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0;max-width:100%}
pre.text{font-family:inherit;font-size:.92rem}
.prompt pre.text{font-size:.97rem;font-weight:500}
pre.cmd,pre.args,pre.out{background:var(--code);padding:.35rem .55rem;border-radius:6px;max-height:22rem;overflow:auto}
pre.cmd{font-weight:600}
pre.thought{color:var(--muted);font-style:italic}
.trunc{font-size:.78rem;color:var(--muted);margin:.1rem 0 .35rem;font-style:italic}
details.actions>summary{cursor:pointer;font-size:.84rem;color:var(--accent);margin-top:.3rem}
.action-list{list-style:none;margin:.3rem 0 0;padding:0}
.act{padding:.35rem 0;border-top:1px dashed var(--line)}
.act-head{font-size:.85rem}
.kind{display:inline-block;font-size:.68rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);min-width:6.5em}
.name.warn{color:var(--fail)}
.io-label{font-size:.72rem;color:var(--muted);margin-top:.25rem;text-transform:uppercase;letter-spacing:.05em}
footer{color:var(--muted);font-size:.8rem;padding-bottom:2rem}
@media (max-width:40rem){
body{font-size:14px}
.panel{padding:.8rem}
.hbar{grid-template-columns:minmax(0,1fr) auto;grid-template-areas:"l v" "b b";gap:.05rem .5rem;padding:.2rem 0}
.hbar-label{grid-area:l}
.hbar-value{grid-area:v}
.hbar-bar{grid-area:b}
.kv{gap:.15rem .6rem}
.s-body{padding-left:.2rem}
.turn{padding-left:.55rem}
}
`

/**
 * Search and filters over the server-rendered session rows. It only toggles `hidden` and sets
 * `textContent`: log text never passes through `innerHTML`. The search index is a JSON data
 * block, parsed rather than evaluated, one entry per row in the rows' order: a row's entry is
 * found by its place, as a number in the row's markup would move with every session before it.
 */
export const JS = `(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  function fmt(n) { return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  function openTarget() {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id ? $(id) : null;
    if (!el || !el.matches('li.session')) return;
    el.hidden = false;
    var d = el.querySelector('details');
    if (d) d.open = true;
  }
  var dataEl = $('alt-search'), q = $('q'), fAgent = $('f-agent'), fModel = $('f-model');
  var controls = $('controls'), count = $('count'), none = $('no-match');
  if (dataEl && q && fAgent && fModel && controls && count && none) {
    var data = JSON.parse(dataEl.textContent || '[]');
    var rows = document.querySelectorAll('#session-list > li[data-session]');
    var apply = function () {
      var terms = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
      var agent = fAgent.value, model = fModel.value, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var d = data[i];
        var ok = !!d && (!agent || d.agent === agent) && (!model || d.models.indexOf(model) >= 0);
        for (var j = 0; ok && j < terms.length; j++) ok = d.text.indexOf(terms[j]) >= 0;
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      var total = fmt(rows.length) + (rows.length === 1 ? ' session' : ' sessions');
      count.textContent = shown === rows.length ? total : fmt(shown) + ' of ' + total;
      none.hidden = shown > 0;
    };
    controls.hidden = false;
    q.addEventListener('input', apply);
    fAgent.addEventListener('change', apply);
    fModel.addEventListener('change', apply);
    apply();
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
`
