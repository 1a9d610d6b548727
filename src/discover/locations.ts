import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CLINE_AGENTS, EXTENSION_IDS, TASK_FILES } from '../sources/cline/agents.js'
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

/**
 * Copilot CLI's session logs: `<COPILOT_HOME or ~/.copilot>/session-state/<id>/events.jsonl`, and
 * the flat `session-state/<id>.jsonl` of earlier versions. Only the logs are listed: a session
 * folder also holds `workspace.yaml`, plans, checkpoints and a SQLite file, which are not logs.
 */
function copilotCliLogs(e: DiscoverEnv): string[] {
  const root = join(e.env.COPILOT_HOME || join(e.home, '.copilot'), 'session-state')
  const flat = listFiles(root).filter((f) => f.endsWith('.jsonl'))
  return [...flat.map((f) => join(root, f)), ...listDirs(root).map((d) => join(root, d, 'events.jsonl'))]
}

/** pi names a session folder `--<cwd without its leading slash, with \\, / and : replaced by ->--`. */
export function piSessionDir(cwd: string): string {
  return `--${cwd.replace(/^[/\\]/, '').replace(/[/\\:]/g, '-')}--`
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

  add('aider', join(repo.root, '.aider.chat.history.md'), true)
  add('any', committedLogsDir(repo), true)
  return out
}

/** Where a repository keeps its sanitized session logs, committed with the code. */
export function committedLogsDir(repo: Pick<RepoIdentity, 'root'>): string {
  return join(repo.root, '.ai-logs')
}
