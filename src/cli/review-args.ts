import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import { ZodError } from 'zod'
import { openStore, type Db } from '../store/db.js'
import type { ReviewChange } from '../store/review-change.js'
import { checkPrompt, resolveSession, ReviewTargetError } from '../store/review-target.js'
import { type CliIo, UsageError } from './io.js'

/*
 * What the review commands (`tag`, `note`, `disposition`, `history`) share: their options, who
 * makes a change, which session and prompt it names, and one line for what went wrong.
 */

export const reviewOptions = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  actor: { type: 'string' },
  reason: { type: 'string' },
  prompt: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

export const reviewOptionsHelp = `  --prompt N   the prompt number in the session (1 = first); without it, the whole session
  --actor NAME who makes the change (default: git config user.name, else the login name)
  --reason R   why, for the history
  --db FILE    database file (default ./ai-log-trail.sqlite)
  --json       print JSON instead of text
  -h, --help   show this help`

/** Who a change is by when no `--actor` is given: the git user of `cwd`, else the login name. */
export function defaultActor(cwd = process.cwd()): string {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim()
    if (name) return name
  } catch {
    // not a repository, no git, or no name set
  }
  try {
    return userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

export function changeOf(values: { actor?: string; reason?: string }): ReviewChange {
  const actor = values.actor?.trim() || defaultActor()
  const reason = values.reason?.trim() || undefined
  return { actor, reason }
}

/** A `--prompt` value as a positive whole number. */
export function parsePrompt(v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new UsageError(`--prompt takes a prompt number (1 = first): ${v}`)
  return Number(v)
}

/** The stored session and (when given) prompt a command names; an unknown one is an error. */
export function targetOf(db: Db, session: string, prompt: number | undefined): { session: string; prompt: number | undefined } {
  const id = resolveSession(db, session)
  if (prompt !== undefined) checkPrompt(db, id, prompt)
  return { session: id, prompt }
}

/**
 * Opens the store a review command works on (it must exist: there is nothing to review in a new
 * one), runs the command, and turns a wrong session, prompt or value into one line and exit 1.
 */
export function withReviewStore(path: string | undefined, io: CliIo, run: (db: Db) => number): number {
  const file = path ?? 'ai-log-trail.sqlite'
  if (!existsSync(file)) throw new UsageError(`database does not exist: ${file} (run ai-log-trail ingest first)`)
  const db = openStore(file)
  try {
    return run(db)
  } catch (e) {
    if (e instanceof ReviewTargetError) {
      io.err(`${e.message}\n`)
      return 1
    }
    if (e instanceof ZodError) {
      io.err(`${e.issues.map((i) => i.message).join('; ')}\n`)
      return 1
    }
    throw e
  } finally {
    db.close()
  }
}

/** "session 0199a1b2…, prompt 2" for messages. */
export function describeTarget(session: string, prompt: number | null | undefined): string {
  return prompt ? `session ${session}, prompt ${prompt}` : `session ${session}`
}

/** The subcommand and its operands; an unknown subcommand is a usage error. */
export function subcommand<T extends string>(positionals: string[], allowed: readonly T[], command: string): { sub: T; rest: string[] } {
  const [sub, ...rest] = positionals
  if (sub === undefined) throw new UsageError(`give a subcommand: ${allowed.join(', ')} (see ai-log-trail ${command} --help)`)
  if (!(allowed as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand '${sub}' (${allowed.join(', ')})`)
  return { sub: sub as T, rest }
}

/** Exactly `n` operands after the subcommand, named in the error. */
export function operands(rest: string[], names: string[]): string[] {
  if (rest.length !== names.length) throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(' ') || 'nothing'} here, got ${rest.length} argument(s)`)
  return rest
}
