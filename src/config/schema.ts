import { z } from 'zod'
import { PriceSchema } from '../pricing/prices.js'
import { FieldKindSchema, ReportFormatSchema, ReportModeSchema } from './choices.js'

/**
 * The rules file (`.github/ai-log-trail.yml`). One zod schema validates it, types it, and
 * generates `docs/config.schema.json` for editors. Every object is strict: a typo in a key is
 * an error with its line and column, never silently ignored.
 */
const FieldPolicySchema = z.union([
  z
    .enum(['include', 'redact', 'drop', 'hash'])
    .describe(
      'include: text as written (still subject to overrides and markers); redact: every detector applied (default); drop: removed; hash: replaced by a tag, [hash:…] (a keyed hash, with a redaction key) or [hash#n] (numbered within the report)'
    ),
  z.strictObject({ truncate: z.number().int().positive().describe('redact, then keep at most this many characters') })
])
export type FieldPolicy = z.infer<typeof FieldPolicySchema>

const PackSchema = z.union([
  z.boolean(),
  z.strictObject({
    enabled: z.boolean().default(true),
    disable: z.array(z.string()).default([]).describe('detector ids of this pack to turn off')
  })
])

/** A value kept out of the rules file's text: a salted SHA-256 of it and its length (see `redact/hashed-literal.ts`). */
export const HashedLiteralSchema = z
  .strictObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
    salt: z.string().regex(/^[0-9a-f]{16,64}$/, '16 to 64 lower-case hex digits'),
    length: z.number().int().positive().describe("the value's length in characters")
  })
  .describe('a secret-looking value written as sha256(salt, NUL, value) and its length, so the committed file does not hold it in clear')
export type HashedLiteral = z.infer<typeof HashedLiteralSchema>

const RuleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" and "-"')
      .describe('the detector id shown in markers and counts'),
    description: z.string().optional(),
    pattern: z.string().optional().describe('a regular expression (RE2 syntax: linear time, no backreferences or lookaround)'),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'only i, m, s, u')
      .optional()
      .describe('regular expression flags: i, m, s, u'),
    literals: z.array(z.string().min(1)).optional().describe('exact strings, matched case-insensitively'),
    words: z.array(z.string().min(1)).optional().describe('whole words, matched case-insensitively'),
    hashed: z
      .array(HashedLiteralSchema)
      .min(1)
      .optional()
      .describe('exact values written as salted hashes (secret-looking values the review page redacts everywhere), found at token boundaries'),
    replacement: z.string().optional().describe('text to put instead of a match (default [REDACTED:<id>])'),
    fields: z.array(FieldKindSchema).optional().describe('field kinds the rule applies to (default all)')
  })
  .refine((r) => [r.pattern, r.literals, r.words, r.hashed].filter((x) => x !== undefined).length === 1, {
    message: 'a rule needs exactly one of pattern, literals, words or hashed'
  })
export type Rule = z.infer<typeof RuleSchema>

const AuditSchema = {
  actor: z.string().min(1).describe('who decided it'),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  reason: z.string().min(1).describe('why, for the audit trail')
}

const OverrideSchema = z
  .strictObject({
    session: z.string().min(4).describe('session id or a unique prefix'),
    prompt: z.number().int().positive().optional().describe('the prompt number in the session (1 = first)'),
    event: z.number().int().positive().optional().describe('an event id from the database (changes when the database is rebuilt: prefer prompt with action)'),
    action: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'with prompt, for a field other than prompt: the event by its place under that prompt (1 = the first thing recorded after it), which stays right when the database is rebuilt from the same logs'
      ),
    field: z.enum(['prompt', 'text', 'arguments', 'output']).default('prompt').describe('which text of the prompt or event to replace'),
    find: z
      .union([z.string().min(1), HashedLiteralSchema])
      .optional()
      .describe('replace only this text in the field (every place it occurs there), not the whole field; a secret-looking one is written hashed'),
    replacement: z.string().optional().describe(`the text published instead (with find, default ${'`'}[REDACTED:override]${'`'})`),
    ...AuditSchema
  })
  .refine((o) => (o.prompt === undefined) !== (o.event === undefined), { message: 'an override names either a prompt number or an event id' })
  .refine((o) => o.action === undefined || (o.prompt !== undefined && o.field !== 'prompt'), {
    message: 'an override names an action with its prompt number, for a field other than prompt'
  })
  .refine((o) => o.find !== undefined || o.replacement !== undefined, { message: 'an override without find needs a replacement' })
export type Override = z.infer<typeof OverrideSchema>

const AllowEntrySchema = z
  .strictObject({
    detector: z.string().min(1).describe('the detector or rule id whose finding is kept; other detectors still apply'),
    value: z.string().min(1).optional().describe('the exact text kept'),
    pattern: z.string().min(1).optional().describe('a regular expression (RE2 syntax) a kept text matches whole or in part'),
    ...AuditSchema
  })
  .refine((a) => (a.value === undefined) !== (a.pattern === undefined), { message: 'an allow entry needs exactly one of value or pattern' })
export type AllowEntry = z.infer<typeof AllowEntrySchema>

const PrivateSchema = z.strictObject({
  session: z.string().min(4).describe('session id or a unique prefix'),
  prompt: z.number().int().positive().optional().describe('one prompt number (1 = first); absent: the whole session'),
  ...AuditSchema
})
export type PrivateEntry = z.infer<typeof PrivateSchema>

export const ConfigSchema = z.strictObject({
  version: z.literal(1).default(1).describe('format version of this file'),
  preset: z
    .enum(['redacted', 'metadata-only'])
    .default('redacted')
    .describe('redacted: text with every detector applied; metadata-only: counts, tool names, first word of commands, tagged identifiers, no text'),
  packs: z
    .strictObject({ secrets: PackSchema.default(true), pii: PackSchema.default(true), paths: PackSchema.default(true) })
    .default({ secrets: true, pii: true, paths: true })
    .describe('built-in detector packs: true, false, or { enabled, disable: [detector ids] }'),
  pii: z
    .strictObject({
      private_ips: z
        .boolean()
        .default(false)
        .describe(
          'also redact private, carrier-NAT and link-local addresses (10.0.0.1, 192.168.1.20, 172.16.0.5, fd00::1, fe80::…); public addresses are always redacted, loopback and documentation addresses never'
        )
    })
    .default({ private_ips: false })
    .describe('options of the pii pack'),
  rules: z.array(RuleSchema).default([]).describe('your own rules: exactly one of pattern, literals, words or hashed each'),
  keys: z.array(z.string().min(1)).default([]).describe('extra key names whose values are always secret (password=, "api_key": …, --token X)'),
  allow: z
    .strictObject({
      patterns: z.array(z.string()).default([]).describe('regular expressions (RE2 syntax, as for rules); a value any of them matches is kept'),
      literals: z.array(z.string()).default([]),
      placeholders: z.array(z.string()).default([]),
      entries: z.array(AllowEntrySchema).default([]).describe('values kept from one detector only (a false positive), each with actor, date and reason')
    })
    .default({ patterns: [], literals: [], placeholders: [], entries: [] })
    .describe('values never redacted: regular expressions, exact strings, placeholder words, and per-detector entries'),
  fields: z
    .partialRecord(FieldKindSchema, FieldPolicySchema)
    .default({})
    .describe(
      'content policy per field kind (prompt, assistant, reasoning, tool_args, tool_output, path): include, redact (default), drop, hash, or { truncate: N }'
    ),
  hash_identifiers: z
    .strictObject({ emails: z.boolean().default(true), home_users: z.boolean().default(true), repository_urls: z.boolean().default(false) })
    .default({ emails: true, home_users: true, repository_urls: false })
    .describe(
      'tag these identifiers instead of a bare marker, so two can still be told apart without revealing either: [REDACTED:email:…] is a keyed hash with a redaction key (AI_LOG_TRAIL_REDACTION_KEY, the redaction-key input), [REDACTED:email#n] numbers them within the report without one'
    ),
  overrides: z.array(OverrideSchema).default([]).describe('manual replacements, each with actor, date and reason, recorded in the redactions table'),
  private: z.array(PrivateSchema).default([]).describe('sessions or single prompts published empty (their counts kept), each with actor, date and reason'),
  defaults: z
    .strictObject({
      paths: z.array(z.string()).optional(),
      database: z.string().optional(),
      out: z.string().optional(),
      batch_size: z.number().int().positive().optional(),
      timezone: z.string().optional(),
      mode: ReportModeSchema.optional(),
      formats: z.array(ReportFormatSchema).optional()
    })
    .default({})
    .describe('values flags and action inputs would otherwise give; flags and inputs override them'),
  pricing: z
    .record(z.string(), PriceSchema)
    .default({})
    .describe('USD per million tokens by model name, overriding or adding to the bundled table: { input, cached_input, cache_write, output, long_context }')
})
export type Config = z.infer<typeof ConfigSchema>
