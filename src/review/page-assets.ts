/**
 * The review page's stylesheet and script, inlined verbatim so its Content-Security-Policy can
 * allow exactly these two blocks by hash. The script builds every element with text nodes: no
 * log text is ever parsed as HTML.
 */

export const REVIEW_CSS = String.raw`:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1c2027;--muted:#5b6472;--panel:#fff;--line:#dde1e7;--accent:#2b63c6;--code:#f0f2f5;--red-bg:#fde4e7;--red-fg:#9e1530}
@media (prefers-color-scheme:dark){:root{--bg:#101317;--fg:#e5e8ec;--muted:#9ba4b0;--panel:#181c22;--line:#2b3139;--accent:#79a6ff;--code:#21262d;--red-bg:#4b1b24;--red-fg:#ffb4c0}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;overflow-wrap:anywhere}
pre,code,.sid{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
a{color:var(--accent)}
h1{font-size:1.35rem;margin:0}
.wrap{max-width:80rem;margin:0 auto;padding:0 1rem}
header.top{background:var(--panel);border-bottom:1px solid var(--line);padding:.8rem 0}
main.wrap{padding-top:1rem;padding-bottom:1rem}
.meta,.muted{color:var(--muted)}
.meta{margin:0;font-size:.85rem}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin-bottom:1rem}
#entry-list,#export-files,#history-list,ul.notes{list-style:none;margin:0;padding:0}
li.entry,li.hist{display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline;padding:.3rem 0;border-top:1px solid var(--line)}
.entry-meta{font-size:.85rem}
pre.redacted-text .redacted{cursor:pointer}
#controls,#redact-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
input,select,button{font:inherit}
#session-list{list-style:none;margin:0;padding:0}
li.session{background:var(--panel);border:1px solid var(--line);border-radius:8px;margin-bottom:.5rem}
li.session a{display:block;padding:.6rem .9rem;color:inherit;text-decoration:none}
li.session a:hover{background:var(--code)}
.s-first{display:block;font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.s-meta{display:block;color:var(--muted);font-size:.85rem}
.badge{display:inline-block;border-radius:999px;padding:0 .5em;font-size:.78em;border:1px solid var(--line);background:var(--code);margin-right:.3em}
.redacted{background:var(--red-bg);color:var(--red-fg);border-radius:4px;padding:0 .2em;font-weight:600}
#turns{list-style:none;margin:0;padding:0}
li.turn{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin-bottom:1rem}
.field{margin:.5rem 0;border-left:3px solid var(--line);padding-left:.6rem}
.field-head{display:flex;gap:.6rem;align-items:center;font-size:.8rem;color:var(--muted)}
.field-body{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr));gap:.5rem}
pre{margin:.25rem 0;padding:.5rem;background:var(--code);border-radius:6px;white-space:pre-wrap;max-height:28rem;overflow:auto}
pre.raw{outline:2px dashed var(--red-fg)}
.kind{font-weight:600;color:var(--fg)}
.error{color:var(--red-fg);font-weight:600}
.marks{display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:center;margin:.4rem 0;font-size:.85rem}
.marks ul.notes{flex-basis:100%}
li.note{border-left:3px solid var(--accent);padding-left:.5rem;margin:.2rem 0;white-space:pre-wrap}
.tag{display:inline-flex;align-items:center;gap:.2em;border-radius:999px;padding:0 .2em 0 .6em;font-size:.85em;border:1px solid var(--accent);color:var(--accent)}
.tag button{border:0;background:none;color:inherit;cursor:pointer;padding:0 .3em}
.s-tags .tag{padding-right:.6em;margin-right:.3em}
.needs-review{border-color:var(--red-fg);color:var(--red-fg)}
`

export const REVIEW_JS = String.raw`(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token') || '';
  var MARKER = /\[REDACTED:([A-Za-z0-9_.-]{1,64})((?::[0-9a-f]{10}|#[0-9]{1,9})?)\]/g;
  var $ = function (id) { return document.getElementById(id); };
  var list = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function api(path, body) {
    var init = { headers: { 'X-Review-Token': token }, cache: 'no-store' };
    if (body !== undefined) {
      init.method = 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || r.statusText);
        return j;
      });
    });
  }
  function showError(e) {
    $('error').textContent = String(e && e.message ? e.message : e);
    $('error').hidden = false;
  }
  // Redaction markers become labelled spans; everything else stays a text node.
  function marked(text) {
    var frag = document.createDocumentFragment();
    var last = 0;
    String(text).replace(MARKER, function (m, id, tag, at) {
      if (at > last) frag.appendChild(document.createTextNode(text.slice(last, at)));
      var s = el('span', 'redacted', m);
      s.title = 'redacted by ' + id;
      s.dataset.detector = id;
      frag.appendChild(s);
      last = at + m.length;
      return m;
    });
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  function when(s) { return s.started_at ? s.started_at.replace('T', ' ').slice(0, 16) : 'no date'; }
  function reasons(rs) {
    return rs.map(function (r) { return r.kind + (r.branch ? ' ' + r.branch : r.path ? ' ' + r.path : ''); }).join(', ');
  }
  function cost(c) { return c === null ? 'cost unknown' : '$' + c.toFixed(2); }

  function renderList() {
    var q = $('q').value.trim().toLowerCase();
    var agent = $('f-agent').value;
    var ul = $('session-list');
    ul.textContent = '';
    var shown = 0;
    var tag = $('f-tag').value;
    var needsReview = $('f-needs-review').checked;
    var onlyRedacted = $('f-redacted').checked;
    var branch = $('f-branch').value;
    // Days of the start time as stored (UTC), as the list shows it; a session with no start is outside any range.
    var from = $('f-from').value;
    var to = $('f-to').value;
    if (onlyRedacted && !redacted) {
      loadRedacted().then(renderList, showError);
      $('count').textContent = 'counting redactions…';
      return;
    }
    list.sessions.forEach(function (s) {
      var hay = [s.id, s.agent, s.branch || '', s.models.join(' '), s.first_prompt || '', s.tags.join(' ')].join('\n').toLowerCase();
      if (agent && s.agent !== agent) return;
      if (branch && (s.branch || '') !== branch) return;
      if ((from || to) && !s.started_at) return;
      if (from && s.started_at.slice(0, 10) < from) return;
      if (to && s.started_at.slice(0, 10) > to) return;
      if (tag && s.tags.indexOf(tag) < 0) return;
      if (needsReview && !s.needs_review) return;
      if (onlyRedacted && !redacted[s.id]) return;
      if (q && hay.indexOf(q) < 0) return;
      shown++;
      var li = el('li', 'session');
      li.dataset.id = s.id;
      var a = el('a');
      a.href = '#s=' + encodeURIComponent(s.id);
      var first = el('span', 's-first');
      first.appendChild(marked(s.first_prompt === null ? '(no prompt text)' : s.first_prompt.split('\n')[0]));
      a.appendChild(first);
      var meta = el('span', 's-meta');
      meta.appendChild(el('span', 'badge', s.agent));
      meta.appendChild(document.createTextNode([
        s.models.join(', ') || 'no model', s.branch ? 'branch ' + s.branch : 'no branch', when(s),
        s.tokens !== null ? s.tokens + ' tokens' : 'tokens unknown', cost(s.cost_usd),
        s.prompts + ' prompts', s.tool_calls + ' tool calls', 'in scope: ' + reasons(s.scope_reasons)
      ].join(' · ')));
      a.appendChild(meta);
      if (s.tags.length || s.needs_review || (redacted && redacted[s.id])) {
        var chips = el('span', 's-meta s-tags');
        if (s.needs_review) chips.appendChild(el('span', 'tag needs-review', 'needs review'));
        if (redacted && redacted[s.id]) chips.appendChild(el('span', 'badge', redacted[s.id] + ' redacted'));
        s.tags.forEach(function (t) { chips.appendChild(el('span', 'tag', t)); });
        a.appendChild(chips);
      }
      a.appendChild(el('span', 's-meta sid', s.id));
      li.appendChild(a);
      ul.appendChild(li);
    });
    $('count').textContent = shown + ' of ' + list.sessions.length + ' sessions';
    $('no-match').hidden = shown > 0;
  }

  function button(cls, text, onClick) {
    var b = el('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }
  // A one-line text box (class <kind>-input) and its button: the button, or Enter, sends the trimmed text when there is any.
  function entryField(box, kind, size, label, cls, text, send) {
    var input = el('input', kind + '-input');
    input.size = size;
    input.autocomplete = 'off';
    input.placeholder = kind;
    input.setAttribute('aria-label', label);
    var b = button(cls, text, function () {
      var value = input.value.trim();
      if (value) send(value);
    });
    input.addEventListener('keydown', function (e) { if (e.key === 'Enter') b.click(); });
    box.appendChild(input);
    box.appendChild(b);
    return b;
  }
  function field(session, eventId, name, label, text, promptNo) {
    var box = el('div', 'field');
    box.dataset.field = name;
    box.dataset.event = String(eventId);
    box.dataset.session = session;
    var head = el('div', 'field-head');
    head.appendChild(el('span', 'kind', label));
    var btn = el('button', 'show-raw', 'Show raw');
    btn.type = 'button';
    head.appendChild(btn);
    if (promptNo) {
      head.appendChild(button('mark-private', 'Mark prompt private', function () {
        markPrivate({ session: session, prompt: promptNo }, 'Prompt ' + promptNo + ' will be published empty.');
      }));
    }
    box.appendChild(head);
    var body = el('div', 'field-body');
    var pre = el('pre', 'redacted-text');
    pre.appendChild(marked(text));
    body.appendChild(pre);
    box.appendChild(body);
    function showRaw() {
      if (body.querySelector('pre.raw')) return Promise.resolve();
      return api('/api/raw', { session: session, event: eventId, field: name }).then(function (r) {
        var raw = el('pre', 'raw', r.text === null ? '' : r.text);
        raw.title = 'raw text, unredacted: shown on this screen only';
        body.appendChild(raw);
        btn.textContent = 'Hide raw';
      });
    }
    btn.addEventListener('click', function () {
      var open = body.querySelector('pre.raw');
      if (open) { open.remove(); btn.textContent = 'Show raw'; return; }
      showRaw().catch(showError);
    });
    // A marker clicked: the value under it may be a false positive of that detector.
    pre.addEventListener('click', function (e) {
      var span = e.target.closest && e.target.closest('span.redacted');
      if (!span) return;
      pendingAllow = { detector: span.dataset.detector, box: box };
      showRaw().then(function () {
        $('redact-status').textContent = 'Select the value ' + pendingAllow.detector + ' redacted in the raw text, then press Un-redact.';
        updateButtons();
      }, showError);
    });
    return box;
  }

  var DISPOSITIONS = [['', 'no disposition'], ['followed', 'followed'], ['ignored', 'ignored'], ['needs-review', 'needs review']];
  // The reviewer's tags, disposition and notes for the session (prompt null) or one prompt, with the controls that change them.
  function marksBox(session, marks, prompt) {
    var box = el('div', 'marks');
    box.dataset.prompt = prompt === null ? 'session' : String(prompt);
    var where = prompt === null ? 'this session' : 'prompt ' + prompt;
    marks.tags.filter(function (t) { return t.prompt === prompt; }).forEach(function (t) {
      var chip = el('span', 'tag', t.label);
      chip.dataset.label = t.label;
      var x = button('tag-remove', '×', function () { post('/api/tag', { session: session, prompt: prompt, label: t.label, remove: true }); });
      x.title = 'remove the tag from ' + where;
      chip.appendChild(x);
      box.appendChild(chip);
    });
    var add = entryField(box, 'tag', 12, 'tag for ' + where, 'add-tag', 'Tag', function (label) {
      post('/api/tag', { session: session, prompt: prompt, label: label });
    });
    add.title = 'tag ' + where;
    if (prompt !== null) {
      var now = marks.dispositions.find(function (d) { return d.prompt === prompt; });
      var sel = el('select', 'disposition');
      sel.setAttribute('aria-label', 'disposition of ' + where);
      DISPOSITIONS.forEach(function (d) {
        var o = el('option', null, d[1]);
        o.value = d[0];
        sel.appendChild(o);
      });
      sel.value = now ? now.value : '';
      sel.addEventListener('change', function () { post('/api/disposition', { session: session, prompt: prompt, value: sel.value || null }); });
      box.appendChild(sel);
    }
    entryField(box, 'note', 28, 'note on ' + where, 'add-note', 'Add note', function (text) {
      post('/api/note', { session: session, prompt: prompt, text: text });
    });
    var notes = marks.notes.filter(function (n) { return n.prompt === prompt; });
    if (notes.length) {
      var ul = el('ul', 'notes');
      notes.forEach(function (n) {
        var li = el('li', 'note', n.text);
        li.appendChild(el('span', 'muted entry-meta', ' — ' + n.actor + ' · ' + n.at.replace('T', ' ').slice(0, 16)));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    return box;
  }
  // A tag, note or disposition change: stored with the reason typed above, then everything shown is read again.
  function post(path, body) {
    body.reason = reason();
    return api(path, body).then(refresh).catch(showError);
  }

  function renderSession(s, marks) {
    var head = $('session-head');
    head.textContent = '';
    head.appendChild(el('h2', null, s.agent + ' · ' + when(s)));
    head.appendChild(el('p', 'meta sid', s.id));
    head.appendChild(el('p', 'meta', [s.models.join(', ') || 'no model', s.branch ? 'branch ' + s.branch : 'no branch',
      s.tokens !== null ? s.tokens.total + ' tokens' : 'tokens unknown', cost(s.cost_usd), 'in scope: ' + reasons(s.scope_reasons)].join(' · ')));
    head.appendChild(button('mark-private', 'Mark session private', function () {
      markPrivate({ session: s.id }, 'Every prompt and everything the agent wrote in this session will be published empty; its counts stay.');
    }));
    var sm = $('session-marks');
    sm.textContent = '';
    sm.appendChild(el('span', 'kind', 'Session'));
    sm.appendChild(marksBox(s.id, marks, null));
    var ol = $('turns');
    ol.textContent = '';
    s.turns.forEach(function (t) {
      var li = el('li', 'turn');
      if (t.prompt) {
        li.appendChild(t.prompt.private ? el('p', 'muted private-prompt', 'Prompt ' + t.ordinal + ': private')
          : field(s.id, t.prompt.event_id, 'prompt', 'Prompt ' + t.ordinal, t.prompt.text, t.ordinal));
        if (t.ordinal > 0) li.appendChild(marksBox(s.id, marks, t.ordinal));
      }
      t.actions.forEach(function (a) {
        var label = a.kind.replace('_', ' ') + (a.name ? ' ' + a.name : '');
        if (a.text !== null) li.appendChild(field(s.id, a.event_id, 'text', label, a.text));
        if (a.arguments !== null && a.arguments !== '') li.appendChild(field(s.id, a.event_id, 'arguments', label + ' arguments', a.arguments));
        if (a.output !== null) li.appendChild(field(s.id, a.event_id, 'output', label + ' output' + (a.exit_code !== null ? ' (exit ' + a.exit_code + ')' : ''), a.output));
      });
      ol.appendChild(li);
    });
  }

  var pendingAllow = null;
  // The selection inside one field's text (redacted or raw), with the field it is in.
  function selection() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed) return null;
    var node = sel.anchorNode;
    var pre = node && (node.nodeType === 1 ? node : node.parentElement).closest('#turns pre');
    var text = pre ? sel.toString().trim() : '';
    if (!text || text.indexOf('[REDACTED:') >= 0) return null;
    var box = pre.closest('.field');
    return { text: text, box: box, raw: pre.classList.contains('raw') };
  }
  function updateButtons() {
    var sel = selection();
    $('redact-everywhere').disabled = !sel;
    $('redact-occurrence').disabled = !sel;
    $('unredact').disabled = !(sel && sel.raw && pendingAllow && pendingAllow.box === sel.box);
    $('unredact').textContent = pendingAllow ? 'Un-redact for ' + pendingAllow.detector : 'Un-redact';
  }
  document.addEventListener('selectionchange', updateButtons);
  function reason() { return $('reason').value.trim() || undefined; }
  function edited(r) {
    $('redact-status').textContent = r.note.detail + ' — written to the rules file';
    pendingAllow = null;
    return refresh();
  }
  function refresh() {
    list = null;
    redacted = null;
    return route();
  }
  function markPrivate(body, what) {
    if (!window.confirm(what + ' This is written to the rules file. Mark it private?')) return;
    body.reason = reason();
    api('/api/private', body).then(edited).catch(showError);
  }
  $('redact-everywhere').addEventListener('click', function () {
    var sel = selection();
    if (!sel) return;
    var id = $('rule-id').value.trim() || 'review';
    // The rules file is committed: a value written there is published with it.
    var warning = 'The selected text is written into the rules file, which is committed with the repository: as it is, ' +
      'or as a salted hash when it looks like a secret. Use this for names, words and ticket numbers, never rely on it for a secret ' +
      '(rotate a leaked secret instead). Add the rule?';
    if (!window.confirm(warning)) return;
    api('/api/rules', { value: sel.text, id: id }).then(edited).catch(showError);
  });
  $('redact-occurrence').addEventListener('click', function () {
    var sel = selection();
    if (!sel) return;
    var b = sel.box.dataset;
    if (!window.confirm('Redact the selected text in this one field only? A secret-looking value is written to the rules file as a salted hash, anything else as it is.')) return;
    api('/api/occurrence', { session: b.session, event: Number(b.event), field: b.field, value: sel.text, reason: reason() }).then(edited).catch(showError);
  });
  $('unredact').addEventListener('click', function () {
    var sel = selection();
    if (!sel || !pendingAllow) return;
    var warning = 'The selected text is written as it is into the rules file (committed), and ' + pendingAllow.detector +
      ' will no longer redact it anywhere. Only do this for a value that is not secret. Un-redact it?';
    if (!window.confirm(warning)) return;
    api('/api/allow', { detector: pendingAllow.detector, value: sel.text, reason: reason() }).then(edited).catch(showError);
  });

  function renderEntries() {
    return api('/api/entries').then(function (r) {
      var ul = $('entry-list');
      ul.textContent = '';
      $('entries-file').textContent = r.file;
      r.entries.forEach(function (e) {
        var li = el('li', 'entry');
        li.dataset.ref = e.ref;
        li.appendChild(el('span', 'badge', e.kind));
        li.appendChild(el('span', 'entry-detail', e.detail));
        var who = [e.session ? 'session ' + e.session.slice(0, 13) : '', e.actor || '', e.date || '', e.reason ? '“' + e.reason + '”' : ''].filter(Boolean).join(' · ');
        li.appendChild(el('span', 'muted entry-meta', who));
        li.appendChild(button('undo', 'Undo', function () {
          if (!window.confirm('Remove ' + e.ref + ' (' + e.detail + ') from the rules file?')) return;
          api('/api/entries/remove', { ref: e.ref, expected: e.entry }).then(edited).catch(showError);
        }));
        ul.appendChild(li);
      });
      $('no-entries').hidden = r.entries.length > 0;
    });
  }

  function oneLine(t) {
    var flat = String(t).replace(/\s+/g, ' ');
    return flat.length > 120 ? flat.slice(0, 119) + '…' : flat;
  }
  function renderHistory() {
    return api('/api/history').then(function (r) {
      var ol = $('history-list');
      ol.textContent = '';
      r.entries.slice().reverse().forEach(function (e) {
        var li = el('li', 'hist');
        li.dataset.id = String(e.id);
        li.dataset.kind = e.kind;
        li.appendChild(el('span', 'badge', '#' + e.id + ' ' + e.action + ' ' + e.kind));
        li.appendChild(el('span', 'hist-detail', oneLine(e.detail)));
        var on = e.session ? 'session ' + e.session.slice(0, 13) + (e.prompt ? ', prompt ' + e.prompt : '') : 'everywhere';
        var who = [on, e.actor, e.at.replace('T', ' ').slice(0, 16) + ' UTC', e.reason ? '“' + e.reason + '”' : ''].filter(Boolean).join(' · ');
        li.appendChild(el('span', 'muted entry-meta', who));
        if (e.undoable) {
          li.appendChild(button('undo', 'Undo', function () {
            if (!window.confirm('Undo #' + e.id + ' (' + e.action + ' ' + e.kind + ': ' + oneLine(e.detail) + ')? The undo is recorded too.')) return;
            api('/api/history/undo', { id: e.id, reason: reason() }).then(refresh).catch(showError);
          }));
        }
        ol.appendChild(li);
      });
      $('no-history').hidden = r.entries.length > 0;
    });
  }

  $('export').addEventListener('click', function () {
    $('export').disabled = true;
    $('export-status').textContent = 'running dry-run…';
    api('/api/export', {}).then(function (r) {
      $('export-status').textContent = r.files.length + ' files in ' + r.dir + ' · ' + r.redactions + ' values redacted';
      var ul = $('export-files');
      ul.textContent = '';
      r.files.forEach(function (f) { ul.appendChild(el('li', 'export-file', f.name + ' (' + f.bytes + ' bytes)')); });
      $('export-comment').textContent = r.comment;
      $('export-view').hidden = false;
    }).catch(showError).then(function () { $('export').disabled = false; });
  });

  var redacted = null;
  function loadRedacted() {
    if (redacted) return Promise.resolve(redacted);
    return api('/api/redacted').then(function (r) { redacted = r.sessions; return redacted; });
  }

  // A filter's options: every value the sessions have, once, sorted; the chosen one kept.
  function fillChoices(sel, values) {
    var had = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    Array.from(new Set(values)).sort().forEach(function (v) {
      var o = el('option', null, v);
      o.value = v;
      sel.appendChild(o);
    });
    sel.value = had;
  }

  function loadList() {
    if (list) return Promise.resolve(list);
    return api('/api/sessions').then(function (l) {
      list = l;
      $('scope').textContent = l.scope + ' · ' + l.redactions.total + ' values redacted';
      fillChoices($('f-agent'), l.sessions.map(function (s) { return s.agent; }));
      fillChoices($('f-branch'), l.sessions.map(function (s) { return s.branch; }).filter(Boolean));
      fillChoices($('f-tag'), [].concat.apply([], l.sessions.map(function (s) { return s.tags; })));
      return l;
    });
  }

  function route() {
    $('error').hidden = true;
    var m = /^#s=(.+)$/.exec(location.hash);
    renderEntries().catch(showError);
    renderHistory().catch(showError);
    return loadList().then(function () {
      if (!m) {
        $('session-view').hidden = true;
        $('list-view').hidden = false;
        renderList();
        return;
      }
      return Promise.all([api('/api/session?id=' + m[1]), api('/api/marks?session=' + m[1])]).then(function (r) {
        renderSession(r[0], r[1]);
        $('list-view').hidden = true;
        $('session-view').hidden = false;
      });
    }).catch(showError);
  }

  $('q').addEventListener('input', renderList);
  $('f-agent').addEventListener('change', renderList);
  $('f-tag').addEventListener('change', renderList);
  $('f-branch').addEventListener('change', renderList);
  $('f-from').addEventListener('change', renderList);
  $('f-to').addEventListener('change', renderList);
  $('f-redacted').addEventListener('change', renderList);
  $('f-needs-review').addEventListener('change', renderList);
  $('back').addEventListener('click', function (e) { e.preventDefault(); location.hash = ''; });
  window.addEventListener('hashchange', route);
  route();
})();
`
