import { isLocalTime } from '../model/local-time.js'
import type { SessionFacts } from '../store/scope-facts.js'
import { canonicalPath, namesFile, relativeInside } from './paths.js'
import type { Scope, ScopeReason } from './types.js'

/** A change under review: a pull request, or a release against the one before. */
export interface ChangeSpec {
  kind: 'pr' | 'release'
  label: string
  repoRoot: string
  /** The pull request's head branch; a release has none. */
  branch: string | null
  /** Files the change adds or modifies, relative to the repository root; null when they could not be listed. */
  changedFiles: string[] | null
  /** Commit times bounding the change: after the base (previous release, merge base), up to the head. */
  span: { from: string | null; to: string | null }
  /** Log paths given to this run from outside the repository: written by an agent in the same job. */
  workflowPaths: string[]
  /** The ref the span starts from (the previous release tag), named in the `since` reason. */
  since?: { ref: string | null }
  /** The pull request itself (`owner/repo` and number), for sessions an agent linked to it. */
  pullRequest?: { repository: string; number: number }
}

const PULL_URL = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/pull\/(\d+)(?:[/?#]|$)/

/** Whether a pull request URL an agent recorded names this pull request (owner and name compared as GitHub does, ignoring case). */
export function namesPullRequest(url: string, pr: { repository: string; number: number }): boolean {
  const m = PULL_URL.exec(url)
  return m !== null && Number(m[3]) === pr.number && `${m[1]}/${m[2]}`.toLowerCase() === pr.repository.toLowerCase()
}

/** How far a wall-clock time without a zone may be from UTC: the zones in use run from −12 to +14 hours. */
const ZONES_BEHIND_MS = 12 * 3_600_000
const ZONES_AHEAD_MS = 14 * 3_600_000

/**
 * Whether a time may fall within the span. A zone-less wall-clock time (Aider's headers) was
 * written in the zone of a machine this job does not know, so it stands for every instant it
 * can be, and counts when any of them falls within the span: read as the runner's zone, a
 * session in Tokyo or California would fall outside its own pull request's commits.
 */
function within(ts: string | null, span: ChangeSpec['span']): boolean {
  if (ts === null) return false
  const local = isLocalTime(ts)
  const t = Date.parse(local ? `${ts}Z` : ts)
  if (Number.isNaN(t)) return false
  const [earliest, latest] = local ? [t - ZONES_AHEAD_MS, t + ZONES_BEHIND_MS] : [t, t]
  if (span.from !== null && latest <= Date.parse(span.from)) return false
  if (span.to !== null && earliest > Date.parse(span.to)) return false
  return true
}

function changeReasons(s: SessionFacts, spec: ChangeSpec, root: string, workflow: string[]): ScopeReason[] {
  const reasons: ScopeReason[] = []
  const logs = s.log_files.map(canonicalPath)
  if (spec.changedFiles) {
    const changed = new Set(spec.changedFiles)
    const added = logs.map((p) => relativeInside(p, root)).find((rel) => rel !== null && changed.has(rel))
    if (added) reasons.push({ kind: 'log-in-change', path: added })
  }
  const pr = spec.pullRequest
  if (pr && s.pull_requests.some((u) => namesPullRequest(u, pr))) reasons.push({ kind: 'pr-link', agent: s.agent })
  if (spec.branch !== null && s.branch === spec.branch) reasons.push({ kind: 'branch', branch: s.branch })
  const fromJob = logs.find((p) => workflow.some((w) => p === w || relativeInside(p, w) !== null))
  if (fromJob) reasons.push({ kind: 'workflow', path: fromJob })
  if (spec.since && within(s.started_at, spec.span)) reasons.push({ kind: 'since', ref: spec.since.ref })
  if (spec.changedFiles && spec.changedFiles.length > 0) {
    const inSpan = s.edits.filter((e) => within(e.ts, spec.span))
    const hit = spec.changedFiles.filter((f) => inSpan.some((e) => namesFile(e.path, f)))
    if (hit.length > 0) reasons.push({ kind: 'touched', files: hit.length, of: spec.changedFiles.length })
  }
  return reasons
}

/** The sessions that made a change, each with every reason that holds for it. */
export function scopeToChange(facts: Iterable<SessionFacts>, spec: ChangeSpec): Scope {
  const root = canonicalPath(spec.repoRoot)
  const workflow = spec.workflowPaths.map(canonicalPath).filter((p) => relativeInside(p, root) === null)
  const sessions: Scope['sessions'] = []
  for (const s of facts) {
    const reasons = changeReasons(s, spec, root, workflow)
    if (reasons.length > 0) sessions.push({ id: s.id, reasons })
  }
  return { kind: spec.kind, label: spec.label, sessions }
}

// One reasons list shared by every session it applies to: a large store's scope would otherwise hold
// an array and an object per session that all say the same. Frozen, so no holder can change it
// for the others.
const PATHS_REASONS: ScopeReason[] = Object.freeze([Object.freeze({ kind: 'paths' as const })]) as unknown as ScopeReason[]
const ALL_REASONS: ScopeReason[] = Object.freeze([Object.freeze({ kind: 'all' as const })]) as unknown as ScopeReason[]

/** The sessions whose logs lie in the given files or folders, whatever else the database holds. */
export function scopeToPaths(facts: Iterable<SessionFacts>, paths: readonly string[], label = 'the given logs'): Scope {
  const roots = paths.map(canonicalPath)
  const inPaths = (s: SessionFacts): boolean => s.log_files.map(canonicalPath).some((p) => roots.some((r) => p === r || relativeInside(p, r) !== null))
  const sessions: Scope['sessions'] = []
  for (const s of facts) if (inPaths(s)) sessions.push({ id: s.id, reasons: PATHS_REASONS })
  return { kind: 'paths', label, sessions }
}

/** Every session found. */
export function scopeToAll(facts: Iterable<SessionFacts>, label = 'every session found'): Scope {
  const sessions: Scope['sessions'] = []
  for (const s of facts) sessions.push({ id: s.id, reasons: ALL_REASONS })
  return { kind: 'all', label, sessions }
}
