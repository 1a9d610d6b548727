import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import ts from 'typescript'
import * as api from '../src/index.js'
import { repoRoot } from './helpers.js'

/*
 * The names `src/index.ts` exports are the library's public API (CHANGELOG.md): removing or
 * renaming one breaks a user. This list changes only on purpose, with a CHANGELOG entry.
 */
const PUBLIC = [
  'Action',
  'ActionMetadata',
  'ActionRecord',
  'ActionSchema',
  'AssistantMessageSchema',
  'BUNDLED_PRICES',
  'CompactionSchema',
  'Config',
  'ConfigError',
  'ConfigSchema',
  'ContextMessageSchema',
  'DEFAULT_CONFIG_PATH',
  'DEFAULT_MAX_RECORD_BYTES',
  'Db',
  'DiscoverResult',
  'DocumentSource',
  'ENV_MAX_BYTES',
  'ENV_SESSION_ID',
  'EventKind',
  'EventKindSchema',
  'EventPayload',
  'EventPayloadSchema',
  'FileChangeSchema',
  'FilterInput',
  'Filters',
  'FiltersSchema',
  'FormatWarning',
  'FormatWarningSchema',
  'IngestError',
  'IngestOptions',
  'IngestResult',
  'LateCheck',
  'LateCheckSchema',
  'LinkSchema',
  'LineParser',
  'LineSource',
  'MAX_TOKENS_PER_MESSAGE',
  'MIN_MAX_RECORD_BYTES',
  'MarkerSchema',
  'NormalizedEvent',
  'OtherSchema',
  'PRICES_AS_OF',
  'ParentRelation',
  'ParentRelationSchema',
  'ParseRecord',
  'PayloadOf',
  'PlanUpdateSchema',
  'Price',
  'RECORDER_FORMAT',
  'RECORD_TYPES',
  'RECORD_VERSION',
  'REPORT_FORMATS',
  'REPORT_SCHEMA_VERSION',
  'RateLimitSchema',
  'ReasoningSchema',
  'RecordType',
  'Recorder',
  'RecorderOptions',
  'RecorderRecord',
  'RedactionRecord',
  'RepoIdentity',
  'Report',
  'ReportFormat',
  'ReportMode',
  'ReportModeSchema',
  'ReportSchema',
  'SCHEMA_VERSION',
  'SelectOptions',
  'SessionEndRecord',
  'SessionMetaSchema',
  'SessionPatch',
  'SessionPatchSchema',
  'SessionReport',
  'SessionReportSchema',
  'SessionStartRecord',
  'SessionSummary',
  'SniffInput',
  'Source',
  'SourceContext',
  'StatusSnapshotSchema',
  'TOKEN_FIELDS',
  'TokenCounts',
  'TokenCountsSchema',
  'TokenUsageSchema',
  'ToolCallSchema',
  'ToolResultSchema',
  'Turn',
  'TurnContextSchema',
  'TurnSchema',
  'UsageRow',
  'UsageRowSchema',
  'UserPromptSchema',
  'addTokens',
  'badTokenField',
  'belongsTo',
  'buildReport',
  'builtinDetectors',
  'defaultLocations',
  'detectorIds',
  'exportSanitized',
  'hasNegative',
  'ingestForRepo',
  'ingestPaths',
  'isTokenCount',
  'isZeroTokens',
  'listSessions',
  'loadConfig',
  'migrate',
  'normalizeFilters',
  'normalizeModel',
  'openRecorder',
  'openStore',
  'parseConfig',
  'recognize',
  'redactFiles',
  'redactJson',
  'redactLine',
  'redactReport',
  'redactText',
  'registerSource',
  'renderCsv',
  'renderHtml',
  'renderJson',
  'renderMarkdown',
  'renderReport',
  'repoIdentity',
  'selectReport',
  'sources',
  'subtractTokens',
  'tokensEqual',
  'writeReportFiles',
  'zeroTokens'
]

/** Every name the module exports, types included, as the compiler sees them. */
function exportedNames(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: []
  })
  const checker = program.getTypeChecker()
  const file = program.getSourceFile(entry)
  const module = file && checker.getSymbolAtLocation(file)
  if (!module) throw new Error(`no module at ${entry}`)
  return checker
    .getExportsOfModule(module)
    .map((s) => s.getName())
    .sort()
}

describe('public API', () => {
  it('src/index.ts exports exactly the pinned names, types included', () => {
    expect(exportedNames(join(repoRoot, 'src', 'index.ts'))).toEqual([...PUBLIC].sort())
  }, 120_000)

  it('every pinned value is there at run time', () => {
    const values = Object.keys(api).sort()
    expect(values.length).toBeGreaterThan(50)
    expect(values.filter((v) => !PUBLIC.includes(v))).toEqual([])
  })
})
