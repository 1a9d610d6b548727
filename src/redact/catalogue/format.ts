import { LEFT_ON_PURPOSE } from './decisions.js'
import { share, type CatalogueResult, type Outcome, type Tallies, type Tally } from './measure.js'

const pct = (t: Tally): string => (t.total === 0 ? '-' : `${(share(t) * 100).toFixed(1)}%`)
const frac = (t: Tally): string => `${t.hit}/${t.total}`

function table(title: string, rows: Array<[string, Tallies & { brokenJson?: number }]>): string[] {
  const width = Math.max(title.length, ...rows.map(([k]) => k.length))
  const head = `${title.padEnd(width)}  ${'redacted'.padStart(11)}  ${'recall'.padStart(6)}  ${'bare secret'.padStart(11)}  ${'placeholders'.padStart(12)}  ${'neg. touched'.padStart(12)}  ${'share'.padStart(6)}  ${'touched, all'.padStart(12)}  ${'also positive'.padStart(13)}  ${'personal data'.padStart(13)}  ${'by name'.padStart(9)}  ${'assigned neg.'.padStart(13)}`
  const lines = [head, '-'.repeat(head.length)]
  for (const [k, t] of rows) {
    lines.push(
      `${k.padEnd(width)}  ${frac(t.positives).padStart(11)}  ${pct(t.positives).padStart(6)}  ${frac(t.barePositives).padStart(11)}  ${frac(t.placeholders).padStart(12)}  ${frac(t.negatives).padStart(12)}  ${pct(t.negatives).padStart(6)}  ${frac(t.touchedAll).padStart(12)}  ${frac(t.alsoPositive).padStart(13)}  ${frac(t.personalData).padStart(13)}  ${frac(t.byName).padStart(9)}  ${frac(t.assignedNegatives).padStart(13)}` +
        (t.brokenJson ? `  broken JSON: ${t.brokenJson}` : '')
    )
  }
  return lines
}

/**
 * Groups outcomes by rule and says where each missed: every carrier, or which ones, per form.
 * Rule ids and carriers only, so no value is ever printed.
 */
function listOutcomes(title: string, outcomes: Outcome[], carrierCount: number, note: (rule: string) => string | undefined = () => undefined): string[] {
  if (outcomes.length === 0) return [`${title}: none`]
  const byRule = new Map<string, Map<string, Set<string>>>()
  for (const o of outcomes) {
    const forms = byRule.get(`${o.scanner} ${o.rule}`) ?? new Map<string, Set<string>>()
    const carriers = forms.get(o.form) ?? new Set<string>()
    carriers.add(o.carrier)
    forms.set(o.form, carriers)
    byRule.set(`${o.scanner} ${o.rule}`, forms)
  }
  const lines = [`${title} (${outcomes.length} planted lines, ${byRule.size} rules):`]
  for (const [rule, forms] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const where = [...forms].map(([form, carriers]) => `${form} in ${carriers.size === carrierCount ? 'every carrier' : [...carriers].sort().join(', ')}`)
    const why = note(rule)
    lines.push(`  ${rule}: ${where.join('; ')}${why ? ` — ${why}` : ''}`)
  }
  return lines
}

/** Which detectors fired on touched negatives as written, in how many planted lines. */
function touchedByDetector(touched: Outcome[]): string[] {
  const counts = new Map<string, number>()
  for (const o of touched) if (o.form === 'as-written') for (const d of o.detectors ?? ['(unknown)']) counts.set(d, (counts.get(d) ?? 0) + 1)
  if (counts.size === 0) return []
  return [
    'detectors on touched negatives as written (planted lines):',
    ...[...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d, k]) => `  ${d}: ${k}`)
  ]
}

const LEGEND = [
  'redacted: real-looking positives with no trace left, in both forms (as written, and behind a key when bare);',
  'bare secret: secrets the scanner wrote behind a key, planted alone, redacted (not in recall);',
  'placeholders: positives the scanner marks as fake, redacted;',
  'neg. touched, share: negatives as written that changed, less the three columns after "touched, all" (what --check holds to 5 %);',
  'touched, all: every negative as written that changed, whatever changed it;',
  'also positive: of those, the ones holding the secret (a whole token of 16+ characters, or the whole value) of a real-looking positive of the catalogue,',
  '  or a token in its format (same first four characters and length, no kind of character its positives lack): no redactor can pass the positive and keep it (listed below);',
  'personal data: of those, the ones changed only by personal-data detectors (e-mail, IP address), redacted by design;',
  'by name: of those, the ones changed only because their value is assigned to a secret-looking name (secret-assignment), which is redacted whatever it holds;',
  'assigned neg.: bare negatives behind a *_TOKEN= key that changed (not in the share).'
]

/** Touched negatives that hold a positive's secret or format, by rule, with the positive. */
function listAlsoPositive(touched: Outcome[]): string[] {
  const pairs = new Map<string, Set<string>>()
  for (const o of touched) if (o.alsoPositiveOf) pairs.set(`${o.scanner} ${o.rule}`, (pairs.get(`${o.scanner} ${o.rule}`) ?? new Set()).add(o.alsoPositiveOf))
  if (pairs.size === 0) return ["touched negatives that hold a positive's secret or format: none"]
  return [
    "touched negatives that hold a positive's secret or format (negative rule <- secret|format of positive rule):",
    ...[...pairs].sort(([a], [b]) => a.localeCompare(b)).map(([rule, of]) => `  ${rule} <- ${[...of].sort().join(', ')}`)
  ]
}

/** Positives judged on a relocated secret, by rule, with the reason. */
function listRelocated(relocated: CatalogueResult['relocated']): string[] {
  if (relocated.length === 0) return []
  return [
    `positives judged on a relocated secret (${relocated.length}; see src/redact/catalogue/relocate.ts):`,
    ...relocated.map((r) => `  ${r.scanner} ${r.rule}${r.placeholder ? ' (then a placeholder)' : ''}: ${r.reason}`)
  ]
}

/** The plain-text report of a catalogue measurement: cases, tables, misses. Holds no secret value. */
export function formatCatalogue(result: CatalogueResult): string {
  const n = Object.keys(result.byCarrier).length
  const lines: string[] = ['cases per scanner (positives / placeholders / negatives):']
  for (const [scanner, n] of Object.entries(result.cases).sort()) lines.push(`  ${scanner}: ${n.positives} / ${n.placeholders} / ${n.negatives}`)
  lines.push(
    '',
    ...LEGEND,
    '',
    ...table(
      'scanner/family',
      Object.entries(result.byFamily).sort(([a], [b]) => a.localeCompare(b))
    )
  )
  lines.push('', ...table('carrier', Object.entries(result.byCarrier)))
  lines.push('', ...table('overall', [['all carriers', result.overall]]))
  lines.push('', ...listRelocated(result.relocated))
  lines.push(
    '',
    ...listOutcomes('missed positives', result.misses, n, (rule) => (LEFT_ON_PURPOSE[rule] ? `left on purpose: ${LEFT_ON_PURPOSE[rule]}` : undefined))
  )
  lines.push('', ...listOutcomes('missed bare secrets', result.bareMisses, n))
  lines.push('', ...listOutcomes('missed placeholders', result.placeholderMisses, n))
  lines.push('', ...listOutcomes('touched negatives', result.touched, n))
  lines.push('', ...listAlsoPositive(result.touched))
  lines.push('', ...touchedByDetector(result.touched))
  lines.push('', ...listOutcomes('lines no longer JSON', result.brokenJson, n))
  return lines.join('\n')
}
