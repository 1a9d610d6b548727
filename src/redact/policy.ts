import type { RedactionRow } from '../store/redactions.js'
import { IdentifierTags, redactionKey, type TagNumbering, type TagUse } from './hash.js'
import type { Action, Report, SessionReport, Turn } from '../select/report.js'
import type { Config, FieldPolicy, Override, PrivateEntry } from '../config/schema.js'
import { replaceOccurrences } from './hashed-literal.js'
import { freshFindings, redactJson, redactText, type EngineOptions, type FindingsOf, type RedactTextResult } from './engine.js'
import type { RedactionCache } from './cached-findings.js'
import { applySpanMarkers, PRIVATE_PREFIX } from './markers.js'
import { engineOptions, FINDING_TAG_KINDS } from './engine-options.js'
import type { FieldKind } from '../config/choices.js'
import type { ScopeReason } from '../scope/types.js'
import type { SessionReview } from '../model/review.js'
import { firstWord } from '../sources/util/shell.js'

/** What a find-override puts in place of the text it finds, unless it names its own replacement. */
export const OCCURRENCE_MARKER = '[REDACTED:override]'

/** One line of provenance: which detector or override changed which field of which event, how often. */
export type RedactionRecord = RedactionRow

/**
 * Redacts a report's parts in the order `redactReport` meets them, so a report can be redacted a
 * turn at a time and never held whole: each session's turns in order, then the session's own
 * fields, then (once) the scope label. Identifier tags are numbered in that order, so the parts
 * come out exactly as `redactReport` would make them.
 */
export interface ReportRedactor {
  turn(s: SessionReport, t: Turn): Turn
  /** The session's own fields; `turns` are its already redacted turns. */
  session(s: SessionReport, turns: Turn[]): SessionReport
  /**
   * The provenance rows made since the last call. Call between turns or sessions: no row's key
   * (session, event, field, detector) spans two of them, so rows taken apart never need merging.
   */
  takeRecords(): RedactionRecord[]
  /** Texts published as written by the config's choice (policy include). */
  readonly included: string[]
  /**
   * The numbers the report's identifier tags were given so far, of the kinds a finding can be
   * tagged with: the last check of the files continues them (docs/redaction.md). Call after `finish`.
   */
  tagNumbering(): TagNumbering
  /** The report around the redacted sessions: its scope label redacted, the counts of every part. */
  finish(report: Report, sessions: SessionReport[]): Report
  /** Starts noting what the next session's redaction records and tags, until `takeNoted`. */
  note(): void
  /** What was noted since `note`: enough to replay that session's redaction on this redactor's state. */
  takeNoted(): SessionNotes
  /**
   * Records and tags a session as redacting it again would, from what `takeNoted` gave when it
   * was redacted: false, with nothing changed, when its tags would now be numbered otherwise.
   */
  replay(s: SessionReport, notes: SessionNotes): boolean
}

/** One `record` call of a session: event id, field, detector, count, actor, reason. */
export type RecordUse = [eventId: number | null, field: string, detector: string, count: number, actor: string | null, reason: string | null]

/** What redacting a session did to the report's state besides its text: its provenance and the tags it numbered. */
export interface SessionNotes {
  records: RecordUse[]
  tags: TagUse[]
}

/**
 * `cache` (the store's, see `redactionCache`) replays the findings of texts redacted by earlier
 * runs under the same config and code; the output is the same as without it.
 */
export function reportRedactor(config: Config, key: string | null = redactionKey() ?? null, cache: RedactionCache | null = null): ReportRedactor {
  const tags = new IdentifierTags(key ?? undefined)
  const engine = engineOptions(config, tags)
  let records: RedactionRecord[] = []
  // Texts published as written by the config's choice (policy include): the last check of the
  // final files must not redact what the team decided to show.
  const included: string[] = []
  // By (session, event, field, detector): a search of the list per finding made a report with
  // 100,000 findings quadratic (the 800 MB bench: 70 of the 75 s of its comment's report).
  let recordsByKey = new Map<string, RedactionRecord>()
  const byDetector: Record<string, number> = {}
  const metadataOnly = config.preset === 'metadata-only'
  let noted: RecordUse[] | null = null
  const record = (
    s: SessionReport,
    eventId: number | null,
    field: string,
    detector: string,
    count = 1,
    actor: string | null = null,
    reason: string | null = null
  ) => {
    byDetector[detector] = (byDetector[detector] ?? 0) + count
    noted?.push([eventId, field, detector, count, actor, reason])
    const key = `${s.id}\0${eventId}\0${field}\0${detector}`
    const r = recordsByKey.get(key)
    if (r) r.count += count
    else {
      const created = { session_id: s.id, event_id: eventId, field, detector, count, actor, reason }
      records.push(created)
      recordsByKey.set(key, created)
    }
  }
  /** Redacts one text by its field's policy; `json` texts (tool arguments) keep their structure. */
  const clean = (s: SessionReport, eventId: number | null, field: string, kind: FieldKind, text: string | null, json = false): string | null => {
    if (text === null) return null
    const policy: FieldPolicy = config.fields[kind as keyof Config['fields']] ?? 'redact'
    if (metadataOnly || policy === 'drop') return null
    if (policy === 'hash') return tags.hashed(text)
    if (policy === 'include') {
      included.push(text)
      return text
    }
    const opts = engine(kind)
    const redact = (findingsOf: FindingsOf) => redactFieldText(text, opts, kind, json, findingsOf)
    const r = cache ? cache.redact(kind, json, text, redact) : redact(freshFindings)
    for (const f of r.findings) record(s, eventId, field, f.detector)
    let out = r.text
    if (typeof policy === 'object' && out.length > policy.truncate)
      out = out.slice(0, policy.truncate) + ` … (truncated by policy, ${out.length - policy.truncate} more characters)`
    return out
  }

  let overridesOf: { id: string; list: Override[]; privacy: PrivateEntry[] } | null = null
  const overrides = (s: SessionReport): Override[] => forSession(s).list
  const forSession = (s: SessionReport) => {
    if (overridesOf?.id !== s.id)
      overridesOf = {
        id: s.id,
        list: config.overrides.filter((o) => s.id.startsWith(o.session)),
        privacy: config.private.filter((p) => s.id.startsWith(p.session))
      }
    return overridesOf
  }
  /** The config's entry making the whole session private, if any. */
  const privateSession = (s: SessionReport) => forSession(s).privacy.find((p) => p.prompt === undefined)

  /** `text` with the field's find-overrides applied, each recorded with its count. */
  const replaceFound = (s: SessionReport, eventId: number, field: string, finds: Override[], text: string): string => {
    for (const o of finds) {
      const r = replaceOccurrences(text, o.find as NonNullable<Override['find']>, o.replacement ?? OCCURRENCE_MARKER)
      if (r.count) record(s, eventId, field, `override:${o.actor}`, r.count, o.actor, o.reason)
      text = r.text
    }
    return text
  }

  function redactTurn(s: SessionReport, t: Turn, overrides: Override[]): Turn {
    const wholeSession = privateSession(s)
    const whole = overrides.filter((o) => o.find === undefined)
    const finds = overrides.filter((o) => o.find !== undefined)
    let prompt = t.prompt
    if (prompt) {
      const eventId = prompt.event_id
      const ov = whole.find((o) => o.prompt === t.ordinal && o.field === 'prompt') ?? whole.find((o) => o.event === eventId)
      const privacy = wholeSession ?? forSession(s).privacy.find((p) => p.prompt === t.ordinal)
      let text = prompt.text
      if (prompt.private || PRIVATE_PREFIX.test(text) || privacy) {
        if (privacy && !prompt.private) record(s, eventId, 'prompt', 'private', 1, privacy.actor, privacy.reason)
        prompt = { ...prompt, text: '', private: true }
      } else {
        if (ov) {
          text = ov.replacement ?? ''
          record(s, eventId, 'prompt', `override:${ov.actor}`, 1, ov.actor, ov.reason)
        } else {
          const mine = finds.filter((o) => o.field === 'prompt' && (o.prompt === t.ordinal || o.event === eventId))
          if (mine.length) text = replaceFound(s, eventId, 'prompt', mine, text)
        }
        const m = applySpanMarkers(text)
        if (m.count) record(s, eventId, 'prompt', 'marker', m.count)
        if (ov && config.fields.prompt === 'include') included.push(m.text)
        prompt = { ...prompt, text: ov && config.fields.prompt === 'include' ? m.text : (clean(s, eventId, 'prompt', 'prompt', m.text) ?? '') }
      }
    }
    const actions = t.actions.map((a, i): Action => {
      // A private session keeps what the agent did (tool names, counts), not what any of it said.
      if (wholeSession)
        return { ...a, text: a.kind === 'tool_call' && a.text !== null && metadataOnly ? firstWord(a.text) : null, arguments: null, output: null }
      // By event id, or by its place under the prompt: the form that survives a rebuilt database.
      const names = (o: Override) => o.event === a.event_id || (o.action === i + 1 && o.prompt === t.ordinal)
      const ov = whole.filter(names)
      const fv = finds.filter(names)
      const apply = (field: 'text' | 'arguments' | 'output', v: string | null) => {
        const o = ov.find((x) => x.field === field)
        if (!o) {
          const mine = fv.filter((x) => x.field === field)
          return v === null || mine.length === 0 ? v : replaceFound(s, a.event_id, field, mine, v)
        }
        record(s, a.event_id, field, `override:${o.actor}`, 1, o.actor, o.reason)
        return o.replacement ?? ''
      }
      const kind: FieldKind = a.kind === 'reasoning' ? 'reasoning' : a.kind === 'file_change' ? 'path' : a.kind === 'tool_call' ? 'tool_args' : 'assistant'
      const text = apply('text', a.text)
      const command = a.kind === 'tool_call' && text !== null && metadataOnly ? firstWord(text) : null
      return {
        ...a,
        text: command ?? clean(s, a.event_id, 'text', kind, text),
        arguments: clean(s, a.event_id, 'arguments', 'tool_args', apply('arguments', a.arguments), true),
        output: clean(s, a.event_id, 'output', 'tool_output', apply('output', a.output), true)
      }
    })
    return { ...t, prompt, actions: metadataOnly ? actions.filter((a) => a.kind === 'tool_call') : actions }
  }

  const sessionFields = (s: SessionReport, turns: Turn[]): SessionReport => {
    const pathOrHash = (p: string | null) => (p === null ? null : metadataOnly ? tags.hashed(p) : clean(s, null, 'cwd', 'path', p))
    const privacy = privateSession(s)
    if (privacy) record(s, null, 'session', 'private', 1, privacy.actor, privacy.reason)
    return {
      ...s,
      // A title sums up the first prompt (Claude Code's ai-title is written from it), so it
      // follows the prompt's policy; metadata-only drops it like every other text.
      title: privacy ? null : clean(s, null, 'title', 'prompt', s.title),
      cwd: pathOrHash(s.cwd),
      repository:
        s.repository === null
          ? null
          : metadataOnly || config.hash_identifiers.repository_urls
            ? tags.hashed(s.repository)
            : clean(s, null, 'repository', 'path', s.repository),
      branch: s.branch === null ? null : metadataOnly ? tags.hashed(s.branch) : clean(s, null, 'branch', 'path', s.branch),
      files_touched: metadataOnly ? [] : s.files_touched.map((p) => clean(s, null, 'files_touched', 'path', p) ?? ''),
      scope_reasons: s.scope_reasons.map((r): ScopeReason => {
        if (r.kind === 'branch') return { ...r, branch: metadataOnly ? tags.hashed(r.branch) : (clean(s, null, 'scope', 'path', r.branch) ?? '') }
        if (r.kind === 'workflow' || r.kind === 'log-in-change')
          return { ...r, path: metadataOnly ? tags.hashed(r.path) : (clean(s, null, 'scope', 'path', r.path) ?? '') }
        return r
      }),
      ...(s.review ? { review: reviewFields(s, s.review) } : {}),
      turns
    }
  }

  // A reviewer's labels and notes are free text like any other (a ticket may name a client):
  // every detector and rule applies; metadata-only tags labels as it does branches and drops notes.
  const reviewFields = (s: SessionReport, r: SessionReview): SessionReview => ({
    tags: r.tags.map((t) => ({ ...t, label: metadataOnly ? tags.hashed(t.label) : (clean(s, null, 'review_tag', 'metadata', t.label) ?? '') })),
    notes: metadataOnly ? [] : r.notes.map((n) => ({ ...n, text: clean(s, null, 'review_note', 'metadata', n.text) ?? '' })),
    dispositions: r.dispositions.map((d) => ({ ...d }))
  })

  return {
    turn: (s, t) => redactTurn(s, t, overrides(s)),
    session: sessionFields,
    takeRecords() {
      const taken = records
      records = []
      recordsByKey = new Map()
      return taken
    },
    included,
    tagNumbering: () => tags.numbering(FINDING_TAG_KINDS),
    note() {
      noted = []
      tags.note()
    },
    takeNoted() {
      const out = { records: noted ?? [], tags: tags.takeNoted() }
      noted = null
      return out
    },
    replay(s, notes) {
      if (!tags.replay(notes.tags)) return false
      for (const [eventId, field, detector, count, actor, reason] of notes.records) record(s, eventId, field, detector, count, actor, reason)
      return true
    },
    finish(report, sessions) {
      // The scope's label names a branch or a tag, which a user's rules (client names, tickets) may cover.
      const label = redactText(report.scope.label, engine('metadata'))
      const counts: Record<string, number> = { ...byDetector }
      for (const f of label.findings) counts[f.detector] = (counts[f.detector] ?? 0) + 1
      // A log file's path and a message naming its record types: both come from the machine and
      // the log, so they are redacted like any path and any label (and the path hidden in metadata-only).
      const formatWarnings = report.format_warnings.map((w) => {
        const file = metadataOnly ? { text: tags.hashed(w.file), findings: [] } : redactText(w.file, engine('path'))
        const message = redactText(w.message, engine('metadata'))
        for (const f of [...file.findings, ...message.findings]) counts[f.detector] = (counts[f.detector] ?? 0) + 1
        return { ...w, file: file.text, message: message.text }
      })
      // The tags a report was filtered by are a reviewer's labels, redacted as the sessions' own are.
      const filterTags = report.filters.tags?.map((t) => {
        if (metadataOnly) return tags.hashed(t)
        const r = redactText(t, engine('metadata'))
        for (const f of r.findings) counts[f.detector] = (counts[f.detector] ?? 0) + 1
        return r.text
      })
      const total = Object.values(counts).reduce((a, b) => a + b, 0)
      cache?.save()
      return {
        ...report,
        ...(filterTags ? { filters: { ...report.filters, tags: filterTags } } : {}),
        scope: { ...report.scope, label: label.text },
        format_warnings: formatWarnings,
        sessions,
        redactions: { total, by_detector: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) }
      }
    }
  }
}

/**
 * Applies the config to a report object: markers, overrides, the per-field content policy, every
 * enabled detector and rule, and the preset. The result is what renderers may publish; the
 * records say what was changed, never what the changed text was. `key` is the redaction key
 * (null: none), which makes identifier tags comparable across reports.
 */
export function redactReport(
  report: Report,
  config: Config,
  key: string | null = redactionKey() ?? null,
  cache: RedactionCache | null = null
): { report: Report; records: RedactionRecord[]; included: string[]; tags: TagNumbering } {
  const r = reportRedactor(config, key, cache)
  const sessions = report.sessions.map((s) =>
    r.session(
      s,
      s.turns.map((t) => r.turn(s, t))
    )
  )
  const redacted = r.finish(report, sessions)
  return { report: redacted, records: r.takeRecords(), included: r.included, tags: r.tagNumbering() }
}

/** One field's text redacted: a JSON text (tool arguments, output) through its values, keeping its structure; any other as text. */
function redactFieldText(text: string, opts: EngineOptions, kind: FieldKind, json: boolean, findingsOf: FindingsOf): RedactTextResult {
  if (json && /^\s*[[{]/.test(text)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (parsed !== undefined) {
      const r = redactJson(parsed, opts, kind, findingsOf)
      return { text: r.findings.length ? JSON.stringify(r.value) : text, findings: r.findings }
    }
  }
  return redactText(text, opts, findingsOf)
}
