import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z, ZodError } from 'zod'
import { RawRequestSchema, type ReviewSource } from './data.js'
import { PAGE_CSP, reviewPage } from './page.js'
import {
  addRule,
  addAllow,
  addOccurrence,
  addPrivate,
  AllowSchema,
  listEntries,
  OccurrenceSchema,
  PrivateSchema,
  removeEntry,
  type Edited,
  type ListedEntry,
  type RulesEditNote
} from './entries.js'
import { NewRuleSchema } from './rules-file.js'
import { rulesEntryFor, isRulesFileChange, undoRulesFileEdit } from './history-rules.js'
import { addPageNote, changeDisposition, changeTag, DispositionRequestSchema, NoteRequestSchema, sessionMarks, TagRequestSchema } from './marks.js'
import { appendHistory, historyEntry, listHistory, type HistoryEntry } from '../store/review-history.js'
import { ReviewTargetError } from '../store/review-target.js'
import { undoHistory } from '../store/review-undo.js'

/** The rules file the page edits: read whole, written whole. */
export interface RulesFileAccess {
  path: string
  read(): string
  write(text: string): void
}

/** What the export button shows: the files a dry-run would publish, written into `dir`. */
export interface ExportResult {
  dir: string
  files: { name: string; bytes: number }[]
  comment: string
  redactions: number
}

const RawFieldSchema = z.strictObject({
  session: z.string().min(1),
  event: z.number().int().nonnegative(),
  field: z.enum(['prompt', 'text', 'arguments', 'output'])
})
const OccurrenceRequestSchema = RawFieldSchema.extend({ value: z.string(), reason: z.string().optional() })
const AllowRequestSchema = AllowSchema.extend({ session: z.string().optional(), event: z.number().int().optional(), field: z.string().optional() })
const RemoveSchema = z.strictObject({ ref: z.string().min(1), expected: z.unknown().optional() })
const UndoSchema = z.strictObject({ id: z.number().int().positive(), reason: z.string().trim().max(500).optional() })

/** A history entry as the page lists it: with whether its Undo can be offered. */
export interface PageHistoryEntry extends HistoryEntry {
  undoable: boolean
}

export interface ReviewServerOptions {
  source: ReviewSource
  rules: RulesFileAccess
  /** Written as `actor` with every entry the page adds, and with every change it records in the review history. */
  actor: string
  /** Told of every edit of the rules file, after it is written and recorded in the review history. */
  onEdit?: (note: RulesEditNote) => void
  /** Runs what `dry-run` runs into a temporary folder; the export button is refused without it. */
  exportReport?: () => Promise<ExportResult>
  /** The date written with each entry; today (UTC) by default. */
  today?: () => string
  /** 0 (default): a free port the system picks. */
  port?: number
  /** Stop after this many minutes without a request; none when absent. */
  idleMinutes?: number
  /** Fixed only in tests; a fresh random one otherwise. */
  token?: string
}

export interface ReviewServer {
  /** The page's address with its token: the only way in. */
  url: string
  port: number
  token: string
  close(): Promise<void>
  /** Settles when the server has stopped, by `close` or by the idle timer. */
  closed: Promise<void>
}

/** Only this machine, and only this address: a request naming another host may be DNS rebinding. */
const HOST = '127.0.0.1'
const MAX_BODY = 64 * 1024

/** Headers on every answer, refusals included: nothing is cached, framed, sniffed or referred. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin'
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function sameSecret(given: string | null, token: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send application/json')
  let size = 0
  const parts: Buffer[] = []
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new HttpError(413, 'request too large')
    parts.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'))
  } catch {
    throw new HttpError(400, 'not JSON')
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra })
  res.end(body)
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))

/**
 * The review page's server: node:http on 127.0.0.1 only. Every request must carry the random
 * token (in the `token` query parameter or the `X-Review-Token` header) and name this address
 * as its `Host`; anything else gets 403 and nothing more. Writes also need the page's own
 * `Origin` (or none) and a JSON body, so no other page can post to it even knowing the port.
 */
export async function startReviewServer(opts: ReviewServerOptions): Promise<ReviewServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  let port = 0
  let idleTimer: NodeJS.Timeout | undefined
  let stop = () => {}
  const closed = new Promise<void>((resolve) => (stop = resolve))

  const server = createServer((req, res) => {
    touch()
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof ZodError || e instanceof ReviewTargetError ? 400 : 500
      const message = e instanceof ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message
      if (!res.headersSent) sendJson(res, status, { error: message })
      else res.destroy()
    })
  })

  const origin = () => `http://${HOST}:${port}`
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`])

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin())
    const given = url.searchParams.get('token') ?? (req.headers['x-review-token'] as string | undefined) ?? null
    if (!allowedHosts().has(req.headers.host ?? '') || !sameSecret(given, token)) {
      send(res, 403, 'text/plain; charset=utf-8', 'forbidden\n')
      return
    }
    const method = req.method ?? 'GET'
    if (method === 'POST') {
      const from = req.headers.origin
      if (from !== undefined && from !== origin() && from !== `http://localhost:${port}`) {
        send(res, 403, 'text/plain; charset=utf-8', 'forbidden\n')
        return
      }
    }
    const route = `${method} ${url.pathname}`
    switch (route) {
      case 'GET /':
        send(res, 200, 'text/html; charset=utf-8', reviewPage(), { 'Content-Security-Policy': PAGE_CSP })
        return
      case 'GET /api/sessions':
        sendJson(res, 200, opts.source.sessions())
        return
      case 'GET /api/session': {
        const s = opts.source.session(url.searchParams.get('id') ?? '')
        if (!s) throw new HttpError(404, 'no such session')
        sendJson(res, 200, s)
        return
      }
      case 'POST /api/raw': {
        const r = RawRequestSchema.parse(await readJson(req))
        const text = opts.source.raw(r)
        if (text === undefined) throw new HttpError(404, 'no such field')
        sendJson(res, 200, { text })
        return
      }
      case 'POST /api/rules': {
        const rule = NewRuleSchema.parse(await readJson(req))
        const { note } = edit((text) => addRule(text, rule, opts.rules.path))
        sendJson(res, 200, { added: rule.id, note })
        return
      }
      case 'POST /api/occurrence': {
        const r = OccurrenceRequestSchema.parse(await readJson(req))
        const raw = opts.source.raw(r)
        if (raw === undefined || raw === null) throw new HttpError(404, 'no such field')
        const prompt = r.field === 'prompt' ? opts.source.promptNumber(r.session, r.event) : undefined
        if (r.field === 'prompt' && prompt === undefined) throw new HttpError(404, 'no such prompt')
        // The page knows an event by its id in this database; the rules file names it by its place, which a rebuild keeps.
        const place = r.field === 'prompt' ? undefined : opts.source.actionPlace(r.session, r.event)
        const o = OccurrenceSchema.parse({
          session: r.session,
          field: r.field,
          value: r.value,
          reason: r.reason,
          ...(prompt ? { prompt } : place ? { prompt: place.prompt, action: place.action } : { event: r.event })
        })
        sendJson(res, 200, { note: edit((text) => addOccurrence(text, o, raw, audit(), opts.rules.path), r.reason).note })
        return
      }
      case 'POST /api/allow': {
        const { detector, value, reason } = AllowRequestSchema.parse(await readJson(req))
        sendJson(res, 200, { note: edit((text) => addAllow(text, { detector, value, reason }, audit(), opts.rules.path), reason).note })
        return
      }
      case 'POST /api/private': {
        const p = PrivateSchema.parse(await readJson(req))
        if (!opts.source.sessions().sessions.some((x) => x.id === p.session)) throw new HttpError(404, 'no such session')
        sendJson(res, 200, { note: edit((text) => addPrivate(text, p, audit(), opts.rules.path), p.reason).note })
        return
      }
      case 'GET /api/entries':
        sendJson(res, 200, { file: opts.rules.path, entries: listEntries(opts.rules.read()) })
        return
      case 'POST /api/entries/remove': {
        const r = RemoveSchema.parse(await readJson(req))
        sendJson(res, 200, { note: edit((text) => removeEntry(text, r.ref, r.expected, opts.rules.path)).note })
        return
      }
      case 'GET /api/marks': {
        const id = url.searchParams.get('session') ?? ''
        if (!opts.source.sessions().sessions.some((x) => x.id === id)) throw new HttpError(404, 'no such session')
        sendJson(res, 200, sessionMarks(db, id))
        return
      }
      case 'POST /api/tag': {
        const r = TagRequestSchema.parse(await readJson(req))
        listed(r.session)
        sendJson(res, 200, { changed: marked(changeTag(db, r, opts.actor)) })
        return
      }
      case 'POST /api/disposition': {
        const r = DispositionRequestSchema.parse(await readJson(req))
        listed(r.session)
        sendJson(res, 200, { changed: marked(changeDisposition(db, r, opts.actor)) })
        return
      }
      case 'POST /api/note': {
        const r = NoteRequestSchema.parse(await readJson(req))
        listed(r.session)
        const note = addPageNote(db, r, opts.actor)
        marked(true)
        sendJson(res, 200, { note })
        return
      }
      case 'GET /api/history': {
        // A rules file that does not parse lists no entry: its changes cannot be undone from here until it is fixed.
        let inFile: ListedEntry[] = []
        try {
          inFile = listEntries(opts.rules.read())
        } catch {
          inFile = []
        }
        const entries: PageHistoryEntry[] = listHistory(db).map((e) => ({
          ...e,
          undoable: isRulesFileChange(e) ? rulesEntryFor(inFile, e) !== undefined : true
        }))
        sendJson(res, 200, { entries })
        return
      }
      case 'POST /api/history/undo': {
        const { id, reason } = UndoSchema.parse(await readJson(req))
        const e = historyEntry(db, id)
        if (!e) throw new HttpError(404, `no history entry ${id}`)
        if (!isRulesFileChange(e)) {
          const entries = undoHistory(db, id, { actor: opts.actor, reason: reason || undefined })
          marked(true)
          sendJson(res, 200, { entries })
          return
        }
        const { entry } = edit(
          (text) => {
            const undone = undoRulesFileEdit(text, e, opts.rules.path)
            if ('edited' in undone) return undone.edited
            throw new HttpError(
              409,
              undone.refused === 'gone'
                ? `history entry ${id}: the rules file no longer holds that entry`
                : `history entry ${id} removed a rules-file entry: add it again on the page`
            )
          },
          reason || `undo of #${id}`
        )
        sendJson(res, 200, { entries: [entry] })
        return
      }
      case 'GET /api/redacted':
        sendJson(res, 200, { sessions: opts.source.redactedSessions() })
        return
      case 'POST /api/export': {
        if (!opts.exportReport) throw new HttpError(404, 'export is not available here')
        sendJson(res, 200, await opts.exportReport())
        return
      }
      default:
        throw new HttpError(404, 'not found')
    }
  }

  const audit = () => ({ actor: opts.actor, date: opts.today?.() ?? new Date().toISOString().slice(0, 10) })
  const db = opts.source.db

  /** A change names a session the page lists, or none at all. */
  function listed(session: string): void {
    if (!opts.source.sessions().sessions.some((x) => x.id === session)) throw new HttpError(404, 'no such session')
  }

  /** The list carries tags and dispositions: it is read again after a change of them. */
  function marked<T>(changed: T): T {
    opts.source.reviewChanged()
    return changed
  }

  /**
   * Reads the rules file, applies one edit, writes it, records it in the review history (beside
   * tags and notes: who, when, what, why), and has the page's data follow the new rules.
   */
  function edit(change: (text: string) => Edited, reason?: string): { note: RulesEditNote; entry: HistoryEntry } {
    let edited: Edited
    try {
      edited = change(opts.rules.read())
    } catch (e) {
      // The edit cannot be made as asked (not in the field, changed since listed, a file that does not parse): nothing is written.
      if (e instanceof ZodError || e instanceof HttpError) throw e
      throw new HttpError(400, (e as Error).message)
    }
    const { text, note } = edited
    opts.rules.write(text)
    const entry = appendHistory(db, { ...note, actor: opts.actor, reason: reason?.trim() || undefined })
    opts.source.rulesChanged()
    opts.onEdit?.(note)
    return { note, entry }
  }

  function touch(): void {
    if (!opts.idleMinutes) return
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void close(), opts.idleMinutes * 60_000)
    idleTimer.unref()
  }

  let closing: Promise<void> | undefined
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      if (idleTimer) clearTimeout(idleTimer)
      server.close(() => resolve())
      server.closeAllConnections()
    }).then(stop)
    return closing
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: HOST, port: opts.port ?? 0, exclusive: true }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  touch()
  return { url: `${origin()}/?token=${token}`, port, token, close, closed }
}
