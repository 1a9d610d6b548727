import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ZodError } from 'zod'
import { RawRequestSchema, type ReviewSource } from './data.js'
import { PAGE_CSP, reviewPage } from './page.js'
import { NewRuleSchema } from './rules-file.js'

export interface ReviewServerOptions {
  source: ReviewSource
  /** Writes a new rule into the rules file; the source is told to read the rules again after. */
  addRule: (rule: { value: string; id: string; description?: string }) => void
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
      const status = e instanceof HttpError ? e.status : e instanceof ZodError ? 400 : 500
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
        opts.addRule(rule)
        opts.source.rulesChanged()
        sendJson(res, 200, { added: rule.id })
        return
      }
      default:
        throw new HttpError(404, 'not found')
    }
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
