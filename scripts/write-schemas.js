// Rewrites docs/report.schema.json and docs/config.schema.json from the zod schemas. Reads the
// compiled lib/, so build first:  npm run build && node scripts/write-schemas.js
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPORT_SCHEMA_PATH, reportJsonSchemaText } from '../lib/render/json-schema.js'
import { CONFIG_SCHEMA_PATH, configJsonSchemaText } from '../lib/config/json-schema.js'

for (const [path, text] of [
  [REPORT_SCHEMA_PATH, reportJsonSchemaText()],
  [CONFIG_SCHEMA_PATH, configJsonSchemaText()]
]) {
  const target = join(import.meta.dirname, '..', path)
  writeFileSync(target, text)
  console.log(`wrote ${target}`)
}
