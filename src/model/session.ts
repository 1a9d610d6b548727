import { z } from 'zod'

/** How a session relates to the one it came from. */
export const ParentRelationSchema = z.enum(['fork', 'resume', 'subagent'])
export type ParentRelation = z.infer<typeof ParentRelationSchema>

/**
 * What a source knows about a session. Every field but `id` and `agent` is optional because
 * sources learn them line by line and some formats never record them; the store merges patches
 * (first non-null value wins for start fields, last wins for end fields).
 */
export const SessionPatchSchema = z.object({
  id: z.string().min(1),
  agent: z.string().min(1),
  agent_version: z.string().nullish(),
  originator: z.string().nullish(),
  source: z.string().nullish(),
  started_at: z.string().nullish(),
  ended_at: z.string().nullish(),
  cwd: z.string().nullish(),
  repository_url: z.string().nullish(),
  branch: z.string().nullish(),
  commit_sha: z.string().nullish(),
  parent_id: z.string().nullish(),
  parent_relation: ParentRelationSchema.nullish(),
  title: z.string().nullish(),
  /** The agent's own cost figure for the session (e.g. Claude's `total_cost_usd`). */
  reported_cost_usd: z.number().nullish()
})
export type SessionPatch = z.infer<typeof SessionPatchSchema>
