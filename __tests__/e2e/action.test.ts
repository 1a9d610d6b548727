import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomInt } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'
import { FAKE_ARTIFACT_ID, FakeArtifacts, readZip } from './fake-artifacts.js'
import { BOT, FakeGitHub, SECONDARY_RATE_LIMIT } from './fake-github.js'
import { installAction, killRunning, runAction, runNode, runtimeToken, type EventSpec, type RunActionOptions, type RunActionResult } from './run-action.js'

/**
 * The committed bundle, run as GitHub runs it (a child process on dist/index.js copied alone
 * beside action.yml, only the runner's environment), against local fakes of the REST API and
 * the artifact service. Skipped when dist/ has not been built.
 */

const MARKER = '<!-- ai-log-trail:pr-comment v1 -->'
const RELEASE_START = '<!-- ai-log-trail:release-notes:start -->'
const RELEASE_END = '<!-- ai-log-trail:release-notes:end -->'
const NOW = '2026-03-05T12:00:00Z'
const LATER = '2026-03-06T09:30:00Z'
const RUN_TIMEOUT = 90_000
const haveBundle = existsSync(join(repoRoot, 'dist', 'index.js'))
const suite = haveBundle ? describe : describe.skip

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** A GitHub token shape, made at run time so no scanner (nor the report) ever sees a fixed value. */
const SECRET = 'ghp_' + Array.from({ length: 36 }, () => ALNUM[randomInt(ALNUM.length)]).join('')
const SECRET_BYTES = Buffer.from(SECRET, 'utf8')

const PR = 7
const FORK_PR = 8
const PARITY_PR = 9
const RELEASE_ID = 31337
const HUMAN_NOTES = '## What changed\n\n- Streaming parser.\n'
const OTHERS_MARKED = `Quoting the bot:\n\n${MARKER}\n> AI assistance in this pull request`
/** Pull requests whose API calls fail (one each, so the faults never meet). */
const FILES_500_PR = 11
const FILES_FLAKY_PR = 12
const COMMENTS_500_PR = 13
const COMMENTS_429_PR = 14
const SECONDARY_403_PR = 15
const SECONDARY_403_STUCK_PR = 16
const BOT_QUOTE_PR = 17
const MARKER_RELEASE_ID = 31338
/** Another workflow's comment, written by the same bot, that quotes the marker below its own text. */
const BOT_QUOTING = `Deploy preview ready.\n\nThe AI log trail said:\n\n${MARKER}\n> AI assistance in this pull request`
/** A prompt that quotes every hidden marker this tool uses. */
const QUOTING_PROMPT = `Why does the release body stop at ${RELEASE_END} and restart at ${RELEASE_START} or ${MARKER}?`
/** 5xx backoff in milliseconds instead of seconds: the retries are real, the waits short. */
const FAST_RETRY = { AI_LOG_TRAIL_RETRY_BASE_MS: '5' }
const SERVER_ERROR = { status: 500, message: 'Server Error' }

let root = ''
let actionDir = ''
let logs = ''
/** A copy of one Codex session whose prompt quotes the markers. */
let quotingLogs = ''
let runCount = 0
const gh = new FakeGitHub('octo-org/demo')
const artifacts = new FakeArtifacts()

function repository() {
  return {
    id: 424242,
    node_id: 'R_fake',
    name: gh.repo,
    full_name: gh.repository,
    private: false,
    owner: { login: gh.owner, id: 1, type: 'Organization' },
    html_url: `http://github.localhost/${gh.repository}`,
    url: `${gh.url}/repos/${gh.repository}`,
    default_branch: 'main'
  }
}

function pullRequestEvent(number: number): EventSpec {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        id: 9_000 + number,
        number,
        state: 'open',
        title: 'Stream the parser',
        user: { login: 'octocat', id: 2, type: 'User' },
        html_url: `http://github.localhost/${gh.repository}/pull/${number}`,
        url: `${gh.url}/repos/${gh.repository}/pulls/${number}`,
        head: { ref: 'feature/stream-parser', sha: '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', repo: { full_name: gh.repository } },
        base: { ref: 'main', sha: '0'.repeat(40), repo: { full_name: gh.repository } }
      },
      repository: repository(),
      sender: { login: 'octocat', id: 2, type: 'User' }
    }
  }
}

function releaseEvent(): EventSpec {
  return {
    name: 'release',
    payload: {
      action: 'published',
      release: {
        id: RELEASE_ID,
        tag_name: 'v1.2.3',
        name: 'v1.2.3',
        body: HUMAN_NOTES,
        draft: false,
        prerelease: false,
        html_url: `http://github.localhost/${gh.repository}/releases/tag/v1.2.3`,
        url: `${gh.url}/repos/${gh.repository}/releases/${RELEASE_ID}`,
        assets_url: `${gh.url}/repos/${gh.repository}/releases/${RELEASE_ID}/assets`,
        upload_url: gh.uploadUrl(RELEASE_ID),
        assets: []
      },
      repository: repository(),
      sender: { login: 'octocat', id: 2, type: 'User' }
    }
  }
}

type RunOpts = Omit<RunActionOptions, 'actionDir' | 'dir' | 'repository' | 'apiUrl' | 'event'> & { artifactService?: boolean }

/** One step run in a fresh folder (fresh workspace, RUNNER_TEMP and database), as a new job would. */
async function run(event: EventSpec, opts: RunOpts = {}): Promise<RunActionResult> {
  const dir = join(root, `run-${++runCount}`)
  mkdirSync(dir, { recursive: true })
  const { artifactService = true, ...rest } = opts
  const runtime = runtimeToken()
  artifacts.expectedToken = runtime.token
  const r = await runAction({
    actionDir,
    dir,
    repository: gh.repository,
    apiUrl: gh.url,
    event,
    artifacts: artifactService ? { url: artifacts.url, runtime } : undefined,
    timeoutMs: RUN_TIMEOUT,
    ...rest,
    inputs: { paths: logs, ...(rest.inputs ?? {}) }
  })
  if (r.timedOut) throw new Error(`the action timed out after ${r.ms} ms\n${r.stdout}\n${r.stderr}`)
  return r
}

/** A step's outcome in one comparable value; on a failure the diff shows the step's log. */
function outcome(r: RunActionResult) {
  return { code: r.code, errors: r.errors, stderr: r.stderr, ...(r.code === 0 ? {} : { log: r.stdout.slice(-4000) }) }
}
const SUCCEEDED = { code: 0, errors: [], stderr: '' }

/**
 * The pull request runs the comment, output and artifact tests look at: a first run, a second
 * with a later report time (the comment's footer changes: an edit), a third like the second
 * (the same body: no write at all).
 */
let prRuns: Promise<RunActionResult[]> | undefined
function pullRequestRuns(): Promise<RunActionResult[]> {
  prRuns ??= (async () => {
    const first = await run(pullRequestEvent(PR), { inputs: { now: NOW } })
    const second = await run(pullRequestEvent(PR), { inputs: { now: LATER } })
    const third = await run(pullRequestEvent(PR), { inputs: { now: LATER } })
    return [first, second, third]
  })()
  return prRuns
}

function marked(issue: number) {
  return (gh.comments.get(issue) ?? []).filter((c) => c.body.includes(MARKER))
}

suite('the Action bundle against fake GitHub servers', () => {
  beforeAll(async () => {
    root = tmpDir('alt-e2e-')
    actionDir = installAction(repoRoot, root)
    // Copies of the Codex fixtures, one of them with a planted GitHub token in a prompt and a tool output.
    logs = join(root, 'logs', 'codex')
    cpSync(join(fixtures, 'codex'), logs, { recursive: true })
    const target = readdirSync(logs).find((f) => f.includes('00000000c0de'))
    if (!target) throw new Error('fixture rollout ...c0de not found')
    const file = join(logs, target)
    const text = readFileSync(file, 'utf8')
    const planted = text
      .replaceAll('Refactor the parser so it streams input', `Refactor the parser so it streams input; the CI token is ${SECRET}`)
      .replace('export function parse() {}\\n', `export function parse() {}\\nGITHUB_TOKEN=${SECRET}\\n`)
    expect(planted).not.toBe(text)
    writeFileSync(file, planted)
    expect(readFileSync(file).includes(SECRET_BYTES)).toBe(true)

    quotingLogs = join(root, 'logs', 'quoting')
    mkdirSync(quotingLogs, { recursive: true })
    const quoted = text.replaceAll('Refactor the parser so it streams input', QUOTING_PROMPT)
    expect(quoted).not.toBe(text)
    writeFileSync(join(quotingLogs, target), quoted)

    await Promise.all([gh.start(), artifacts.start()])
    // 150 unrelated comments and one by someone else quoting our marker: the action must page, and must not edit theirs.
    for (let i = 0; i < 75; i++) gh.addComment(PR, i % 3 ? 'reviewer' : 'ci-bot[bot]', `Looks good, part ${i}`)
    gh.addComment(PR, 'mallory', OTHERS_MARKED)
    for (let i = 75; i < 150; i++) gh.addComment(PR, 'reviewer', `Another remark ${i}`)
    for (const n of [
      PR,
      FORK_PR,
      PARITY_PR,
      FILES_500_PR,
      FILES_FLAKY_PR,
      COMMENTS_500_PR,
      COMMENTS_429_PR,
      SECONDARY_403_PR,
      SECONDARY_403_STUCK_PR,
      BOT_QUOTE_PR
    ])
      gh.pullFiles.set(n, ['src/parser.ts', 'README.md'])
    gh.addRelease(RELEASE_ID, 'v1.2.3', HUMAN_NOTES)
  }, 60_000)

  afterAll(async () => {
    killRunning()
    await Promise.all([gh.close(), artifacts.close()])
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it(
    'creates one sticky comment on a pull request and updates it on the next run',
    async () => {
      const [first, second, third] = await pullRequestRuns()
      for (const r of [first, second, third]) expect(outcome(r)).toEqual(SUCCEEDED)

      // It paged through every comment to look for its own (150 unrelated ones before it).
      const listPages = gh.calls('GET', new RegExp(`/issues/${PR}/comments$`)).map((r) => r.query.get('page') ?? '1')
      expect(listPages).toContain('2')
      // GITHUB_TOKEN cannot read /user: the action falls back to github-actions[bot] as its identity.
      expect(gh.calls('GET', /^\/user$/).map((r) => r.status)).toContain(403)
      // One POST in all: the second run found the comment and edited it, the third left it alone.
      expect(gh.calls('POST', new RegExp(`/issues/${PR}/comments$`))).toHaveLength(1)
      const ours = marked(PR).filter((c) => c.user.login === BOT)
      expect(ours).toHaveLength(1)
      expect(gh.calls('PATCH', /\/issues\/comments\/\d+$/).map((r) => r.path)).toEqual([`/repos/${gh.repository}/issues/comments/${ours[0].id}`])
      expect(first.stdout).toMatch(/^comment created: /m)
      expect(second.stdout).toMatch(/^comment updated: /m)
      expect(third.stdout).toMatch(/^comment unchanged: /m)

      // The other user's marked comment is untouched.
      const theirs = marked(PR).filter((c) => c.user.login === 'mallory')
      expect(theirs).toHaveLength(1)
      expect(theirs[0].body).toBe(OTHERS_MARKED)
      expect(theirs[0].updated_at).toBe(theirs[0].created_at)

      const body = ours[0].body
      expect(body.startsWith(MARKER)).toBe(true)
      expect(body).toContain('agents edited **1 of the 2 changed files**')
      expect(body).toContain('`src/parser.ts`')
      expect(body).toContain(`[Full report and sanitized data](http://github.localhost/${gh.repository}/actions/runs/7001/artifacts/${FAKE_ARTIFACT_ID})`)
      expect(body.length).toBeLessThanOrEqual(65_536)
      for (const r of [first, second, third]) expect(r.outputs['comment-url']).toBe(ours[0].html_url)
    },
    RUN_TIMEOUT * 3
  )

  it.each([
    ['writes', FORK_PR],
    ['all', FORK_PR + 100]
  ] as const)(
    'on a fork (read-only token: 403 on comment %s) warns, succeeds and leaves the report in the job summary',
    async (mode, pr) => {
      gh.pullFiles.set(pr, ['src/parser.ts', 'README.md'])
      gh.forkMode = mode
      let r: RunActionResult
      try {
        r = await run(pullRequestEvent(pr))
      } finally {
        gh.forkMode = false
      }
      expect(outcome(r)).toEqual(SUCCEEDED)
      expect(r.stdout).not.toMatch(/^::error/m)
      expect(r.warnings.some((w) => /read-only token/.test(w))).toBe(true)
      // It was refused, and nothing was written.
      expect(gh.calls(mode === 'all' ? 'GET' : 'POST', new RegExp(`/issues/${pr}/comments$`)).map((c) => c.status)).toEqual([403])
      expect(gh.comments.get(pr) ?? []).toEqual([])
      expect(r.outputs['comment-url']).toBe('')
      expect(r.summary).toContain('read-only token')
      expect(r.summary).toContain('AI assistance report')
      expect(Number(r.outputs.sessions)).toBeGreaterThanOrEqual(5)
      expect(r.summary).toContain(`**${r.outputs.sessions} sessions**`)
      expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024)
    },
    RUN_TIMEOUT
  )

  it(
    'writes every output to GITHUB_OUTPUT and a job summary under 1 MiB',
    async () => {
      const [first] = await pullRequestRuns()
      const o = first.outputs
      expect(Object.keys(o).sort()).toEqual([
        'artifact-id',
        'artifact-url',
        'comment-url',
        'cost-usd',
        'prompts',
        'redactions',
        'report-dir',
        'sessions',
        'tool-calls',
        'total-tokens'
      ])
      // The numbers are the report's (fixtures/codex may grow: no fixed counts beyond its first five sessions).
      const report = JSON.parse(readFileSync(join(o['report-dir'], 'report.json'), 'utf8')) as {
        totals: { sessions: number; prompts: number; tool_calls: number; tokens: { total: number }; cost_usd: number | null }
        redactions: { total: number }
      }
      expect(Number(o.sessions)).toBeGreaterThanOrEqual(5)
      expect(Number(o.prompts)).toBeGreaterThanOrEqual(5)
      expect(Number(o['total-tokens'])).toBeGreaterThanOrEqual(211757)
      expect(o.sessions).toBe(String(report.totals.sessions))
      expect(o.prompts).toBe(String(report.totals.prompts))
      expect(o['tool-calls']).toBe(String(report.totals.tool_calls))
      expect(o['total-tokens']).toBe(String(report.totals.tokens.total))
      expect(o['cost-usd']).toBe(report.totals.cost_usd === null ? '' : String(report.totals.cost_usd))
      expect(o['cost-usd']).toMatch(/^(\d+(\.\d+)?)?$/)
      // Counts what every published surface redacted: the comment always shows prompts, so it can be more than report.json's.
      expect(Number(o.redactions)).toBeGreaterThanOrEqual(report.redactions.total)
      // User names in the fixtures' home paths at least.
      expect(Number(o.redactions)).toBeGreaterThan(0)
      expect(o['report-dir']).toBe(join(first.runnerTemp, 'ai-log-trail-report'))
      expect(readdirSync(o['report-dir']).sort()).toEqual(['ai-log-trail.sqlite', 'comment.md', 'report.html', 'report.json', 'report.md', 'summary.md'])
      expect(o['comment-url']).toMatch(new RegExp(`^http://github\\.localhost/${gh.repository}/pull/${PR}#issuecomment-\\d+$`))
      expect(o['artifact-id']).toBe(FAKE_ARTIFACT_ID)
      expect(o['artifact-url']).toBe(`http://github.localhost/${gh.repository}/actions/runs/7001/artifacts/${FAKE_ARTIFACT_ID}`)
      expect(first.summary.length).toBeGreaterThan(0)
      expect(Buffer.byteLength(first.summary)).toBeLessThan(1024 * 1024)
      expect(first.summary).toBe(readFileSync(join(o['report-dir'], 'summary.md'), 'utf8'))
    },
    RUN_TIMEOUT * 3
  )

  it(
    'uploads an artifact of sanitized files only, and the planted secret is nowhere GitHub receives',
    async () => {
      const runs = await pullRequestRuns()
      const uploaded = artifacts.artifacts.filter((a) => a.finalized && a.name === 'ai-log-trail-report')
      expect(uploaded.length).toBeGreaterThanOrEqual(runs.length)
      // Through the block API: at least one Put Block and one Put Block List (or one Put Blob).
      expect(artifacts.requests.some((r) => r.method === 'PUT' && (r.query.get('comp') === 'blocklist' || r.query.get('comp') === null))).toBe(true)
      for (const a of uploaded) {
        const entries = readZip(a.data as Buffer)
        expect([...entries.keys()].sort()).toEqual(['ai-log-trail.sqlite', 'comment.md', 'report.html', 'report.json', 'report.md', 'summary.md'])
        for (const [name, bytes] of entries) {
          expect({ name, leaks: bytes.includes(SECRET_BYTES) }).toEqual({ name, leaks: false })
          expect({ name, leaks: bytes.includes(Buffer.from(SECRET, 'utf16le')) }).toEqual({ name, leaks: false })
          expect(bytes.length).toBeGreaterThan(0)
        }
        expect(entries.get('ai-log-trail.sqlite')?.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')
        // The redaction did happen: the text around the secret is there, a placeholder instead of it.
        const comment = entries.get('comment.md')?.toString('utf8') ?? ''
        expect(comment).toContain('Refactor the parser so it streams input; the CI token is \\[REDACTED:github-token]')
        expect(comment).toContain('GITHUB_TOKEN=[REDACTED:github-token]')
      }
      for (const r of gh.requests) expect({ path: r.path, leaks: r.body.includes(SECRET_BYTES) }).toEqual({ path: r.path, leaks: false })
      for (const c of [...gh.comments.values()].flat()) expect(c.body).not.toContain(SECRET)
      for (const r of runs) {
        expect(r.summary).not.toContain(SECRET)
        expect(r.stdout).not.toContain(SECRET)
        expect(r.stderr).not.toContain(SECRET)
        expect(Object.values(r.outputs).join('\n')).not.toContain(SECRET)
      }
      expect(marked(PR).find((c) => c.user.login === BOT)?.body).toContain('Refactor the parser so it streams input')
    },
    RUN_TIMEOUT * 3
  )

  it(
    'on a release, uploads one asset per report across two runs and keeps one marked section in the notes',
    async () => {
      const inputs = { 'release-notes': 'true' }
      const first = await run(releaseEvent(), { inputs })
      expect(outcome(first)).toEqual(SUCCEEDED)
      const release = gh.releases.get(RELEASE_ID)
      if (!release) throw new Error('no release')
      const names = release.assets.map((a) => a.name).sort()
      expect(names).toEqual(['ai-log-trail-ai-log-trail.sqlite', 'ai-log-trail-report.html', 'ai-log-trail-report.json', 'ai-log-trail-report.md'])
      const firstIds = release.assets.map((a) => a.id)

      const second = await run(releaseEvent(), { inputs })
      expect(outcome(second)).toEqual(SUCCEEDED)
      expect(release.assets.map((a) => a.name).sort()).toEqual(names)
      // The second run deleted the first run's assets before re-uploading them.
      expect(
        gh
          .calls('DELETE', /\/releases\/assets\/\d+$/)
          .map((r) => Number(r.path.split('/').pop()))
          .sort()
      ).toEqual([...firstIds].sort())
      expect(gh.calls('POST', /\/releases\/\d+\/assets$/).filter((r) => r.status === 201)).toHaveLength(names.length * 2)
      for (const a of release.assets) {
        expect(a.size).toBeGreaterThan(0)
        expect(a.data.includes(SECRET_BYTES)).toBe(false)
      }
      expect(release.assets.find((a) => a.name === 'ai-log-trail-report.json')?.content_type).toBe('application/json')

      // The notes: the human's text kept, one marked section, after both runs.
      expect(release.body.startsWith(HUMAN_NOTES.trimEnd())).toBe(true)
      expect(release.body.split(RELEASE_START)).toHaveLength(2)
      expect(release.body.split(RELEASE_END)).toHaveLength(2)
      expect(release.body.indexOf(RELEASE_START)).toBeLessThan(release.body.indexOf(RELEASE_END))
      expect(release.body).not.toContain(SECRET)
      // No pull request here: no comment.
      expect(first.outputs['comment-url']).toBe('')
    },
    RUN_TIMEOUT * 2
  )

  it(
    'retries the pull request files on a 500; when they keep failing, warns and publishes everything without them',
    async () => {
      gh.fail({ method: 'GET', path: new RegExp(`/pulls/${FILES_FLAKY_PR}/files$`), times: 2, ...SERVER_ERROR })
      const flaky = await run(pullRequestEvent(FILES_FLAKY_PR), { env: FAST_RETRY })
      expect(outcome(flaky)).toEqual(SUCCEEDED)
      expect(gh.calls('GET', new RegExp(`/pulls/${FILES_FLAKY_PR}/files$`)).map((c) => c.status)).toEqual([500, 500, 200])
      expect(marked(FILES_FLAKY_PR)[0]?.body).toContain('agents edited **1 of the 2 changed files**')

      gh.fail({ method: 'GET', path: new RegExp(`/pulls/${FILES_500_PR}/files$`), times: Infinity, ...SERVER_ERROR })
      const r = await run(pullRequestEvent(FILES_500_PR), { env: FAST_RETRY })
      expect(outcome(r)).toEqual(SUCCEEDED)
      // The first try and the retry plugin's three.
      expect(gh.calls('GET', new RegExp(`/pulls/${FILES_500_PR}/files$`)).map((c) => c.status)).toEqual([500, 500, 500, 500])
      expect(r.warnings.filter((w) => /could not list the pull request files/.test(w))).toEqual([expect.stringContaining('HTTP 500')])
      expect(r.warnings.join('\n')).not.toMatch(/read-only token/)
      // The job went on: summary, outputs, artifact and the comment (without the changed files).
      expect(r.summary).toContain('AI assistance report')
      expect(Number(r.outputs.sessions)).toBeGreaterThanOrEqual(5)
      expect(r.outputs['artifact-id']).toBe(FAKE_ARTIFACT_ID)
      const ours = marked(FILES_500_PR)
      expect(ours).toHaveLength(1)
      expect(ours[0].body).not.toContain('changed files**')
      expect(r.outputs['comment-url']).toBe(ours[0].html_url)
    },
    RUN_TIMEOUT * 2
  )

  it(
    'retries the comments API on a 500; when it keeps failing, warns with the summary and outputs, and fails only with fail-on: publish',
    async () => {
      const listing = new RegExp(`/issues/${COMMENTS_500_PR}/comments$`)
      gh.fail({ method: 'GET', path: listing, times: Infinity, ...SERVER_ERROR })
      let soft: RunActionResult
      let strict: RunActionResult
      try {
        soft = await run(pullRequestEvent(COMMENTS_500_PR), { env: FAST_RETRY })
        strict = await run(pullRequestEvent(COMMENTS_500_PR), { env: FAST_RETRY, inputs: { 'fail-on': 'publish' } })
      } finally {
        gh.faults.length = 0
      }
      expect(outcome(soft)).toEqual(SUCCEEDED)
      // Each run: the first try and three retries, then it gave up.
      expect(gh.calls('GET', listing).map((c) => c.status)).toEqual(Array(8).fill(500))
      expect(soft.warnings.filter((w) => /could not write the pull request comment/.test(w))).toEqual([
        expect.stringMatching(/HTTP 500: Server Error, after retries/)
      ])
      expect(soft.warnings.join('\n')).not.toMatch(/read-only token/)
      expect(soft.summary).toContain('AI assistance report')
      expect(soft.summary).toContain('The pull request comment could not be written (the GitHub API kept failing)')
      expect(Number(soft.outputs.sessions)).toBeGreaterThanOrEqual(5)
      expect(soft.outputs['comment-url']).toBe('')
      expect(soft.outputs['artifact-id']).toBe(FAKE_ARTIFACT_ID)

      expect(strict.code).toBe(1)
      expect(strict.errors).toEqual([expect.stringMatching(/^fail-on: could not publish the pull request comment \(HTTP 500/)])
      expect(strict.summary).toContain('AI assistance report')
      expect(Number(strict.outputs.sessions)).toBeGreaterThanOrEqual(5)
      expect(gh.comments.get(COMMENTS_500_PR) ?? []).toEqual([])
    },
    RUN_TIMEOUT * 2
  )

  it.each([
    ['429 (secondary rate limit)', COMMENTS_429_PR, 429],
    ['403 (secondary rate limit)', SECONDARY_403_PR, 403]
  ] as const)(
    'waits out a %s on the comment for its retry-after and posts it',
    async (_name, pr, status) => {
      const posting = new RegExp(`/issues/${pr}/comments$`)
      gh.fail({ method: 'POST', path: posting, times: 1, status, message: SECONDARY_RATE_LIMIT, headers: { 'retry-after': '1' } })
      const r = await run(pullRequestEvent(pr))
      expect(outcome(r)).toEqual(SUCCEEDED)
      const posts = gh.calls('POST', posting)
      expect(posts.map((c) => c.status)).toEqual([status, 201])
      // retry-after is in seconds: the retry came no sooner.
      expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(950)
      expect(r.warnings.join('\n')).not.toMatch(/read-only token|could not write/)
      expect(marked(pr)).toHaveLength(1)
      expect(r.outputs['comment-url']).toBe(marked(pr)[0].html_url)
    },
    RUN_TIMEOUT
  )

  it(
    'does not blame a read-only token for a secondary rate limit that outlasts the retries',
    async () => {
      const posting = new RegExp(`/issues/${SECONDARY_403_STUCK_PR}/comments$`)
      gh.fail({ method: 'POST', path: posting, times: Infinity, status: 403, message: SECONDARY_RATE_LIMIT, headers: { 'retry-after': '1' } })
      let r: RunActionResult
      try {
        r = await run(pullRequestEvent(SECONDARY_403_STUCK_PR))
      } finally {
        gh.faults.length = 0
      }
      expect(outcome(r)).toEqual(SUCCEEDED)
      expect(gh.calls('POST', posting).map((c) => c.status)).toEqual([403, 403, 403, 403])
      const warned = r.warnings.filter((w) => /could not write the pull request comment/.test(w))
      expect(warned).toEqual([expect.stringContaining('secondary rate limit')])
      expect(warned[0]).not.toMatch(/read-only token/)
      expect(r.summary).toContain('The pull request comment could not be written (the GitHub API kept failing)')
    },
    RUN_TIMEOUT
  )

  it(
    'leaves alone a comment by the same bot that quotes the marker below its own text',
    async () => {
      const theirs = gh.addComment(BOT_QUOTE_PR, BOT, BOT_QUOTING)
      const r = await run(pullRequestEvent(BOT_QUOTE_PR))
      expect(outcome(r)).toEqual(SUCCEEDED)
      expect(theirs.body).toBe(BOT_QUOTING)
      expect(theirs.updated_at).toBe(theirs.created_at)
      expect(gh.calls('PATCH', new RegExp(`/issues/comments/${theirs.id}$`))).toEqual([])
      const ours = (gh.comments.get(BOT_QUOTE_PR) ?? []).filter((c) => c.id !== theirs.id)
      expect(ours).toHaveLength(1)
      expect(ours[0].body.startsWith(MARKER)).toBe(true)
      expect(r.outputs['comment-url']).toBe(ours[0].html_url)
    },
    RUN_TIMEOUT
  )

  it(
    'replaces its release section in place when a prompt quotes the section markers: two runs, the same body',
    async () => {
      const release = gh.addRelease(MARKER_RELEASE_ID, 'v1.2.4', HUMAN_NOTES)
      const event = releaseEvent()
      const payload = event.payload as { release: { id: number } }
      payload.release.id = MARKER_RELEASE_ID
      const opts = { inputs: { paths: quotingLogs, 'release-notes': 'true', 'release-assets': 'never', now: NOW }, artifactService: false }
      const first = await run(event, opts)
      expect(outcome(first)).toEqual(SUCCEEDED)
      const once = release.body
      const second = await run(event, opts)
      expect(outcome(second)).toEqual(SUCCEEDED)
      expect(release.body).toBe(once)
      expect(release.body.startsWith(HUMAN_NOTES.trimEnd())).toBe(true)
      expect(release.body.split(RELEASE_START)).toHaveLength(2)
      expect(release.body.split(RELEASE_END)).toHaveLength(2)
      expect(release.body.split(MARKER)).toHaveLength(1)
      expect(release.body.trimEnd().endsWith(RELEASE_END)).toBe(true)
      // The prompt is there, quote and all, read the same (a zero-width joiner breaks the markers).
      expect(release.body.replaceAll('\u200d', '')).toContain(RELEASE_END + ' and restart at')
    },
    RUN_TIMEOUT * 2
  )

  it(
    'without ACTIONS_RUNTIME_TOKEN warns, succeeds and leaves artifact-id empty',
    async () => {
      const r = await run(
        { name: 'push', payload: { ref: 'refs/heads/main', repository: repository(), sender: { login: 'octocat' } } },
        { artifactService: false }
      )
      expect(outcome(r)).toEqual(SUCCEEDED)
      expect(r.warnings.some((w) => /artifact not uploaded/.test(w) && /ACTIONS_RUNTIME_TOKEN/.test(w))).toBe(true)
      expect(r.outputs['artifact-id']).toBe('')
      expect(r.outputs['artifact-url']).toBe('')
      expect(Number(r.outputs.sessions)).toBeGreaterThanOrEqual(5)
      expect(r.summary.length).toBeGreaterThan(0)
    },
    RUN_TIMEOUT
  )

  it(
    'fail-on fails the step after publishing, naming the condition; a wrong input value fails with its name',
    async () => {
      const r = await run(
        { name: 'push', payload: { ref: 'refs/heads/main', repository: repository(), sender: { login: 'octocat' } } },
        { artifactService: false, inputs: { 'fail-on': 'redactions,no-sessions' } }
      )
      expect(r.code).toBe(1)
      expect(r.errors.join('\n')).toMatch(/fail-on: \d+ value\(s\) had to be redacted/)
      // Published first: the outputs and the summary are there.
      expect(Number(r.outputs.sessions)).toBeGreaterThanOrEqual(5)
      expect(r.summary.length).toBeGreaterThan(0)
      const bad = await run(
        { name: 'push', payload: { ref: 'refs/heads/main', repository: repository(), sender: { login: 'octocat' } } },
        { artifactService: false, inputs: { comment: 'sometimes' } }
      )
      expect(bad.code).toBe(1)
      expect(bad.errors.join('\n')).toMatch(/input 'comment' must be one of auto, always, never/)
    },
    RUN_TIMEOUT * 2
  )

  it(
    'parses on a worker thread from its own bundle beside dist/index.js, with the same reports as on the main thread',
    async () => {
      const inputs = { now: NOW, formats: 'md,json,csv,html' }
      const env = (on: string) => ({ AI_LOG_TRAIL_PARSE_WORKER: on })
      const onWorker = await run(pullRequestEvent(PARITY_PR), { inputs, env: env('1'), artifactService: false })
      const onThread = await run(pullRequestEvent(PARITY_PR), { inputs, env: env('0'), artifactService: false })
      expect(outcome(onWorker)).toEqual(SUCCEEDED)
      expect(outcome(onThread)).toEqual(SUCCEEDED)
      expect(onWorker.stdout).toContain('parsed on a parse worker')
      expect(onThread.stdout).toContain("parsed on the ingest's own thread")
      const a = onWorker.outputs['report-dir']
      const b = onThread.outputs['report-dir']
      const files = readdirSync(a)
        .filter((f) => f !== 'ai-log-trail.sqlite')
        .sort()
      expect(files).toContain('report.json')
      expect(
        readdirSync(b)
          .filter((f) => f !== 'ai-log-trail.sqlite')
          .sort()
      ).toEqual(files)
      for (const f of files) expect({ file: f, same: readFileSync(join(a, f)).equals(readFileSync(join(b, f))) }).toEqual({ file: f, same: true })
    },
    RUN_TIMEOUT * 2
  )

  it(
    'writes byte-identical files to `dry-run` given the same logs, time and formats',
    async () => {
      const formats = 'md,json,csv,html'
      // The same scope on both sides: the Action's pull request scope reads the event, which dry-run has not.
      const r = await run(pullRequestEvent(PARITY_PR), { inputs: { now: NOW, formats, scope: 'all' } })
      expect(outcome(r)).toEqual(SUCCEEDED)
      const actionOut = r.outputs['report-dir']

      const dir = join(root, 'dry-run')
      mkdirSync(dir, { recursive: true })
      const out = join(dir, 'out')
      const changed = join(dir, 'changed.txt')
      // The pull request's changed files, as the Action read them from the API.
      writeFileSync(changed, 'src/parser.ts\nREADME.md\n')
      const cli = await runNode(
        [
          join(repoRoot, 'bin', 'ai-log-trail.js'),
          'dry-run',
          logs,
          '--now',
          NOW,
          '--formats',
          formats,
          '--out',
          out,
          '--db',
          join(dir, 'work.sqlite'),
          '--changed-files',
          changed,
          '--scope',
          'all',
          '--quiet'
        ],
        { cwd: dir, timeoutMs: RUN_TIMEOUT }
      )
      expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('wrote ') })

      // CSV is one file per table.
      const files = ['comment.md', 'prompts.csv', 'report.html', 'report.json', 'report.md', 'sessions.csv', 'summary.md', 'tokens.csv', 'tool_calls.csv']
      expect(readdirSync(out).sort()).toEqual(files)
      expect(
        readdirSync(actionOut)
          .filter((f) => f !== 'ai-log-trail.sqlite')
          .sort()
      ).toEqual(files)
      for (const f of files) {
        const a = readFileSync(join(actionOut, f))
        const b = readFileSync(join(out, f))
        expect({ file: f, same: a.equals(b) }).toEqual({ file: f, same: true })
      }
    },
    RUN_TIMEOUT * 2
  )
})
