import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, extname, join, relative } from 'node:path'
import { ingestForRepo } from '../discover/discover.js'
import type { DiscoverEnv } from '../discover/locations.js'
import type { Config } from '../config/schema.js'
import type { RedactCounts } from '../redact/files.js'
import type { TagNumbering } from '../redact/hash.js'
import type { LateCheck } from '../select/report.js'
import { gitDir, repositoryRoot } from '../scope/git.js'
import { branchChange } from '../scope/local.js'
import { canonicalPath, relativeInside } from '../scope/paths.js'
import { scopeToAll, scopeToChange } from '../scope/scope.js'
import type { Scope, ScopeReason } from '../scope/types.js'
import { sessionSideFiles } from '../sources/claude-code/side-files.js'
import { openStore } from '../store/db.js'
import { readSessionFacts, type SessionFacts } from '../store/scope-facts.js'
import { CopiesRecordFile } from './copies-record.js'
import { type LazyConfig, rulesDigest } from './rules-digest.js'

export interface CollectOptions {
  repoDir: string
  /** The redaction config, or how to load it when a copy has to be made (an unchanged history needs none). */
  config: Config | LazyConfig
  /** Every session of the repository, not only the current branch's. */
  all?: boolean
  /** Only sessions that started at or after this instant (ISO). */
  since?: string
  /** The branch whose sessions are wanted (the checked-out one by default). */
  branch?: string
  /** The branch it is compared with (the default branch by default). */
  base?: string
  /** Say what would be written, write nothing. */
  dryRun?: boolean
  /** The working database; by default inside the git directory, so git never sees it. */
  database?: string
  env?: DiscoverEnv
}

export interface StagedFile {
  session: string
  agent: string
  reasons: ScopeReason[]
  /** Path of the sanitized copy, relative to the repository root. */
  path: string
  status: 'new' | 'updated' | 'unchanged'
}

export interface CollectResult {
  scope: Scope
  staged: StagedFile[]
  redactions: number
  /** What the last check of the copies found and redacted, by copy (docs/redaction.md, "The last check"). */
  late: LateCheck
}

/** Adds one copy's findings to the run's, under the copy's path in the repository. */
function mergeInto(into: LateCheck, one: LateCheck, path: string): void {
  if (one.total === 0) return
  const mine = (into.by_file[path] ??= {})
  for (const byDetector of Object.values(one.by_file)) for (const [detector, n] of Object.entries(byDetector)) mine[detector] = (mine[detector] ?? 0) + n
  into.total += one.total
}

/** One copy's last-check findings by detector (its check counts them under the staged file's name). */
function byDetector(one: LateCheck): Record<string, number> {
  const out: Record<string, number> = {}
  for (const counts of Object.values(one.by_file)) for (const [detector, n] of Object.entries(counts)) out[detector] = (out[detector] ?? 0) + n
  return out
}

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '-')

/** The copy's name for one log file of a session: `<session-id>.<ext>` for its main file, stable across runs. */
function copyName(session: SessionFacts, file: string): string {
  const plain = basename(file).replace(/\.(zst|gz)$/, '')
  const ext = extname(plain) || '.log'
  const main = session.log_files.length === 1 || plain.includes(session.id)
  return main ? `${safeName(session.id)}${ext}` : join(safeName(session.id), safeName(plain))
}

/**
 * The redaction engine, loaded when a copy has to be made: an unchanged history needs none of it,
 * and loading it is most of a short run.
 */
async function copier(config: Config) {
  const [{ redactFile }, { lateCheckOptions, renumbered }, { lateCheckFiles }, { IdentifierTags, redactionKey }, { FINDING_TAG_KINDS }] = await Promise.all([
    import('../redact/files.js'),
    import('../redact/late/check.js'),
    import('../redact/late/files.js'),
    import('../redact/hash.js'),
    import('../redact/engine-options.js')
  ])
  const lateOptions = lateCheckOptions(config)
  // Each copy numbers its identifiers on its own; the last check of a copy continues its numbers.
  const numberings = new Map<string, TagNumbering>()
  return {
    redact: async (file: string, target: string, counts: RedactCounts) => {
      const tags = new IdentifierTags(redactionKey())
      const written = await redactFile(file, target, config, counts, tags)
      numberings.set(written, tags.numbering(FINDING_TAG_KINDS))
      return written
    },
    lateCheck: (path: string) => lateCheckFiles([path], renumbered(lateOptions, config, numberings.get(path) ?? {}), dirname(path))
  }
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)])
  if (!sa || !sb || sa.size !== sb.size) return false
  return (await readFile(a)).equals(await readFile(b))
}

/**
 * Stages this repository's sessions as sanitized copies under `.ai-logs/<agent>/`: by default
 * those of the current branch (the same rules as a pull request's scope), read from every agent's
 * default places. Only redacted bytes are written; a copy whose bytes would not change is left
 * alone, so a second run rewrites nothing.
 */
export async function collect(o: CollectOptions): Promise<CollectResult> {
  const root = repositoryRoot(o.repoDir) ?? o.repoDir
  const database = o.database ?? join(gitDir(root) ?? join(root, '.git'), 'ai-log-trail', 'collect.sqlite')
  const rules = rulesDigest(o.config)
  const record = await CopiesRecordFile.open(join(dirname(database), 'collect-copies.json'), rules)
  // Rules recorded under this digest were valid when recorded; others are checked now, before
  // anything is read, as a plain config would have been.
  let config: Config | null = 'load' in o.config ? (record.known ? null : await o.config.load()) : o.config
  const db = openStore(database)
  let facts: SessionFacts[]
  try {
    await ingestForRepo(db, root, null, { env: o.env, committedLogs: false })
    facts = readSessionFacts(db)
  } finally {
    db.close()
  }
  if (o.since) {
    // A zone-less start (Aider's headers) parses in this machine's zone, the one it was written
    // in: collect runs where the agent ran.
    const since = Date.parse(o.since)
    facts = facts.filter((f) => f.started_at !== null && Date.parse(f.started_at) >= since)
  }
  const scope = o.all
    ? scopeToAll(facts, 'every session of this repository')
    : scopeToChange(facts, branchChange({ repoDir: root, branch: o.branch, base: o.base }))
  const byId = new Map(facts.map((f) => [f.id, f]))
  const staged: StagedFile[] = []
  const counts: RedactCounts = { lines: 0, redactions: 0, by_detector: {} }
  let made: Awaited<ReturnType<typeof copier>> | null = null
  const canonicalRoot = canonicalPath(root)
  const written = new Set<string>()
  // Copies are made beside the working database, then moved: a dry run leaves `.ai-logs/` untouched.
  await mkdir(dirname(database), { recursive: true })
  const staging = await mkdtemp(join(dirname(database), 'staging-'))
  const late: LateCheck = { total: 0, by_file: {} }
  try {
    const stage = async (s: SessionFacts, reasons: ScopeReason[], file: string, target: string): Promise<void> => {
      if (written.has(target)) return
      written.add(target)
      const path = relative(root, target)
      const known = await record.unchanged(target, file)
      if (known) {
        counts.redactions += known.redactions
        mergeInto(late, { total: Object.values(known.late).reduce((a, b) => a + b, 0), by_file: { [path]: known.late } }, path)
        staged.push({ session: s.id, agent: s.agent, reasons, path, status: 'unchanged' })
        return
      }
      if (config === null) config = await (o.config as LazyConfig).load()
      made ??= await copier(config)
      const before = { at: Date.now(), file: await stat(file).catch(() => null) }
      const redactedBefore = counts.redactions
      // Staged under the copy's own name, so the last check reads it in its format, as `redact`'s copies are.
      const final = await made.redact(file, join(staging, String(written.size), basename(target)), counts)
      const found = await made.lateCheck(final)
      mergeInto(late, found, path)
      const exists = await stat(target).then(
        () => true,
        () => false
      )
      const status = !exists ? 'new' : (await sameBytes(final, target)) ? 'unchanged' : 'updated'
      if (!o.dryRun && status !== 'unchanged') {
        await mkdir(dirname(target), { recursive: true })
        await rename(final, target)
      }
      if (!o.dryRun && before.file)
        await record.made(target, file, { at: before.at, file: before.file }, { redactions: counts.redactions - redactedBefore, late: byDetector(found) })
      staged.push({ session: s.id, agent: s.agent, reasons, path, status })
    }
    for (const { id, reasons } of scope.sessions) {
      const s = byId.get(id) as SessionFacts
      const agentDir = join(root, '.ai-logs', safeName(s.agent))
      for (const file of s.log_files) {
        // A log inside the repository is there already, committed or deliberately not.
        if (relativeInside(canonicalPath(file), canonicalRoot) !== null) continue
        await stage(s, reasons, file, join(agentDir, copyName(s, file)))
        // Claude Code's large tool outputs live beside the transcript; the copy
        // `<session>.jsonl` finds them in `<session>/tool-results/`, redacted like it.
        if (s.agent === 'claude-code')
          for (const side of sessionSideFiles(file, s.id)) await stage(s, reasons, side, join(agentDir, safeName(s.id), 'tool-results', basename(side)))
      }
    }
    if (!o.dryRun) await record.save()
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return { scope, staged, redactions: counts.redactions, late }
}
