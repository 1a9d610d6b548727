import { share, type CatalogueResult, type Outcome, type Tallies, type Tally } from './measure.js'

const pct = (t: Tally): string => (t.total === 0 ? '-' : `${(share(t) * 100).toFixed(1)}%`)
const frac = (t: Tally): string => `${t.hit}/${t.total}`

function table(title: string, rows: Array<[string, Tallies & { brokenJson?: number }]>): string[] {
  const width = Math.max(title.length, ...rows.map(([k]) => k.length))
  const head = `${title.padEnd(width)}  ${'redacted'.padStart(11)}  ${'recall'.padStart(6)}  ${'bare secret'.padStart(11)}  ${'placeholders'.padStart(12)}  ${'neg. touched'.padStart(12)}  ${'share'.padStart(6)}  ${'assigned neg.'.padStart(13)}  ${'personal data'.padStart(13)}`
  const lines = [head, '-'.repeat(head.length)]
  for (const [k, t] of rows) {
    lines.push(
      `${k.padEnd(width)}  ${frac(t.positives).padStart(11)}  ${pct(t.positives).padStart(6)}  ${frac(t.barePositives).padStart(11)}  ${frac(t.placeholders).padStart(12)}  ${frac(t.negatives).padStart(12)}  ${pct(t.negatives).padStart(6)}  ${frac(t.assignedNegatives).padStart(13)}  ${frac(t.personalData).padStart(13)}` +
        (t.brokenJson ? `  broken JSON: ${t.brokenJson}` : '')
    )
  }
  return lines
}

/**
 * Groups outcomes by rule and says where each missed: every carrier, or which ones, per form.
 * Rule ids and carriers only, so no value is ever printed.
 */
function listOutcomes(title: string, outcomes: Outcome[], carrierCount: number): string[] {
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
    lines.push(`  ${rule}: ${where.join('; ')}`)
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
  'placeholders: positives the scanner marks as fake, redacted; neg. touched: negatives as written that changed;',
  'assigned neg.: bare negatives behind a *_TOKEN= key that changed (reported apart, not in the share);',
  'personal data: negatives as written changed only by personal-data detectors (e-mail, IP address), redacted by design (not in the share).'
]

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
  lines.push('', ...listOutcomes('missed positives', result.misses, n))
  lines.push('', ...listOutcomes('missed bare secrets', result.bareMisses, n))
  lines.push('', ...listOutcomes('missed placeholders', result.placeholderMisses, n))
  lines.push('', ...listOutcomes('touched negatives', result.touched, n))
  lines.push('', ...touchedByDetector(result.touched))
  lines.push('', ...listOutcomes('lines no longer JSON', result.brokenJson, n))
  return lines.join('\n')
}
