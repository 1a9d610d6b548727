// Rewrites docs/report.schema.json from the zod schema. Reads the compiled lib/, so build first:
//   npm run build && node scripts/write-schemas.js
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPORT_SCHEMA_PATH, reportJsonSchemaText } from '../lib/render/json-schema.js'

const target = join(import.meta.dirname, '..', REPORT_SCHEMA_PATH)
writeFileSync(target, reportJsonSchemaText())
console.log(`wrote ${target}`)
