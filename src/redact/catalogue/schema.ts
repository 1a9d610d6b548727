import { z } from 'zod'

/*
 * One test case of another secret scanner, as stored in fixtures/redaction/catalogue/*.jsonl.
 * Values are stored cut into `parts` (and the secret inside a value into `secret_parts`) so this
 * repository never holds a contiguous token that a scanner or GitHub push protection would flag.
 */
export const CatalogueCaseSchema = z.strictObject({
  scanner: z.string().min(1),
  rule: z.string().min(1),
  family: z.string().min(1),
  polarity: z.enum(['positive', 'negative']),
  parts: z.array(z.string()).min(1),
  /** The secret inside the value, when it is not the whole value. */
  secret_parts: z.array(z.string()).min(1).optional(),
  /** How the secret was located: the scanner's own report or generator, the rule's regex, or a heuristic. */
  secret_from: z.enum(['scanner', 'generator', 'regex', 'heuristic']).optional(),
  /** `path@commit` of the scanner's file the case comes from. */
  source: z.string().regex(/^.+@[0-9a-f]{40}$/),
  /** Generated from the rule's regex shape with a fixed seed, as the scanner's own test generates it. */
  generated: z.literal(true).optional(),
  /** A positive the scanner itself marks as fake (EXAMPLE, masked runs, …); see SOURCES.md for the rule. */
  placeholder: z.literal(true).optional(),
  placeholder_reason: z.enum(['word', 'masked-run', 'few-distinct', 'repeated-unit', 'ascending-run']).optional(),
  keywords: z.array(z.string()).optional()
})
export type CatalogueCase = z.infer<typeof CatalogueCaseSchema>

/** The value as the scanner wrote it. */
export const caseValue = (c: CatalogueCase): string => c.parts.join('')

/** What must not survive for a positive: its secret, or the whole value when no secret is marked. */
export const caseSecret = (c: CatalogueCase): string => (c.secret_parts ? c.secret_parts.join('') : caseValue(c))
