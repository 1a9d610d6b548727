/** The library's public API. The Action and the CLI are thin fronts over these functions. */
export * from './model/index.js'
export type { Source, LineSource, DocumentSource, LineParser, ParseRecord, SniffInput, SourceContext } from './sources/types.js'
export { sources, recognize, registerSource } from './sources/registry.js'
export { openStore, type Db } from './store/db.js'
export { migrate, SCHEMA_VERSION } from './store/migrations.js'
export { listSessions, type SessionSummary } from './store/queries.js'
export { ingestPaths, type IngestResult, type IngestError, type IngestOptions } from './ingest/ingest.js'
