import { z } from 'zod'

/** Who makes a review change and why: every tag, note and disposition function records it in the history. */
export const ReviewChangeSchema = z.strictObject({
  actor: z.string().trim().min(1),
  reason: z.string().trim().min(1).optional(),
  /** When (ISO 8601); default now. */
  at: z.string().min(1).optional()
})
export type ReviewChange = z.input<typeof ReviewChangeSchema>

/** The prompt number as the review tables store it: 0 stands for the whole session (prompts count from 1). */
export const storedPrompt = (prompt: number | null | undefined): number => prompt ?? 0

/** The prompt number as the API gives it: null for the whole session. */
export const promptOf = (stored: number): number | null => (stored === 0 ? null : stored)

/** The change with its time settled, so the row and its history entry carry the same instant. */
export function settled(change: ReviewChange): { actor: string; reason?: string; at: string } {
  const c = ReviewChangeSchema.parse(change)
  return { actor: c.actor, reason: c.reason, at: c.at ?? new Date().toISOString() }
}
