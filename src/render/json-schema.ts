import { z } from 'zod'
import { REPORT_SCHEMA_VERSION, ReportSchema } from '../select/report.js'

/** Where the published schema lives in the repository (docs/report.schema.json). */
export const REPORT_SCHEMA_PATH = 'docs/report.schema.json'

/**
 * The JSON Schema of `report.json`, generated from the zod schema so the two cannot drift. A
 * test compares it with the committed file; `node scripts/write-schemas.js` rewrites that.
 */
export function reportJsonSchema(): Record<string, unknown> {
  // `input` leaves objects open (no `additionalProperties: false`): fields added within a
  // schema_version must not make yesterday's validators reject today's reports.
  const generated = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>
  const { $schema, ...rest } = generated
  return {
    $schema,
    title: `ai-log-trail report, schema_version ${REPORT_SCHEMA_VERSION}`,
    description:
      'A transparency report of AI coding agent sessions, as ai-log-trail writes it to report.json. Costs are USD; `cost_usd: null` means unpriced, never zero.',
    ...rest
  }
}

/** The file's exact text. */
export function reportJsonSchemaText(): string {
  return JSON.stringify(reportJsonSchema(), null, 2) + '\n'
}
