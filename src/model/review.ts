import { z } from 'zod'

/** What became of a prompt, as its reviewer judged it (stored, reported and typed on the command line). */
export const DISPOSITIONS = ['followed', 'ignored', 'needs-review'] as const
export const DispositionSchema = z.enum(DISPOSITIONS)
export type Disposition = z.infer<typeof DispositionSchema>

/**
 * What a review put on a session and its prompts, as a report carries it: labels and notes
 * (redacted like every text of a report), dispositions; never who wrote them or when.
 * `prompt` is the prompt number (a turn's `ordinal`), null for the whole session.
 */
export const SessionReviewSchema = z.object({
  tags: z.array(z.object({ prompt: z.number().int().nullable(), label: z.string() })),
  notes: z.array(z.object({ prompt: z.number().int().nullable(), text: z.string() })),
  dispositions: z.array(z.object({ prompt: z.number().int(), value: DispositionSchema }))
})
export type SessionReview = z.infer<typeof SessionReviewSchema>
