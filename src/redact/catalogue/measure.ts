import { builtinDetectors } from '../detectors/index.js'
import { positiveHeldBy } from './also-positive.js'
import { CARRIERS, type Carrier } from './carriers.js'
import { plantedTexts, type Form } from './forms.js'
import { parsesAsJson, secretSurvives, valueSurvives } from './judge.js'
import { relocatedSecret } from './relocate.js'
import { caseSecret, caseValue, type CatalogueCase } from './schema.js'

/** `hit` of `total` planted lines: positives redacted, or negatives touched. */
export interface Tally {
  total: number
  hit: number
}

export interface Tallies {
  /** Positives that look real, as written and (when bare) behind a key: what recall is measured on. */
  positives: Tally
  /**
   * The secrets of real-looking positives that the scanner wrote behind a key, planted alone:
   * reported apart, since a secret without a provider prefix is not recognizable alone.
   */
  barePositives: Tally
  /** Positives the scanner itself marks as fake, reported apart. */
  placeholders: Tally
  /**
   * Negatives as the scanner wrote them: what the false-positive share is measured on. `hit`
   * leaves out those counted in `personalData`, `alsoPositive` and `byName`; `touchedAll` has every one.
   */
  negatives: Tally
  /** Every negative as written that changed, whatever changed it; `total` is `negatives.total`. */
  touchedAll: Tally
  /**
   * Negatives as written that changed and hold the secret, or a token in the format, of a
   * real-looking positive of the catalogue (see `also-positive.ts`): redacting them is what the
   * positive asks.
   */
  alsoPositive: Tally
  /**
   * Negatives as written whose only change is personal data (an e-mail address, an IP address),
   * redacted by design: a scanner's negative says the line holds no secret, not no personal data.
   * Counted here instead of in `negatives.hit`; `total` is the same as `negatives.total`.
   */
  personalData: Tally
  /**
   * Negatives as written whose only change is the value of a secret-looking name
   * (`nonMatchingToken := "…"`, `SUMO_ACCESS_KEY: AbCeFG123`), which the secret-assignment rule
   * redacts whatever it holds (docs/redaction.md, "Assignments"): a scanner whose rule matches one
   * token format calls the value a negative of that rule, not a value safe to publish.
   */
  byName: Tally
  /**
   * Bare negatives planted behind a `*_TOKEN=` key, reported apart: the key alone makes the value
   * a credential to a reader, so redacting it is defensible.
   */
  assignedNegatives: Tally
}

/** One planted line that came out wrong; never holds the value. */
export interface Outcome {
  scanner: string
  rule: string
  family: string
  carrier: string
  form: Form
  /** For a touched negative: the detectors that fired on its line. */
  detectors?: string[]
  /** For a touched negative holding a positive's secret or format: how, and the positive's `scanner rule`. */
  alsoPositiveOf?: string
}

export interface CatalogueResult {
  cases: Record<string, { positives: number; placeholders: number; negatives: number }>
  overall: Tallies
  byCarrier: Record<string, Tallies & { brokenJson: number }>
  /** Keyed `scanner/family`. */
  byFamily: Record<string, Tallies>
  /** Real-looking positives with a trace left in the output. */
  misses: Outcome[]
  /** Real-looking secrets planted alone with a trace left. */
  bareMisses: Outcome[]
  /** Placeholder positives with a trace left. */
  placeholderMisses: Outcome[]
  /** Negatives changed by redaction (either form; each outcome says which). */
  touched: Outcome[]
  /** Output lines that no longer parse as JSON. */
  brokenJson: Outcome[]
  /** Positives judged on a relocated secret (see `relocate.ts`), once each, with the reason. */
  relocated: Array<{ scanner: string; rule: string; placeholder: boolean; reason: string }>
}

/** The sanitizing path under test: one log line in, one line out (with its findings when known). */
export type SanitizeLine = (line: string) => string | { line: string; findings: Array<{ detector: string }> }

const emptyTallies = (): Tallies => ({
  positives: { total: 0, hit: 0 },
  barePositives: { total: 0, hit: 0 },
  placeholders: { total: 0, hit: 0 },
  negatives: { total: 0, hit: 0 },
  touchedAll: { total: 0, hit: 0 },
  alsoPositive: { total: 0, hit: 0 },
  personalData: { total: 0, hit: 0 },
  byName: { total: 0, hit: 0 },
  assignedNegatives: { total: 0, hit: 0 }
})

function detectorCounts(sanitized: ReturnType<SanitizeLine>): Map<string, number> {
  const counts = new Map<string, number>()
  if (typeof sanitized !== 'string') for (const f of sanitized.findings) counts.set(f.detector, (counts.get(f.detector) ?? 0) + 1)
  return counts
}

/** The detectors of personal data: what they redact is not what a secret scanner's negative rules out. */
export const PERSONAL_DATA_DETECTORS: ReadonlySet<string> = new Set(builtinDetectors.filter((d) => d.pack === 'pii').map((d) => d.id))
/** The detector that redacts a value for the name it is assigned to, not for its shape. */
export const BY_NAME_DETECTORS: ReadonlySet<string> = new Set(['secret-assignment'])

/** Plants every case into every carrier and form, sanitizes each line, and judges the result. */
export function measureCatalogue(cases: readonly CatalogueCase[], sanitize: SanitizeLine, carriers: readonly Carrier[] = CARRIERS): CatalogueResult {
  const result: CatalogueResult = {
    cases: {},
    overall: emptyTallies(),
    byCarrier: {},
    byFamily: {},
    misses: [],
    bareMisses: [],
    placeholderMisses: [],
    touched: [],
    brokenJson: [],
    relocated: []
  }
  const heldPositive = positiveHeldBy(cases)
  const skeletons = new Map(carriers.map((k) => [k.id, k.line('')]))
  // What fires on a carrier's own fields (its cwd is a home path) is not the negative's doing.
  const skeletonFindings = new Map(carriers.map((k) => [k.id, detectorCounts(sanitize(k.line('')))]))
  for (const k of carriers) result.byCarrier[k.id] = { ...emptyTallies(), brokenJson: 0 }
  for (const c of cases) {
    const counts = (result.cases[c.scanner] ??= { positives: 0, placeholders: 0, negatives: 0 })
    const relocated = relocatedSecret(c)
    if (relocated) result.relocated.push({ scanner: c.scanner, rule: c.rule, placeholder: relocated.placeholder, reason: relocated.reason })
    const secret = relocated?.secret ?? caseSecret(c)
    const placeholder = relocated ? relocated.placeholder : c.placeholder === true
    const kind = c.polarity === 'negative' ? 'negatives' : placeholder ? 'placeholders' : 'positives'
    const held = c.polarity === 'negative' ? heldPositive(c) : undefined
    counts[kind]++
    const family = (result.byFamily[`${c.scanner}/${c.family}`] ??= emptyTallies())
    for (const planted of plantedTexts(c)) {
      const group: keyof Tallies =
        kind === 'negatives' && planted.form === 'assignment' ? 'assignedNegatives' : kind === 'positives' && planted.form === 'bare' ? 'barePositives' : kind
      for (const carrier of carriers) {
        const sanitized = sanitize(carrier.line(planted.text))
        const output = typeof sanitized === 'string' ? sanitized : sanitized.line
        const outcome: Outcome = { scanner: c.scanner, rule: c.rule, family: c.family, carrier: carrier.id, form: planted.form }
        const byCarrier = result.byCarrier[carrier.id]
        if (!parsesAsJson(output)) {
          byCarrier.brokenJson++
          result.brokenJson.push(outcome)
        }
        // A positive is judged on its secret; a negative on its whole value.
        const hit = c.polarity === 'positive' ? !secretSurvives(output, skeletons.get(carrier.id) ?? '', secret) : !valueSurvives(output, caseValue(c))
        let detectors: string[] = []
        if (c.polarity === 'negative' && hit) {
          const base = skeletonFindings.get(carrier.id) ?? new Map<string, number>()
          detectors = [...detectorCounts(sanitized)]
            .filter(([d, n]) => n > (base.get(d) ?? 0))
            .map(([d]) => d)
            .sort()
        }
        const personalOnly = group === 'negatives' && hit && detectors.length > 0 && detectors.every((d) => PERSONAL_DATA_DETECTORS.has(d))
        const alsoPositive = group === 'negatives' && hit && !personalOnly && held !== undefined
        const byName =
          group === 'negatives' && hit && !personalOnly && !alsoPositive && detectors.length > 0 && detectors.every((d) => BY_NAME_DETECTORS.has(d))
        if (c.polarity === 'negative' && hit) {
          const alsoPositiveOf = alsoPositive && held ? `${held.how} of ${held.of}` : undefined
          result.touched.push({ ...outcome, ...(detectors.length > 0 ? { detectors } : {}), ...(alsoPositiveOf ? { alsoPositiveOf } : {}) })
        }
        for (const t of [result.overall, byCarrier, family]) {
          t[group].total++
          if (hit && !personalOnly && !alsoPositive && !byName) t[group].hit++
          if (group === 'negatives') {
            for (const [tally, counted] of [
              [t.personalData, personalOnly],
              [t.alsoPositive, alsoPositive],
              [t.byName, byName],
              [t.touchedAll, hit]
            ] as const) {
              tally.total++
              if (counted) tally.hit++
            }
          }
        }
        if (c.polarity === 'positive' && !hit)
          (placeholder ? result.placeholderMisses : group === 'barePositives' ? result.bareMisses : result.misses).push(outcome)
      }
    }
  }
  return result
}

export interface Thresholds {
  /** Least share of real-looking positives redacted, in every carrier. */
  recall: number
  /** Largest share of negatives touched, over all carriers. */
  touched: number
}

export const DEFAULT_THRESHOLDS: Thresholds = { recall: 0.99, touched: 0.05 }

export const share = (t: Tally): number => (t.total === 0 ? 0 : t.hit / t.total)

/**
 * Whether every carrier reaches the recall floor on real-looking positives (both forms), the
 * negatives as written stay under the ceiling, and every line is still JSON.
 */
export function catalogueThresholdsMet(result: CatalogueResult, thresholds: Thresholds = DEFAULT_THRESHOLDS): boolean {
  const recallOk = Object.values(result.byCarrier).every((t) => t.positives.total === 0 || share(t.positives) >= thresholds.recall)
  return recallOk && share(result.overall.negatives) <= thresholds.touched && result.brokenJson.length === 0
}
