import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RepoIdentity } from './repo.js'

export interface Location {
  agent: string
  path: string
  /** True when the path lies inside the repository itself (its sessions need no scope check). */
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

function claudeRoots(e: DiscoverEnv): string[] {
  const dirs = e.env.CLAUDE_CONFIG_DIR
    ? e.env.CLAUDE_CONFIG_DIR.split(',')
        .map((d) => d.trim())
        .filter(Boolean)
    : [join(e.home, '.claude'), join(e.home, '.config', 'claude')]
  return dirs.map((d) => join(d, 'projects'))
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
 * slug, VS Code's workspace.json), only the repository's folders are listed; Codex keeps all
 * projects in one tree, so its files are listed whole and scoped by their session's cwd after parsing.
 */
export function defaultLocations(repo: RepoIdentity, e: DiscoverEnv = processEnv()): Location[] {
  const out: Location[] = []
  const add = (agent: string, path: string, inRepo = false) => {
    if (existsSync(path) && !out.some((l) => l.path === path)) out.push({ agent, path, inRepo })
  }
  for (const r of codexRoots(e)) add('codex', r)

  const escaped = repo.worktrees.map(claudeProjectDir)
  for (const root of claudeRoots(e))
    for (const d of listDirs(root)) if (escaped.some((x) => d === x || d.startsWith(x + '-'))) add('claude-code', join(root, d))

  const geminiHome = join(e.home, '.gemini')
  const hashes = new Set(repo.worktrees.map((w) => createHash('sha256').update(w).digest('hex')))
  let slugs: Record<string, string> = {}
  try {
    slugs = (JSON.parse(readFileSync(join(geminiHome, 'projects.json'), 'utf8')) as { projects?: Record<string, string> }).projects ?? {}
  } catch {
    // No registry: only the older sha256 layout applies.
  }
  for (const [path, slug] of Object.entries(slugs)) if (repo.worktrees.includes(path)) hashes.add(slug)
  for (const d of listDirs(join(geminiHome, 'tmp'))) if (hashes.has(d)) add('gemini-cli', join(geminiHome, 'tmp', d))

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
