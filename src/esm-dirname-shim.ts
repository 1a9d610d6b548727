// better-sqlite3@13's binding loader reads the CommonJS `__dirname` while probing for its native
// module. In an ncc ESM bundle that free variable is undefined, so point it at dist/ before the
// first database is opened. Must be the first import of a bundle entry.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const g = globalThis as { __dirname?: string }
g.__dirname ??= dirname(fileURLToPath(import.meta.url))
