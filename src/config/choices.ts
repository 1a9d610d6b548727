import { z } from 'zod'

/*
 * The values a setting can take, where the rules file, the CLI's flags, the Action's inputs and
 * the code that acts on them all read them. Their order is the order docs and messages list them in.
 */

/** How much of each session a report shows. */
export const REPORT_MODES = ['summary', 'prompts', 'actions', 'tokens', 'full'] as const
export const ReportModeSchema = z.enum(REPORT_MODES)
export type ReportMode = z.infer<typeof ReportModeSchema>

/** The files a report can be written as (src/render/index.ts has one renderer for each). */
export const REPORT_FORMATS = ['md', 'csv', 'json', 'html'] as const
export const ReportFormatSchema = z.enum(REPORT_FORMATS)
export type ReportFormat = z.infer<typeof ReportFormatSchema>

/** Where a text came from in a session log: what a rule or a content policy applies to. */
export const FIELD_KINDS = ['prompt', 'assistant', 'reasoning', 'tool_args', 'tool_output', 'path'] as const
export const FieldKindSchema = z.enum(FIELD_KINDS)

/**
 * A field kind, or `metadata`: the report's own labels (its scope's), which no policy names and
 * every rule applies to.
 */
export type FieldKind = z.infer<typeof FieldKindSchema> | 'metadata'
