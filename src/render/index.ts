import { REPORT_FORMATS, type ReportFormat } from '../config/choices.js'
import type { Report } from '../select/report.js'
import { renderCsv } from './csv.js'
import { renderHtml } from './html.js'
import { renderJson } from './json.js'
import { renderMarkdown, type MarkdownOptions } from './markdown.js'

export { renderMarkdown, type MarkdownOptions } from './markdown.js'
export { renderCsv, CSV_FILES, type CsvFile } from './csv.js'
export { renderJson } from './json.js'
export { renderHtml } from './html.js'
export { REPORT_FORMATS, type ReportFormat } from '../config/choices.js'
export { reportJsonSchema, reportJsonSchemaText, REPORT_SCHEMA_PATH } from './json-schema.js'

export interface RenderedFile {
  /** A bare file name, to be written inside whatever output directory the caller chose. */
  name: string
  content: string
}

export interface RenderResult {
  files: RenderedFile[]
}

export interface RenderOptions {
  markdown?: MarkdownOptions
}

type Renderer = (report: Report, opts: RenderOptions) => RenderedFile[]

/** One entry per output format, so the CLI and the Action write any of them the same way. */
const RENDERERS = {
  md: (report, opts) => [{ name: 'report.md', content: renderMarkdown(report, opts.markdown) }],
  json: (report) => [{ name: 'report.json', content: renderJson(report) }],
  csv: (report) => [...renderCsv(report)].map(([name, content]) => ({ name, content })),
  html: (report) => [{ name: 'report.html', content: renderHtml(report) }]
} satisfies Record<ReportFormat, Renderer>

export function renderReport(report: Report, format: ReportFormat, opts: RenderOptions = {}): RenderResult {
  const render: Renderer | undefined = RENDERERS[format]
  if (!render) throw new Error(`unknown report format: ${String(format)} (known: ${REPORT_FORMATS.join(', ')})`)
  return { files: render(report, opts) }
}
