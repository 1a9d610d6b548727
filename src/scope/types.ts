import { z } from 'zod'

/** Which sessions a report is about. */
export const ScopeKindSchema = z.enum(['pr', 'release', 'paths', 'all'])
export type ScopeKind = z.infer<typeof ScopeKindSchema>

/** Why one session is in a report; a session may have several. */
export const ScopeReasonSchema = z.discriminatedUnion('kind', [
  /** The agent itself linked the session to this pull request (Claude Code's `pr-link`). */
  z.object({ kind: z.literal('pr-link'), agent: z.string() }),
  /** The agent recorded the pull request's head branch (or the branch asked for). */
  z.object({ kind: z.literal('branch'), branch: z.string() }),
  /** Its log file is added or changed by the pull request (or the release). */
  z.object({ kind: z.literal('log-in-change'), path: z.string() }),
  /** The log was given to this run from outside the repository: an agent that ran in the same job. */
  z.object({ kind: z.literal('workflow'), path: z.string() }),
  /** It edited changed files within the time span of the change's commits. */
  z.object({ kind: z.literal('touched'), files: z.number().int().positive(), of: z.number().int().nonnegative() }),
  /** It started within the release's span (after the previous tag). */
  z.object({ kind: z.literal('since'), ref: z.string().nullable() }),
  /** Its log was one of the paths given to the run. */
  z.object({ kind: z.literal('paths') }),
  /** No scope was asked for: every session found. */
  z.object({ kind: z.literal('all') })
])
export type ScopeReason = z.infer<typeof ScopeReasonSchema>

export const ScopeSchema = z.object({
  kind: ScopeKindSchema,
  /** One phrase naming the set, for the report's first sentence: "pull request #12 (branch `feat/x`)". */
  label: z.string(),
  /** Every session in scope, with why, in the order sessions are listed. */
  sessions: z.array(z.object({ id: z.string(), reasons: z.array(ScopeReasonSchema).min(1) }))
})
export type Scope = z.infer<typeof ScopeSchema>
