import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { closeServer, listenLocal } from './local-server.js'

/**
 * A local stand-in for the parts of the GitHub REST API the Action calls: issue comments (paged,
 * with `Link` headers), the token's identity, a pull request's files and releases with their
 * assets. Every request is recorded. Listens on 127.0.0.1 only.
 *
 * Uploads go to `<url>/uploads/…` (the shape of a GitHub Enterprise Server `upload_url`), never
 * to the API path: a client that ignores the release's `upload_url` gets a 404 here, as it would
 * on github.com.
 */

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  status: number
  /** When it arrived (ms since the epoch): how long a client waited before retrying. */
  at: number
}

/** An error the server answers instead of the real response, for the next `times` matching requests. */
export interface Fault {
  method: string
  path: RegExp
  status: number
  message: string
  headers?: Record<string, string>
  /** How many matching requests fail (Infinity: every one). */
  times: number
}

/** GitHub's words for a secondary rate limit: the message is how clients tell it from a refusal. */
export const SECONDARY_RATE_LIMIT = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
  html_url: string
  created_at: string
  updated_at: string
}

export interface FakeAsset {
  id: number
  name: string
  label: string | null
  content_type: string
  size: number
  data: Buffer
  browser_download_url: string
  url: string
}

export interface FakeRelease {
  id: number
  tag_name: string
  name: string
  body: string
  assets: FakeAsset[]
}

export const BOT = 'github-actions[bot]'
const STAMP = '2026-03-05T12:00:00Z'

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = value === undefined ? '' : JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-request-id': 'FAKE:0001',
    ...headers,
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (!body.length) return {}
  const v: unknown = JSON.parse(body.toString('utf8'))
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
}

export class FakeGitHub {
  readonly owner: string
  readonly repo: string
  readonly requests: RecordedRequest[] = []
  /** Issue comments by issue (pull request) number. */
  readonly comments = new Map<number, FakeComment[]>()
  /** Changed files by pull request number. */
  readonly pullFiles = new Map<number, string[]>()
  readonly releases = new Map<number, FakeRelease>()
  /**
   * A fork's read-only token: `writes` answers 403 to creating or editing a comment (reading
   * still works, as on github.com); `all` answers 403 to every comment endpoint.
   */
  forkMode: false | 'writes' | 'all' = false
  /** Errors to answer before any route runs (see `fail`). */
  readonly faults: Fault[] = []
  private server: Server | undefined
  private nextId = 1_000
  private base = ''

  constructor(repository = 'octo-org/demo') {
    const [owner, repo] = repository.split('/')
    this.owner = owner
    this.repo = repo
  }

  /** The API root (GITHUB_API_URL). */
  get url(): string {
    if (!this.base) throw new Error('FakeGitHub is not started')
    return this.base
  }

  get repository(): string {
    return `${this.owner}/${this.repo}`
  }

  /** A release's `upload_url`, URI template included, as GitHub hands it out. */
  uploadUrl(releaseId: number): string {
    return `${this.url}/uploads/repos/${this.repository}/releases/${releaseId}/assets{?name,label}`
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: String(e) })
        else res.destroy()
      })
    })
    this.base = await listenLocal(this.server)
  }

  async close(): Promise<void> {
    if (!this.server) return
    await closeServer(this.server)
    this.server = undefined
  }

  addComment(issue: number, login: string, body: string): FakeComment {
    const id = this.nextId++
    const c: FakeComment = {
      id,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `http://github.localhost/${this.repository}/pull/${issue}#issuecomment-${id}`,
      created_at: STAMP,
      updated_at: STAMP
    }
    const list = this.comments.get(issue) ?? []
    list.push(c)
    this.comments.set(issue, list)
    return c
  }

  addRelease(id: number, tag: string, body: string): FakeRelease {
    const r: FakeRelease = { id, tag_name: tag, name: tag, body, assets: [] }
    this.releases.set(id, r)
    return r
  }

  /** Answers the next `times` requests matching `method` and `path` with an error (server errors, rate limits). */
  fail(fault: Fault): void {
    this.faults.push({ ...fault })
  }

  /** Requests matching a method and a path pattern. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path))
  }

  private releaseJson(r: FakeRelease): Record<string, unknown> {
    return {
      id: r.id,
      tag_name: r.tag_name,
      name: r.name,
      body: r.body,
      draft: false,
      prerelease: false,
      html_url: `http://github.localhost/${this.repository}/releases/tag/${r.tag_name}`,
      url: `${this.url}/repos/${this.repository}/releases/${r.id}`,
      assets_url: `${this.url}/repos/${this.repository}/releases/${r.id}/assets`,
      upload_url: this.uploadUrl(r.id),
      assets: r.assets.map((a) => this.assetJson(a))
    }
  }

  private assetJson(a: FakeAsset): Record<string, unknown> {
    return {
      id: a.id,
      name: a.name,
      label: a.label,
      content_type: a.content_type,
      size: a.size,
      state: 'uploaded',
      url: a.url,
      browser_download_url: a.browser_download_url
    }
  }

  /** One page of a list, with GitHub's `Link` header (`rel="next"`, `rel="last"`, …). */
  private page<T>(res: ServerResponse, path: string, query: URLSearchParams, items: T[], toJson: (t: T) => unknown): void {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30))
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(query)
      q.set('per_page', String(perPage))
      q.set('page', String(p))
      return `<${this.url}${path}?${q.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    sendJson(res, 200, items.slice((page - 1) * perPage, page * perPage).map(toJson), links.length ? { link: links.join(', ') } : {})
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body = await readBody(req)
    const method = req.method ?? 'GET'
    const rec: RecordedRequest = { method, path: u.pathname, query: u.searchParams, headers: req.headers, body, status: 0, at: Date.now() }
    this.requests.push(rec)
    const reply = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      rec.status = status
      sendJson(res, status, value, headers)
    }
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(u.pathname))
    if (fault) {
      fault.times--
      return reply(fault.status, { message: fault.message, documentation_url: 'https://docs.github.com/rest', status: String(fault.status) }, fault.headers)
    }
    const repoPrefix = `/repos/${this.repository}`
    const p = u.pathname
    let m: RegExpMatchArray | null

    if (method === 'GET' && p === '/user') {
      // An installation token (GITHUB_TOKEN) cannot read /user.
      return reply(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403'
      })
    }

    if ((m = p.match(/^\/uploads\/repos\/([^/]+)\/([^/]+)\/releases\/(\d+)\/assets$/)) && method === 'POST') {
      const release = `${m[1]}/${m[2]}` === this.repository ? this.releases.get(Number(m[3])) : undefined
      if (!release) return reply(404, { message: 'Not Found' })
      const name = u.searchParams.get('name')
      if (!name) return reply(422, { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'missing', field: 'name' }] })
      if (release.assets.some((a) => a.name === name))
        return reply(422, { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }] })
      const id = this.nextId++
      const asset: FakeAsset = {
        id,
        name,
        label: u.searchParams.get('label'),
        content_type: String(req.headers['content-type'] ?? 'application/octet-stream'),
        size: body.length,
        data: body,
        url: `${this.url}${repoPrefix}/releases/assets/${id}`,
        browser_download_url: `http://github.localhost/${this.repository}/releases/download/${release.tag_name}/${encodeURIComponent(name)}`
      }
      release.assets.push(asset)
      return reply(201, this.assetJson(asset))
    }

    if (!p.startsWith(repoPrefix + '/')) return reply(404, { message: 'Not Found' })
    const rest = p.slice(repoPrefix.length)

    if ((m = rest.match(/^\/issues\/(\d+)\/comments$/))) {
      const issue = Number(m[1])
      if (method === 'GET') {
        if (this.forkMode === 'all') return reply(403, { message: 'Resource not accessible by integration', status: '403' })
        rec.status = 200
        return this.page(res, p, u.searchParams, this.comments.get(issue) ?? [], (c) => c)
      }
      if (method === 'POST') {
        if (this.forkMode) return reply(403, { message: 'Resource not accessible by integration', status: '403' })
        const text = parseJson(body).body
        if (typeof text !== 'string') return reply(422, { message: 'Validation Failed' })
        if (text.length > 65_536)
          return reply(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]
          })
        return reply(201, this.addComment(issue, BOT, text))
      }
    }

    if ((m = rest.match(/^\/issues\/comments\/(\d+)$/)) && method === 'PATCH') {
      if (this.forkMode) return reply(403, { message: 'Resource not accessible by integration', status: '403' })
      const id = Number(m[1])
      const c = [...this.comments.values()].flat().find((x) => x.id === id)
      if (!c) return reply(404, { message: 'Not Found' })
      // The token may only edit its own comments.
      if (c.user.login !== BOT) return reply(403, { message: 'Resource not accessible by integration', status: '403' })
      const text = parseJson(body).body
      if (typeof text !== 'string') return reply(422, { message: 'Validation Failed' })
      c.body = text
      c.updated_at = '2026-03-05T12:30:00Z'
      return reply(200, c)
    }

    if ((m = rest.match(/^\/pulls\/(\d+)\/files$/)) && method === 'GET') {
      const files = this.pullFiles.get(Number(m[1]))
      if (!files) return reply(404, { message: 'Not Found' })
      rec.status = 200
      return this.page(res, p, u.searchParams, files, (filename) => ({
        sha: '0'.repeat(40),
        filename,
        status: 'modified',
        additions: 1,
        deletions: 0,
        changes: 1
      }))
    }

    if ((m = rest.match(/^\/releases\/(\d+)$/))) {
      const r = this.releases.get(Number(m[1]))
      if (!r) return reply(404, { message: 'Not Found' })
      if (method === 'GET') return reply(200, this.releaseJson(r))
      if (method === 'PATCH') {
        const text = parseJson(body).body
        if (typeof text === 'string') {
          if (text.length > 125_000)
            return reply(422, {
              message: 'Validation Failed',
              errors: [{ resource: 'Release', code: 'custom', field: 'body', message: 'body is too long (maximum is 125000 characters)' }]
            })
          r.body = text
        }
        return reply(200, this.releaseJson(r))
      }
    }

    if ((m = rest.match(/^\/releases\/(\d+)\/assets$/)) && method === 'GET') {
      const r = this.releases.get(Number(m[1]))
      if (!r) return reply(404, { message: 'Not Found' })
      rec.status = 200
      return this.page(res, p, u.searchParams, r.assets, (a) => this.assetJson(a))
    }

    if ((m = rest.match(/^\/releases\/assets\/(\d+)$/)) && method === 'DELETE') {
      const id = Number(m[1])
      for (const r of this.releases.values()) {
        const i = r.assets.findIndex((a) => a.id === id)
        if (i !== -1) {
          r.assets.splice(i, 1)
          rec.status = 204
          res.writeHead(204).end()
          return
        }
      }
      return reply(404, { message: 'Not Found' })
    }

    return reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  }
}
