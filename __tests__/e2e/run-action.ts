import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

/**
 * Runs the committed bundle the way the GitHub runner runs a `node24` action: a child process
 * of this Node (24) on `<action>/dist/index.js`, in a fresh working directory, with only the
 * environment the runner sets (every declared input as INPUT_<NAME> with its default, the
 * GITHUB_* variables, the command files, the runtime token for artifacts).
 */

const running = new Set<ChildProcess>()

/** Kills every child this module started that is still running (for afterAll). */
export function killRunning(): void {
  for (const c of running) c.kill('SIGKILL')
  running.clear()
}

/** Waits for a child to close, killing it past the time limit. */
async function finish(
  child: ChildProcess,
  timeoutMs: number
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }> {
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject)
      child.once('close', (c, s) => resolve([c, s]))
    })
    return { code, signal, stdout, stderr, timedOut }
  } finally {
    clearTimeout(timer)
    running.delete(child)
  }
}

export interface ActionInputSpec {
  description?: string
  required?: boolean
  default?: string
}

export interface ActionSpec {
  inputs: Record<string, ActionInputSpec>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

export function readActionSpec(file: string): ActionSpec {
  return parse(readFileSync(file, 'utf8')) as ActionSpec
}

/** Copies `dist/` alone beside `action.yml` into `dir`: nothing can resolve a node_modules from there. */
export function installAction(repoRoot: string, dir: string): string {
  const actionDir = join(dir, 'action')
  mkdirSync(actionDir, { recursive: true })
  cpSync(join(repoRoot, 'dist'), join(actionDir, 'dist'), { recursive: true })
  cpSync(join(repoRoot, 'action.yml'), join(actionDir, 'action.yml'))
  return actionDir
}

/** An unsigned JWT (alg none) as ACTIONS_RUNTIME_TOKEN: the artifact client decodes, never verifies, it. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${b64({ typ: 'JWT', alg: 'none' })}.${b64(payload)}.`
}

export interface RuntimeIds {
  runBackendId: string
  jobBackendId: string
  token: string
}

export function runtimeToken(runBackendId = randomUUID(), jobBackendId = randomUUID()): RuntimeIds {
  const now = Math.floor(Date.now() / 1000)
  const token = unsignedJwt({
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runBackendId}:${jobBackendId}`,
    iat: now,
    exp: now + 3600,
    iss: 'vstoken.actions.githubusercontent.com',
    aud: 'vso:00000000-0000-0000-0000-000000000000'
  })
  return { runBackendId, jobBackendId, token }
}

/** Reads `$GITHUB_OUTPUT`: `name<<delimiter\nvalue\ndelimiter` blocks (and plain `name=value` lines). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    const heredoc = line.match(/^([^=<]+)<<(.+)$/)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++])
      if (i >= lines.length) throw new Error(`unterminated value for ${name} (delimiter ${delim})`)
      out[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq === -1) throw new Error(`not a command-file line: ${line}`)
    out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}

export interface WorkflowCommand {
  command: string
  properties: string
  message: string
}

/** `::warning file=x::message` and the like, from the step's stdout. */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  return [...stdout.matchAll(/^::([a-z-]+)(?: ([^:]*))?::(.*)$/gm)].map((m) => ({
    command: m[1],
    properties: m[2] ?? '',
    message: m[3].replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
  }))
}

export interface EventSpec {
  name: string
  payload: Record<string, unknown>
}

export interface RunActionOptions {
  actionDir: string
  /** A folder for this run: the workspace, RUNNER_TEMP and the command files go under it. */
  dir: string
  repository: string
  apiUrl: string
  event: EventSpec
  /** Inputs by their action.yml name; unset ones get their declared default. */
  inputs?: Record<string, string>
  token?: string
  /** The artifact service (ACTIONS_RESULTS_URL) and a runtime token; omit to run without one. */
  artifacts?: { url: string; runtime: RuntimeIds }
  runId?: string
  env?: Record<string, string>
  timeoutMs?: number
}

export interface RunActionResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  commands: WorkflowCommand[]
  warnings: string[]
  errors: string[]
  workspace: string
  runnerTemp: string
  ms: number
}

export const FAKE_TOKEN = 'ghs_' + 'fAkEtOkEn'.repeat(4)

/** The environment the runner gives a JavaScript action's step. */
export function actionEnv(o: RunActionOptions): {
  env: Record<string, string>
  workspace: string
  runnerTemp: string
  files: Record<'output' | 'summary' | 'state' | 'env' | 'path', string>
} {
  const workspace = join(o.dir, 'workspace')
  const runnerTemp = join(o.dir, 'runner-temp')
  const home = join(o.dir, 'home')
  const cmd = join(o.dir, 'command-files')
  for (const d of [workspace, runnerTemp, home, cmd]) mkdirSync(d, { recursive: true })
  const files = {
    output: join(cmd, 'set_output'),
    summary: join(cmd, 'step_summary'),
    state: join(cmd, 'save_state'),
    env: join(cmd, 'set_env'),
    path: join(cmd, 'add_path')
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const eventPath = join(o.dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(o.event.payload, null, 2))

  const token = o.token ?? FAKE_TOKEN
  const spec = readActionSpec(join(o.actionDir, 'action.yml'))
  const inputs: Record<string, string> = {}
  // The runner evaluates each default; `${{ github.token }}` is the only expression action.yml uses.
  for (const [name, s] of Object.entries(spec.inputs)) inputs[name] = (s.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/g, token)
  Object.assign(inputs, o.inputs ?? {})

  const runId = o.runId ?? '7001'
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__run',
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: o.apiUrl,
    GITHUB_GRAPHQL_URL: `${o.apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'http://github.localhost',
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_JOB: 'report',
    GITHUB_REF: o.event.name === 'pull_request' ? 'refs/pull/1/merge' : 'refs/heads/main',
    GITHUB_SHA: '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
    GITHUB_REPOSITORY: o.repository,
    GITHUB_REPOSITORY_OWNER: o.repository.split('/')[0],
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_NUMBER: '12',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ai-log-trail',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_RETENTION_DAYS: '90',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'fake-runner',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(o.dir, 'toolcache')
  }
  if (o.artifacts) {
    env.ACTIONS_RUNTIME_TOKEN = o.artifacts.runtime.token
    env.ACTIONS_RESULTS_URL = `${o.artifacts.url}/`
    env.ACTIONS_RUNTIME_URL = `${o.artifacts.url}/`
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  Object.assign(env, o.env ?? {})
  return { env, workspace, runnerTemp, files }
}

/** Runs the action once; never rejects on a failing step, and kills it past the time limit. */
export async function runAction(o: RunActionOptions): Promise<RunActionResult> {
  const { env, workspace, runnerTemp, files } = actionEnv(o)
  const started = Date.now()
  const child = spawn(process.execPath, [join(o.actionDir, 'dist', 'index.js')], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const { code, signal, stdout, stderr, timedOut } = await finish(child, o.timeoutMs ?? 60_000)
  const commands = workflowCommands(stdout)
  return {
    code,
    signal,
    timedOut,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    commands,
    warnings: commands.filter((c) => c.command === 'warning').map((c) => c.message),
    errors: commands.filter((c) => c.command === 'error').map((c) => c.message),
    workspace,
    runnerTemp,
    ms: Date.now() - started
  }
}

/** Runs a command (the CLI) as a child process with a time limit; resolves with its exit and output. */
export async function runNode(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number }
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: opts.env ?? { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: opts.cwd },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const { code, stdout, stderr, timedOut } = await finish(child, opts.timeoutMs ?? 60_000)
  return { code, stdout, stderr, timedOut }
}
