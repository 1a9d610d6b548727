import type { Config } from '../config/schema.js'
import type { IngestError } from '../ingest/ingest.js'
import { redactText } from '../redact/engine.js'
import { lateCheckOptions } from '../redact/late/check.js'

/** A warning the step writes to the workflow log, with the file and line it points at. */
export interface ProblemAnnotation {
  message: string
  file: string
  line: number | undefined
}

/**
 * The ingest's problems as the step's warnings. The workflow log is published with the run, and a
 * problem's reason can quote a log's own text (a JSON parser's message shows the bytes it choked
 * on): each reason goes through every detector first, as the published files do.
 */
export function problemAnnotations(errors: readonly IngestError[], config: Config, max = 100): ProblemAnnotation[] {
  const engine = lateCheckOptions(config)
  return errors.slice(0, max).map((e) => ({ message: redactText(e.reason, engine).text, file: e.file, line: e.line ?? undefined }))
}
