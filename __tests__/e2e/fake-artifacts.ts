import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { inflateRawSync } from 'node:zlib'
import { closeServer, listenLocal } from './local-server.js'

/**
 * A local stand-in for the artifact service @actions/artifact (v2+ protocol) talks to: the
 * Twirp JSON `ArtifactService` (CreateArtifact, FinalizeArtifact) at ACTIONS_RESULTS_URL and
 * the Azure blob upload of the zip behind the signed URL (Put Block + Put Block List, or one
 * Put Blob). Keeps every artifact's bytes; listens on 127.0.0.1 only.
 */

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/'
export const FAKE_ARTIFACT_ID = '4242'

export interface FakeArtifact {
  name: string
  runBackendId: string
  jobBackendId: string
  blocks: Map<string, Buffer>
  /** The committed blob (the zip), once uploaded. */
  data: Buffer | null
  finalized: boolean
  /** What FinalizeArtifact declared: size and sha256. */
  declaredSize: string | null
  declaredHash: string | null
}

export interface ArtifactRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  size: number
  status: number
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

function twirpJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** The headers Azure Blob Storage answers a write with; the SDK reads them but needs none. */
function azureCreated(res: ServerResponse, extra: Record<string, string> = {}): void {
  res.writeHead(201, {
    'x-ms-request-id': '00000000-0000-0000-0000-000000000001',
    'x-ms-version': '2025-05-05',
    'x-ms-request-server-encrypted': 'true',
    date: new Date().toUTCString(),
    'content-length': '0',
    ...extra
  })
  res.end()
}

/** Azure's SDK strips `=` padding in some places: compare block ids in one normal form. */
function blockKey(id: string): string {
  return id.replace(/=+$/, '')
}

export class FakeArtifacts {
  readonly requests: ArtifactRequest[] = []
  readonly artifacts: FakeArtifact[] = []
  /** The bearer token every Twirp call must carry (set it to the minted runtime token). */
  expectedToken: string | null = null
  private server: Server | undefined
  private base = ''

  get url(): string {
    if (!this.base) throw new Error('FakeArtifacts is not started')
    return this.base
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) twirpJson(res, 500, { code: 'internal', msg: String(e) })
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

  /** The finalized artifact of that name in that workflow run. */
  find(name: string, runBackendId: string): FakeArtifact | undefined {
    return this.artifacts.find((a) => a.name === name && a.runBackendId === runBackendId && a.finalized)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body = await readBody(req)
    const method = req.method ?? 'GET'
    const rec: ArtifactRequest = { method, path: u.pathname, query: u.searchParams, headers: req.headers, size: body.length, status: 0 }
    this.requests.push(rec)

    if (method === 'POST' && u.pathname.startsWith(TWIRP)) {
      const reply = (status: number, value: unknown) => {
        rec.status = status
        twirpJson(res, status, value)
      }
      if (this.expectedToken !== null && req.headers.authorization !== `Bearer ${this.expectedToken}`)
        return reply(401, { code: 'unauthenticated', msg: 'bad runtime token' })
      // The client sends proto field names (snake_case); proto3 JSON allows lowerCamelCase too.
      const msg = JSON.parse(body.toString('utf8')) as Record<string, unknown>
      const name = String(msg.name ?? '')
      const runId = String(msg.workflow_run_backend_id ?? msg.workflowRunBackendId ?? '')
      const jobId = String(msg.workflow_job_run_backend_id ?? msg.workflowJobRunBackendId ?? '')
      const method = u.pathname.slice(TWIRP.length)
      if (method === 'CreateArtifact') {
        if (!name || !runId || !jobId) return reply(400, { code: 'invalid_argument', msg: 'name and backend ids are required' })
        // Artifacts are immutable: a name is taken once per workflow run.
        if (this.artifacts.some((a) => a.name === name && a.runBackendId === runId))
          return reply(409, { code: 'already_exists', msg: `an artifact with this name already exists on the workflow run` })
        this.artifacts.push({
          name,
          runBackendId: runId,
          jobBackendId: jobId,
          blocks: new Map(),
          data: null,
          finalized: false,
          declaredSize: null,
          declaredHash: null
        })
        const index = this.artifacts.length - 1
        return reply(200, { ok: true, signed_upload_url: `${this.url}/upload/${index}/${encodeURIComponent(name)}.zip?sv=2025-05-05&sig=x%3D%3D` })
      }
      if (method === 'FinalizeArtifact') {
        const a = this.artifacts.find((x) => x.name === name && x.runBackendId === runId && !x.finalized)
        if (!a || !a.data) return reply(404, { code: 'not_found', msg: 'no uploaded artifact to finalize' })
        const hash = (msg.hash as { value?: string } | undefined)?.value ?? null
        a.declaredSize = typeof msg.size === 'string' || typeof msg.size === 'number' ? String(msg.size) : null
        a.declaredHash = hash
        if (a.declaredSize !== String(a.data.length))
          return reply(400, { code: 'invalid_argument', msg: `size ${a.declaredSize} does not match the ${a.data.length} bytes uploaded` })
        if (hash !== null && hash !== `sha256:${createHash('sha256').update(a.data).digest('hex')}`)
          return reply(400, { code: 'invalid_argument', msg: 'hash does not match the uploaded bytes' })
        a.finalized = true
        return reply(200, { ok: true, artifact_id: FAKE_ARTIFACT_ID })
      }
      return reply(404, { code: 'bad_route', msg: `no method ${method}` })
    }

    const m = u.pathname.match(/^\/upload\/(\d+)\/[^/]+$/)
    if (method === 'PUT' && m) {
      const a = this.artifacts[Number(m[1])]
      if (!a || a.finalized || !u.searchParams.get('sig')) {
        rec.status = 403
        res.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' }).end()
        return
      }
      const comp = u.searchParams.get('comp')
      rec.status = 201
      if (comp === 'block') {
        const id = u.searchParams.get('blockid')
        if (!id) {
          rec.status = 400
          res.writeHead(400, { 'x-ms-error-code': 'InvalidQueryParameterValue' }).end()
          return
        }
        a.blocks.set(blockKey(id), body)
        return azureCreated(res, { 'content-md5': createHash('md5').update(body).digest('base64') })
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\/(?:Latest|Committed|Uncommitted)>/g)].map((x) =>
          blockKey(x[1])
        )
        const parts = ids.map((id) => a.blocks.get(id))
        if (parts.some((p) => p === undefined)) {
          rec.status = 400
          res.writeHead(400, { 'x-ms-error-code': 'InvalidBlockList' }).end()
          return
        }
        a.data = Buffer.concat(parts as Buffer[])
        return azureCreated(res, { etag: '"0x8DC0000000000001"', 'last-modified': new Date().toUTCString() })
      }
      if (comp === null) {
        // Put Blob: the whole zip in one request.
        a.data = body
        return azureCreated(res, {
          etag: '"0x8DC0000000000001"',
          'last-modified': new Date().toUTCString(),
          'content-md5': createHash('md5').update(body).digest('base64')
        })
      }
    }
    rec.status = 404
    twirpJson(res, 404, { code: 'bad_route', msg: `no route ${method} ${u.pathname}` })
  }
}

/**
 * The entries of a zip file, read from its central directory (no unzip library is installed).
 * Handles stored and deflated entries, which is what the artifact client writes.
 */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const EOCD = 0x06054b50
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd === -1) throw new Error('not a zip file: no end of central directory')
  let count = zip.readUInt16LE(eocd + 10)
  let offset = zip.readUInt32LE(eocd + 16)
  if (count === 0xffff || offset === 0xffffffff) {
    // Zip64: the locator sits just before the end record.
    const loc = eocd - 20
    if (zip.readUInt32LE(loc) !== 0x07064b50) throw new Error('zip64 locator not found')
    const rec = Number(zip.readBigUInt64LE(loc + 8))
    count = Number(zip.readBigUInt64LE(rec + 32))
    offset = Number(zip.readBigUInt64LE(rec + 48))
  }
  const out = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry at ${offset}`)
    const method = zip.readUInt16LE(offset + 10)
    let compressed = zip.readUInt32LE(offset + 20)
    let size = zip.readUInt32LE(offset + 24)
    const nameLen = zip.readUInt16LE(offset + 28)
    const extraLen = zip.readUInt16LE(offset + 30)
    const commentLen = zip.readUInt16LE(offset + 32)
    let local = zip.readUInt32LE(offset + 42)
    const name = zip.subarray(offset + 46, offset + 46 + nameLen).toString('utf8')
    // Zip64 extended information, when a 32-bit field is saturated.
    let e = offset + 46 + nameLen
    const extraEnd = e + extraLen
    while (e + 4 <= extraEnd) {
      const id = zip.readUInt16LE(e)
      const len = zip.readUInt16LE(e + 2)
      if (id === 0x0001) {
        let q = e + 4
        if (size === 0xffffffff) {
          size = Number(zip.readBigUInt64LE(q))
          q += 8
        }
        if (compressed === 0xffffffff) {
          compressed = Number(zip.readBigUInt64LE(q))
          q += 8
        }
        if (local === 0xffffffff) local = Number(zip.readBigUInt64LE(q))
      }
      e += 4 + len
    }
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const raw = zip.subarray(start, start + compressed)
    let data: Buffer
    if (method === 0) data = Buffer.from(raw)
    else if (method === 8) data = inflateRawSync(raw)
    else throw new Error(`${name}: unsupported compression method ${method}`)
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, expected ${size}`)
    if (!name.endsWith('/')) out.set(name, data)
    offset += 46 + nameLen + extraLen + commentLen
  }
  return out
}
