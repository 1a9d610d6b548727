import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { gitDir, repositoryRoot } from '../scope/git.js'
import { CLAUDE_HOOK_COMMAND, GITIGNORE_LINES, PRE_PUSH_HOOK, RULES_FILE, WORKFLOW_FILE } from './templates.js'

export type InitHook = 'pre-push' | 'claude'

export interface InitOptions {
  repoDir: string
  hooks?: InitHook[]
  /** Replace files that differ from what init would write. */
  force?: boolean
}

export interface InitStep {
  /** Path relative to the repository root. */
  path: string
  outcome: 'created' | 'unchanged' | 'updated' | 'kept'
  /** What was done, in a sentence. */
  note: string
  /** For a kept file: how it differs from what init would write (unified diff). */
  diff?: string
}

export class InitError extends Error {}

/** A unified diff of two texts, by git (which any repository init runs in has). */
function unifiedDiff(path: string, current: string, wanted: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'alt-init-'))
  try {
    writeFileSync(join(dir, 'current'), current)
    writeFileSync(join(dir, 'init'), wanted)
    const r = spawnSync('git', ['diff', '--no-index', '--no-color', '--', 'current', 'init'], { cwd: dir, encoding: 'utf8' })
    return r.stdout
      .replace(/^diff --git .*\n(index .*\n)?/, '')
      .replace(/^--- a\/current$/m, `--- ${path} (yours)`)
      .replace(/^\+\+\+ b\/init$/m, `+++ ${path} (init)`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function writeFile(root: string, path: string, wanted: string, force: boolean, mode?: number): InitStep {
  const abs = join(root, path)
  if (!existsSync(abs)) {
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, wanted)
    if (mode !== undefined) chmodSync(abs, mode)
    return { path, outcome: 'created', note: 'created' }
  }
  const current = readFileSync(abs, 'utf8')
  if (current === wanted) return { path, outcome: 'unchanged', note: 'already as init writes it' }
  if (!force) return { path, outcome: 'kept', note: 'yours differs: kept (--force replaces it)', diff: unifiedDiff(path, current, wanted) }
  writeFileSync(abs, wanted)
  if (mode !== undefined) chmodSync(abs, mode)
  return { path, outcome: 'updated', note: 'replaced (--force)' }
}

function ignoreLines(root: string): InitStep {
  const abs = join(root, '.gitignore')
  const current = existsSync(abs) ? readFileSync(abs, 'utf8') : ''
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim()))
  const missing = GITIGNORE_LINES.filter((l) => !have.has(l))
  if (missing.length === 0) return { path: '.gitignore', outcome: 'unchanged', note: 'already ignores the working databases' }
  const sep = current.length === 0 || current.endsWith('\n') ? '' : '\n'
  writeFileSync(abs, current + sep + '# ai-log-trail: working databases hold logs unredacted\n' + missing.join('\n') + '\n')
  return { path: '.gitignore', outcome: current ? 'updated' : 'created', note: `added ${missing.join(', ')}` }
}

interface ClaudeSettings {
  hooks?: Record<string, { matcher?: string; hooks?: { type?: string; command?: string }[] }[]>
  [k: string]: unknown
}

/** Adds a SessionEnd hook to the project's Claude Code settings, keeping everything already there. */
function claudeHook(root: string): InitStep {
  const path = '.claude/settings.json'
  const abs = join(root, path)
  let settings: ClaudeSettings = {}
  if (existsSync(abs)) {
    try {
      settings = JSON.parse(readFileSync(abs, 'utf8')) as ClaudeSettings
    } catch (e) {
      throw new InitError(`${path} is not valid JSON (${(e as Error).message}): fix it, then run init again`)
    }
  }
  const end = settings.hooks?.SessionEnd ?? []
  if (end.some((m) => m.hooks?.some((h) => h.command === CLAUDE_HOOK_COMMAND)))
    return { path, outcome: 'unchanged', note: 'already runs collect when a session ends' }
  const next: ClaudeSettings = {
    ...settings,
    hooks: { ...settings.hooks, SessionEnd: [...end, { hooks: [{ type: 'command', command: CLAUDE_HOOK_COMMAND }] }] }
  }
  const existed = existsSync(abs)
  mkdirSync(dirname(abs), { recursive: true })
  writeFileSync(abs, JSON.stringify(next, null, 2) + '\n')
  return { path, outcome: existed ? 'updated' : 'created', note: 'runs collect when a Claude Code session ends (SessionEnd hook)' }
}

/**
 * Sets a repository up, idempotently: the rules file, the workflow, the .gitignore lines for the
 * working databases, and on request hooks that run collect. A file of the user's that differs is
 * never replaced without `force`; its diff is returned instead.
 */
export function init(o: InitOptions): InitStep[] {
  const root = repositoryRoot(o.repoDir)
  if (root === null) throw new InitError(`not inside a git repository: ${o.repoDir}`)
  const force = o.force ?? false
  const steps = [
    writeFile(root, '.github/ai-log-trail.yml', RULES_FILE, force),
    writeFile(root, '.github/workflows/ai-log-trail.yml', WORKFLOW_FILE, force),
    ignoreLines(root)
  ]
  for (const hook of new Set(o.hooks ?? [])) {
    if (hook === 'claude') steps.push(claudeHook(root))
    if (hook === 'pre-push') {
      const hooksDir = join(gitDir(root) ?? join(root, '.git'), 'hooks')
      const step = writeFile(hooksDir, 'pre-push', PRE_PUSH_HOOK, force, 0o755)
      steps.push({ ...step, path: join(hooksDir, 'pre-push').replace(root + '/', '') })
    }
  }
  return steps
}
