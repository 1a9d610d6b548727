import { z } from 'zod'
import { ConfigSchema } from './schema.js'

/** Where the published schema lives (docs/config.schema.json). */
export const CONFIG_SCHEMA_PATH = 'docs/config.schema.json'

/**
 * The JSON Schema of `.github/ai-log-trail.yml`, generated from the zod schema so editors
 * complete and check the file exactly as ai-log-trail validates it. Unknown keys are errors
 * in both. A test compares it with the committed file.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ConfigSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  const { $schema, ...rest } = generated
  return {
    $schema,
    title: 'ai-log-trail rules (.github/ai-log-trail.yml)',
    description: 'Redaction rules, content policy, overrides and defaults for ai-log-trail. See docs/configuration.md.',
    ...rest
  }
}

export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n'
}
