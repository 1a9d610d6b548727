import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CLINE_AGENTS, EXTENSION_IDS, TASK_FILES } from '../sources/cline/agents.js'
import type { RepoIdentity } from './repo.js'

export interface Location {
  agent: string
  path: string
  /**
   * True when every session under the path belongs to the repository, so none needs a scope
   * check: the path lies inside the repository, or the agent named the folder after it.
   */
  inRepo: boolean
}

export interface DiscoverEnv {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  home: string
}

export const processEnv = (): DiscoverEnv => ({ env: process.env, platform: process.platform, home: homedir() })

/** Claude Code names a project folder after its cwd with every non-alphanumeric character replaced by `-`. */
export function claudeProjectDir(cwd: string): string {
  return cwd.replace(/[^a-zA-Z0-9]/g, '-')
}

function codexRoots(e: DiscoverEnv): string[] {
  const home = e.env.CODEX_HOME || join(e.home, '.codex')
  return [join(home, 'sessions'), join(home, 'archived_sessions')]
}

/**
 * The folder name `CLAUDE_CODE_PROJECT_DIR_NAME` gives a project in place of its escaped cwd
 * (Claude Code 2.1.234 and later, honoured there with `CLAUDE_CONFIG_DIR`). A name that is not
 * one plain folder name is ignored.
 */
function claudeNamedProjectDir(e: DiscoverEnv): string | null {
  const name = e.env.CLAUDE_CODE_PROJECT_DIR_NAME?.trim()
  return name && !/[\\/]/.test(name) && name !== '.' && name !== '..' ? name : null
}

function claudeRoots(e: DiscoverEnv): string[] {
  const dirs = e.env.CLAUDE_CONFIG_DIR
    ? e.env.CLAUDE_CONFIG_DIR.split(',')
        .map((d) => d.trim())
        .filter(Boolean)
    : [join(e.home, '.claude'), join(e.home, '.config', 'claude')]
  return dirs.map((d) => join(d, 'projects'))
}

function copilotHome(e: DiscoverEnv): string {
  return e.env.COPILOT_HOME || join(e.home, '.copilot')
}

/**
 * Copilot CLI's session logs: `<COPILOT_HOME or ~/.copilot>/session-state/<id>/events.jsonl`, and
 * the flat `session-state/<id>.jsonl` of earlier versions. Only the logs are listed: a session
 * folder also holds `workspace.yaml`, plans, checkpoints and a SQLite file, which are not logs.
 */
function copilotCliLogs(e: DiscoverEnv): string[] {
  const root = join(copilotHome(e), 'session-state')
  const flat = listFiles(root).filter((f) => f.endsWith('.jsonl'))
  return [...flat.map((f) => join(root, f)), ...listDirs(root).map((d) => join(root, d, 'events.jsonl'))]
}

function inside(path: string, folders: string[]): boolean {
  return folders.some((w) => path === w || path.startsWith(w + '/'))
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Gemini CLI's project folders (`~/.gemini/tmp/<id>`, `GEMINI_CLI_HOME` replacing the home) for
 * the repository or a folder inside it. The id is the sha256 of the project root in the older
 * layout, a short slug since Feb 2026: `projects.json` maps roots to slugs, and each slug folder's
 * `.project_root` names its owner. The marker wins over the registry, which can be stale, since
 * another project's sessions must never be taken for the repository's. A hash cannot be
 * reversed, so a hash folder is found only for a session started at a worktree's root.
 */
function geminiProjectDirs(repo: RepoIdentity, e: DiscoverEnv): string[] {
  const geminiHome = join(e.env.GEMINI_CLI_HOME || e.home, '.gemini')
  const tmp = join(geminiHome, 'tmp')
  const ids = new Set(repo.worktrees.map((w) => createHash('sha256').update(w).digest('hex')))
  let slugs: Record<string, unknown> = {}
  try {
    slugs = (JSON.parse(readFileSync(join(geminiHome, 'projects.json'), 'utf8')) as { projects?: Record<string, unknown> }).projects ?? {}
  } catch {
    // No registry: the hash folders and the markers remain.
  }
  for (const [root, slug] of Object.entries(slugs)) if (typeof slug === 'string' && inside(root, repo.worktrees)) ids.add(slug)
  return listDirs(tmp)
    .filter((d) => {
      const owner = readText(join(tmp, d, '.project_root'))?.trim()
      return owner === undefined ? ids.has(d) : inside(owner, repo.worktrees)
    })
    .map((d) => join(tmp, d))
}

/** Qwen Code names a project folder after its cwd as Claude Code does; on Windows, lower-cased first. */
export function qwenProjectDir(cwd: string, platform: NodeJS.Platform): string {
  return claudeProjectDir(platform === 'win32' ? cwd.toLowerCase() : cwd)
}

/**
 * Qwen Code's chat folders for the repository and folders inside it:
 * `<runtime dir>/projects/<escaped cwd>/chats`, the runtime dir being `QWEN_RUNTIME_DIR` or
 * `~/.qwen`. A folder whose name merely starts like the repository's (`<repo>-two`) is listed
 * too; its sessions are dropped by their recorded cwd.
 */
function qwenChatDirs(repo: RepoIdentity, e: DiscoverEnv): string[] {
  const runtime = e.env.QWEN_RUNTIME_DIR ? e.env.QWEN_RUNTIME_DIR.replace(/^~(?=$|[\\/])/, e.home) : join(e.home, '.qwen')
  const projects = join(runtime, 'projects')
  const escaped = repo.worktrees.map((w) => qwenProjectDir(w, e.platform))
  return listDirs(projects)
    .filter((d) => escaped.some((x) => d === x || d.startsWith(x + '-')))
    .map((d) => join(projects, d, 'chats'))
}

/** pi names a session folder `--<cwd without its leading slash, with \\, / and : replaced by ->--`. */
export function piSessionDir(cwd: string): string {
  return `--${cwd.replace(/^[/\\]/, '').replace(/[/\\:]/g, '-')}--`
}

/**
 * Cursor names a project folder after its workspace with every run of characters other than
 * letters and digits replaced by one `-`, and no `-` at either end (`/home/dev/shop_api` →
 * `home-dev-shop-api`). The name is lossy: two folders may share it.
 */
export function cursorProjectDir(cwd: string): string {
  return cwd.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}

/** The cursor-agent CLI names a folder of `~/.cursor/chats` by the md5 of the folder it ran in. */
export function cursorChatsDir(cwd: string): string {
  return createHash('md5').update(cwd).digest('hex')
}

/**
 * The folders of `chats` that are this repository's: named by the md5 of a worktree or of a folder
 * git tracks under one (an agent started in `packages/api`). The subfolders are listed, from git,
 * only when some folder of `chats` is not a worktree's: a hash cannot be read back to its path.
 */
function cursorChatsFolders(repo: RepoIdentity, chats: string): string[] {
  const present = listDirs(chats)
  if (present.length === 0) return []
  const byHash = new Map(repo.worktrees.map((w) => [cursorChatsDir(w), w]))
  if (present.some((d) => !byHash.has(d))) for (const w of repo.worktrees) for (const sub of trackedFolders(w)) byHash.set(cursorChatsDir(join(w, sub)), w)
  return present.filter((d) => byHash.has(d)).map((d) => join(chats, d))
}

/** The folders git tracks files in under `dir` (relative, `/`-separated), none when it is not a work tree. */
function trackedFolders(dir: string): string[] {
  const r = spawnSync('git', ['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 << 20
  })
  return r.status === 0 ? r.stdout.split('\0').filter(Boolean) : []
}

/** The agent CLI's home: `CURSOR_CONFIG_DIR` (as git-ai's reader honours it) or `~/.cursor`. */
function cursorHome(e: DiscoverEnv): string {
  return e.env.CURSOR_CONFIG_DIR || join(e.home, '.cursor')
}

function piSessionsRoot(e: DiscoverEnv): string {
  return join(e.env.PI_CODING_AGENT_DIR || join(e.home, '.pi', 'agent'), 'sessions')
}

function vscodeUserDirs(e: DiscoverEnv): string[] {
  const products = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor']
  const base =
    e.platform === 'darwin'
      ? join(e.home, 'Library', 'Application Support')
      : e.platform === 'win32'
        ? e.env.APPDATA || join(e.home, 'AppData', 'Roaming')
        : e.env.XDG_CONFIG_HOME || join(e.home, '.config')
  return products.map((p) => join(base, p, 'User'))
}

/**
 * OpenCode keeps its data under the XDG data folder on every platform (it uses xdg-basedir):
 * `opencode.db`, `opencode-<channel>.db` for builds of other release channels, and the older JSON
 * store's session, message and part folders (its other folders hold no session logs).
 */
function opencodePlaces(e: DiscoverEnv): string[] {
  const dir = join(e.env.XDG_DATA_HOME || join(e.home, '.local', 'share'), 'opencode')
  const databases = listFiles(dir)
    .filter((n) => /^opencode(-[\w.-]+)?\.db$/.test(n))
    .map((n) => join(dir, n))
  return [...databases, ...['session', 'message', 'part'].map((d) => join(dir, 'storage', d))]
}

/**
 * Goose's data folder (crates/goose/src/config/paths.rs): `$GOOSE_PATH_ROOT/data` when set, else
 * the platform's application data folder for "Block"/"goose" (the etcetera crate's app strategy).
 */
function gooseDatabase(e: DiscoverEnv): string {
  const root = e.env.GOOSE_PATH_ROOT
  const data =
    root && isAbsolute(root)
      ? join(root, 'data')
      : e.platform === 'darwin'
        ? join(e.home, 'Library', 'Application Support', 'Block', 'goose')
        : e.platform === 'win32'
          ? join(e.env.APPDATA || join(e.home, 'AppData', 'Roaming'), 'Block', 'goose', 'data')
          : join(e.env.XDG_DATA_HOME || join(e.home, '.local', 'share'), 'goose')
  return join(data, 'sessions', 'sessions.db')
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort()
  } catch {
    return []
  }
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  } catch {
    return []
  }
}

/**
 * Every agent's default log places that can hold this repository's sessions, honouring the
 * agents' own overrides. Where a layout names the project (Claude's escaped cwd, Gemini's hash or
 * slug, VS Code's workspace.json), only the repository's folders are listed; Codex and Copilot CLI
 * keep all projects in one tree, so their files are listed whole and scoped by their session's cwd after parsing.
 */
export function defaultLocations(repo: RepoIdentity, e: DiscoverEnv = processEnv()): Location[] {
  const out: Location[] = []
  const add = (agent: string, path: string, inRepo = false) => {
    if (existsSync(path) && !out.some((l) => l.path === path)) out.push({ agent, path, inRepo })
  }
  for (const r of codexRoots(e)) add('codex', r)

  const escaped = repo.worktrees.map(claudeProjectDir)
  const named = claudeNamedProjectDir(e)
  for (const root of claudeRoots(e)) {
    for (const d of listDirs(root)) if (escaped.some((x) => d === x || d.startsWith(x + '-'))) add('claude-code', join(root, d))
    // Its sessions may be of any project: they are kept by their cwd after parsing, like Codex's.
    if (named) add('claude-code', join(root, named))
  }

  // Gemini names a project folder after the repository but records no cwd in a main session.
  for (const p of geminiProjectDirs(repo, e)) add('gemini-cli', p, true)
  for (const p of qwenChatDirs(repo, e)) add('qwen-code', p)

  for (const user of vscodeUserDirs(e)) {
    const storage = join(user, 'workspaceStorage')
    for (const ws of listDirs(storage)) {
      let folder: string | undefined
      try {
        const j = JSON.parse(readFileSync(join(storage, ws, 'workspace.json'), 'utf8')) as { folder?: string }
        folder = j.folder?.startsWith('file:') ? fileURLToPath(j.folder) : undefined
      } catch {
        continue
      }
      if (!folder || !repo.worktrees.some((w) => folder === w || folder.startsWith(w + '/'))) continue
      add('copilot-chat', join(storage, ws, 'chatSessions'))
      add('copilot-chat', join(storage, ws, 'GitHub.copilot-chat', 'transcripts'))
    }
  }

  // Cline, Roo Code and Kilo Code keep every project's tasks in one folder of the extension's global storage:
  // its tasks are scoped by the cwd and remote their first request names. Only the files read are listed: a
  // task folder also holds context history, Roo Code's history item and other state that is not a log.
  for (const user of vscodeUserDirs(e))
    for (const agent of CLINE_AGENTS) {
      const tasks = join(user, 'globalStorage', EXTENSION_IDS[agent], 'tasks')
      for (const task of listDirs(tasks)) for (const f of TASK_FILES) add(agent, join(tasks, task, f))
    }

  // pi: a folder per cwd, like Claude's; a subfolder of the repository has its own, named with the repository's as its prefix.
  const piRoot = piSessionsRoot(e)
  const piDirs = repo.worktrees.map(piSessionDir)
  for (const d of listDirs(piRoot)) if (piDirs.some((x) => d === x || d.startsWith(x.slice(0, -2) + '-'))) add('pi', join(piRoot, d))

  // Factory Droid names a folder after the cwd, by a rule it does not document: the whole tree is listed,
  // and its sessions are scoped by the cwd of their `session_start`.
  add('factory-droid', join(e.home, '.factory', 'sessions'))

  // Like Codex, one tree for all projects: its sessions are scoped by the cwd and repository of their `session.start`.
  for (const log of copilotCliLogs(e)) add('copilot-cli', log)
  // Its index of every session, after the logs: it adds usage and prompts a log lacks, keyed to count nothing twice.
  add('copilot-cli', join(copilotHome(e), 'session-store.db'))
  // Cursor's agent transcripts record no folder: only the repository's own project folder is listed, so its
  // sessions are the repository's. A subfolder's name cannot be told from a sibling's (`shop-api` vs `shop`), so
  // neither is listed. The editor keeps every conversation in one database: read whole, a conversation is kept
  // when the folder it names is the repository's.
  for (const w of repo.worktrees) add('cursor', join(cursorHome(e), 'projects', cursorProjectDir(w), 'agent-transcripts'), true)
  // The agent CLI's stores lie in a folder named by the md5 of the cwd: a worktree's folder, or one of its
  // subfolders, is the repository's. Only `store.db` is listed: its `meta.json` and `prompt_history.json` are not logs.
  for (const chats of cursorChatsFolders(repo, join(cursorHome(e), 'chats'))) {
    for (const d of listDirs(chats)) add('cursor', join(chats, d, 'store.db'), true)
  }
  for (const user of vscodeUserDirs(e)) if (basename(dirname(user)) === 'Cursor') add('cursor', join(user, 'globalStorage', 'state.vscdb'))
  // One database (or store) holds every project's sessions: read whole, scoped by each session's folder after parsing.
  for (const place of opencodePlaces(e)) add('opencode', place)
  add('goose', gooseDatabase(e))

  add('aider', join(repo.root, '.aider.chat.history.md'), true)
  add('any', committedLogsDir(repo), true)
  return out
}

/** Where a repository keeps its sanitized session logs, committed with the code. */
export function committedLogsDir(repo: Pick<RepoIdentity, 'root'>): string {
  return join(repo.root, '.ai-logs')
}
