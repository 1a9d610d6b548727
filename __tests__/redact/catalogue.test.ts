import { describe, it, expect } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { ConfigSchema } from '../../src/config/schema.js'
import { redactCommandOptions, sanitizeLogLine } from '../../src/redact/files.js'
import {
  CARRIERS,
  caseSecret,
  caseValue,
  catalogueThresholdsMet,
  DEFAULT_THRESHOLDS,
  formatCatalogue,
  isBare,
  loadCatalogue,
  measureCatalogue,
  placeholderReason,
  plantedTexts,
  relocatedSecret,
  secretSurvives,
  secretTraces,
  share,
  valueSurvives,
  type CatalogueCase
} from '../../src/redact/catalogue/index.js'

// Real data: other scanners' own test cases (see fixtures/redaction/catalogue/SOURCES.md).
const dir = fileURLToPath(new URL('../../fixtures/redaction/catalogue', import.meta.url))
const cases = loadCatalogue(dir)

// Self-written cases for the judging logic; the token is assembled so no scanner flags this file.
const TOKEN = ['tok', 'en_', 'Q7vK2mR9', 'xL4tW8nB'].join('')
const synthetic = (polarity: 'positive' | 'negative', parts: string[], extra: Partial<CatalogueCase> = {}): CatalogueCase => ({
  scanner: 'test',
  rule: `rule-${polarity}`,
  family: 'fam',
  polarity,
  parts,
  source: `x/y.go@${'0'.repeat(40)}`,
  ...extra
})
const unchanged = (line: string) => line
/** Removes the token in every encoding the carriers produce, through the JSON structure. */
const removesToken = (line: string) => line.split(TOKEN).join('[REDACTED:test]')

describe('the catalogue fixtures', () => {
  it('holds cases of the three scanners, several hundred positives among them', () => {
    const scanners = new Set(cases.map((c) => c.scanner))
    expect([...scanners].sort()).toEqual(['detect-secrets', 'gitleaks', 'secretlint'])
    expect(cases.filter((c) => c.polarity === 'positive' && !c.placeholder).length).toBeGreaterThan(500)
    expect(cases.filter((c) => c.polarity === 'negative').length).toBeGreaterThan(300)
  })

  it('names a source file and commit for every case', () => {
    for (const c of cases) expect(c.source).toMatch(/^.+@[0-9a-f]{40}$/)
  })

  it('stores values in parts short enough that no token shape sits in the repository', () => {
    const tokenRun = /[A-Za-z0-9_\-+/=.]{21,}/
    const long = cases.filter((c) => [...c.parts, ...(c.secret_parts ?? [])].some((p) => tokenRun.test(p)))
    expect(long.map((c) => `${c.scanner} ${c.rule}`)).toEqual([])
  })

  it('marks a secret that is part of its value', () => {
    const stray = cases.filter((c) => c.secret_parts !== undefined && !caseValue(c).includes(caseSecret(c)))
    expect(stray.map((c) => `${c.scanner} ${c.rule}`)).toEqual([])
  })

  it('marks placeholders by the documented rule, on positives only', () => {
    const wrong = cases.filter((c) =>
      c.polarity === 'negative'
        ? c.placeholder !== undefined
        : (c.placeholder_reason ?? null) !== placeholderReason(caseSecret(c)) || Boolean(c.placeholder) !== (c.placeholder_reason !== undefined)
    )
    expect(wrong.map((c) => `${c.scanner} ${c.rule} ${c.placeholder_reason ?? '-'} vs ${placeholderReason(caseSecret(c)) ?? '-'}`)).toEqual([])
  })
})

describe('placeholderReason', () => {
  it('recognizes what scanners write as fakes', () => {
    expect(placeholderReason('AKIAIOSFODNN7EXAMPLE')).toBe('word')
    expect(placeholderReason('ghp_xxxxxxxxxxxxxxxxxxxx')).toBe('masked-run')
    expect(placeholderReason('sk_test_BBBBBBBBBBBBBBBB')).toBe('masked-run')
    expect(placeholderReason('abababababab')).toBe('few-distinct')
    expect(placeholderReason('dapi1234567890abcdef')).toBe('ascending-run')
  })

  it('leaves a random-looking secret and a password at an example host alone', () => {
    expect(placeholderReason(TOKEN)).toBeNull()
    expect(placeholderReason('s3cr3tP4ss@db1.example.net')).toBeNull()
  })
})

describe('carriers and forms', () => {
  it('plant the text as one JSON line of each agent, escaped as the agent writes it', () => {
    const text = `line one ${TOKEN}\nline "two"`
    for (const k of CARRIERS) {
      const line = k.line(text)
      expect(() => JSON.parse(line)).not.toThrow()
      expect(secretSurvives(line, k.line(''), TOKEN)).toBe(true)
      expect(valueSurvives(line, text)).toBe(true)
    }
    const byId = Object.fromEntries(CARRIERS.map((k) => [k.id, k]))
    const shell = JSON.parse(byId['codex/shell-command'].line(text)) as { payload: { arguments: string } }
    expect((JSON.parse(shell.payload.arguments) as { command: string[] }).command[2]).toContain(text)
    const output = JSON.parse(byId['codex/tool-output'].line(text)) as { payload: { output: string } }
    expect((JSON.parse(output.payload.output) as { output: string }).output).toBe(text)
    expect(byId['claude-code/read-gutter'].line(text)).toContain('    12→line one')
  })

  it('adds an assignment form to a bare value, and the secret alone to a value with a key', () => {
    expect(plantedTexts(synthetic('positive', [TOKEN], { family: 'github' }))).toEqual([
      { form: 'as-written', text: TOKEN },
      { form: 'assignment', text: `export GITHUB_TOKEN=${TOKEN}` }
    ])
    const withKey = synthetic('positive', ['key = ', TOKEN], { secret_parts: [TOKEN] })
    expect(isBare(withKey)).toBe(false)
    expect(plantedTexts(withKey)).toEqual([
      { form: 'as-written', text: `key = ${TOKEN}` },
      { form: 'bare', text: TOKEN }
    ])
    expect(plantedTexts(synthetic('negative', ['key = ', TOKEN]))).toHaveLength(1)
  })
})

describe('judging', () => {
  it('counts a secret left in any encoding as a leak', () => {
    const skeleton = '{"x":""}'
    const multi = `first line ${TOKEN}\nsecond line of it`
    expect(secretSurvives(`{"x":"${TOKEN}"}`, skeleton, TOKEN)).toBe(true)
    expect(secretSurvives(JSON.stringify({ x: JSON.stringify({ y: `a "${TOKEN}"` }) }), skeleton, `a "${TOKEN}"`)).toBe(true)
    // One line of a multi-line secret behind a gutter is a leak.
    expect(secretSurvives(JSON.stringify({ x: '    13→second line of it' }), skeleton, multi)).toBe(true)
    expect(secretSurvives('{"x":"[REDACTED:test]"}', skeleton, TOKEN)).toBe(false)
  })

  it('does not take a trace the carrier itself holds for a leak', () => {
    expect(secretSurvives('{"model":"claude-sonnet"}', '{"model":"claude-sonnet"}', 'claude-sonnet')).toBe(false)
  })

  it('counts an unchanged positive as a miss in every carrier and an unchanged negative as clean', () => {
    const r = measureCatalogue([synthetic('positive', [TOKEN]), synthetic('negative', ['not a secret at all'])], unchanged)
    expect(r.overall.positives).toEqual({ total: 2 * CARRIERS.length, hit: 0 })
    expect(r.misses).toHaveLength(2 * CARRIERS.length)
    expect(r.overall.negatives).toEqual({ total: CARRIERS.length, hit: 0 })
    expect(r.touched).toEqual([])
    expect(catalogueThresholdsMet(r)).toBe(false)
  })

  it('counts a secret removed in every carrier as redacted, and meets the thresholds', () => {
    const r = measureCatalogue(
      [synthetic('positive', ['export KEY="', TOKEN, '"'], { secret_parts: [TOKEN] }), synthetic('negative', ['not a secret at all'])],
      removesToken
    )
    expect(r.overall.positives).toEqual({ total: CARRIERS.length, hit: CARRIERS.length })
    expect(r.overall.barePositives).toEqual({ total: CARRIERS.length, hit: CARRIERS.length })
    expect(r.misses).toEqual([])
    expect(catalogueThresholdsMet(r)).toBe(true)
  })

  it('reports a negative changed only by a personal-data detector apart from the touched share', () => {
    const negative = synthetic('negative', ['owner ', TOKEN])
    const finding = (detector: string) => (line: string) => ({ line: removesToken(line), findings: line.includes(TOKEN) ? [{ detector }] : [] })
    const personal = measureCatalogue([negative], finding('email'))
    expect(personal.overall.negatives).toEqual({ total: CARRIERS.length, hit: 0 })
    expect(personal.overall.personalData).toEqual({ total: CARRIERS.length, hit: CARRIERS.length })
    // Still listed among the touched lines, with its detector, so the report hides nothing.
    expect(personal.touched.filter((o) => o.form === 'as-written').map((o) => o.detectors)).toEqual(CARRIERS.map(() => ['email']))
    const secret = measureCatalogue([negative], finding('github-token'))
    expect(secret.overall.negatives).toEqual({ total: CARRIERS.length, hit: CARRIERS.length })
    expect(secret.overall.personalData.hit).toBe(0)
  })

  it('reports a negative changed only for the secret-looking name it is assigned to apart, and one changed for its shape too in the share', () => {
    const negative = synthetic('negative', ['nonMatchingToken := ', TOKEN])
    const findings =
      (...detectors: string[]) =>
      (line: string) => ({ line: removesToken(line), findings: line.includes(TOKEN) ? detectors.map((detector) => ({ detector })) : [] })
    const byName = measureCatalogue([negative], findings('secret-assignment'))
    expect(byName.overall.negatives).toEqual({ total: CARRIERS.length, hit: 0 })
    expect(byName.overall.byName).toEqual({ total: CARRIERS.length, hit: CARRIERS.length })
    expect(byName.overall.touchedAll.hit).toBe(CARRIERS.length)
    const shape = measureCatalogue([negative], findings('secret-assignment', 'github-token'))
    expect(shape.overall.negatives).toEqual({ total: CARRIERS.length, hit: CARRIERS.length })
    expect(shape.overall.byName.hit).toBe(0)
  })

  it('counts a negative changed by redaction as touched, and a sanitizer that breaks JSON as failing', () => {
    const negative = synthetic('negative', [TOKEN])
    const touched = measureCatalogue([negative], removesToken)
    expect(touched.overall.negatives.hit).toBe(CARRIERS.length)
    expect(touched.overall.assignedNegatives.hit).toBe(CARRIERS.length)
    expect(catalogueThresholdsMet(touched)).toBe(false)
    const broken = measureCatalogue([synthetic('positive', [TOKEN])], () => 'not json')
    expect(broken.brokenJson).toHaveLength(2 * CARRIERS.length)
    expect(catalogueThresholdsMet(broken)).toBe(false)
  })

  it('names the detectors that touched a negative, not those that fire on the carrier itself', () => {
    const sanitize = (line: string) => ({
      line: removesToken(line),
      findings: [{ detector: 'carrier-field' }, ...(line.includes(TOKEN) ? [{ detector: 'token' }] : [])]
    })
    const r = measureCatalogue([synthetic('negative', ['value ', TOKEN])], sanitize)
    expect(r.touched).toHaveLength(CARRIERS.length)
    expect(new Set(r.touched.map((o) => (o.detectors ?? []).join(',')))).toEqual(new Set(['token']))
  })

  it('reports a secret missed only when planted alone apart from recall', () => {
    // Finds the token only after its key (however escaped), as a keyword rule does.
    const afterKey = (line: string) => line.replace(new RegExp(`(KEY=[\\\\"]*)${TOKEN}`, 'g'), '$1[REDACTED:test]')
    const r = measureCatalogue([synthetic('positive', ['export KEY="', TOKEN, '"'], { secret_parts: [TOKEN] })], afterKey)
    expect(r.overall.positives.hit).toBe(r.overall.positives.total)
    expect(r.overall.barePositives).toEqual({ total: CARRIERS.length, hit: 0 })
    expect(r.bareMisses).toHaveLength(CARRIERS.length)
    expect(r.misses).toEqual([])
  })

  it("reports a touched negative that holds a positive's secret or format apart, and still counts it among all touched", () => {
    const positive = synthetic('positive', ['export KEY="', TOKEN, '"'], { secret_parts: [TOKEN] })
    const sameSecret = synthetic('negative', ['other_rule: ', TOKEN])
    const sameFormat = synthetic('negative', ['seen ', TOKEN.slice(0, 6) + 'Z9vK2mR9xL4tW8nQ'])
    const other = synthetic('negative', ['seen ', 'tok', 'en_Q7vK2mR9xL4tW8nQ-more'])
    const r = measureCatalogue([positive, sameSecret, sameFormat, other], (line) => line.replace(/tok[A-Za-z0-9_-]{10,}/g, '[REDACTED:test]'))
    expect(r.overall.touchedAll).toEqual({ total: 3 * CARRIERS.length, hit: 3 * CARRIERS.length })
    expect(r.overall.alsoPositive).toEqual({ total: 3 * CARRIERS.length, hit: 2 * CARRIERS.length })
    // A token one character longer than the positive's has another format: it is counted.
    expect(r.overall.negatives).toEqual({ total: 3 * CARRIERS.length, hit: CARRIERS.length })
    expect(new Set(r.touched.filter((o) => o.form === 'as-written').map((o) => o.alsoPositiveOf))).toEqual(
      new Set(['secret of test rule-positive', 'format of test rule-positive', undefined])
    )
  })

  it("leaves the key line of a YAML block scalar out of a secret's traces, as the armor of a key block", () => {
    expect(secretTraces(`.dockercfg: |\n    ${TOKEN}\nmore: ${TOKEN}`)).toEqual(secretTraces(`    ${TOKEN}\nmore: ${TOKEN}`))
    expect(secretTraces(`.dockercfg: |\n    ${TOKEN}`).some((t) => t.includes('.dockercfg'))).toBe(false)
  })

  it('keeps placeholders out of recall', () => {
    const r = measureCatalogue([synthetic('positive', ['ghp_', 'xxxxxxxxxxxx'], { placeholder: true, placeholder_reason: 'masked-run' })], unchanged)
    expect(r.overall.positives.total).toBe(0)
    expect(r.overall.placeholders).toEqual({ total: 2 * CARRIERS.length, hit: 0 })
    expect(r.placeholderMisses).toHaveLength(2 * CARRIERS.length)
  })
})

describe('the redact command on the catalogue', () => {
  const opts = redactCommandOptions(ConfigSchema.parse({}))
  const result = measureCatalogue(cases, (line) => sanitizeLogLine(line, opts))
  const report = formatCatalogue(result)

  it('prints the current figures (thresholds are checked by `npm run redaction:measure -- --check`)', () => {
    console.log(report)
    const planted = cases.reduce((n, c) => n + plantedTexts(c).length * CARRIERS.length, 0)
    const o = result.overall
    expect(o.positives.total + o.barePositives.total + o.placeholders.total + o.negatives.total + o.assignedNegatives.total).toBe(planted)
  })

  it('touches at most the documented share of the negatives as written', () => {
    expect(share(result.overall.negatives)).toBeLessThanOrEqual(DEFAULT_THRESHOLDS.touched)
    expect(catalogueThresholdsMet(result)).toBe(true)
  })

  it('redacts at least the documented share of real-looking positives in every carrier', () => {
    const low = Object.entries(result.byCarrier).filter(([, t]) => share(t.positives) < DEFAULT_THRESHOLDS.recall)
    expect(low.map(([k, t]) => `${k}: ${t.positives.hit}/${t.positives.total}`)).toEqual([])
  })

  it('accounts for every touched negative: counted, also a positive, personal data only, or by name only', () => {
    for (const t of [result.overall, ...Object.values(result.byCarrier)]) {
      expect(t.touchedAll.hit).toBe(t.negatives.hit + t.alsoPositive.hit + t.personalData.hit + t.byName.hit)
    }
    const named = result.touched.filter((o) => o.alsoPositiveOf).length
    expect(named).toBe(result.overall.alsoPositive.hit)
  })

  it('judges a heuristic secret that is a header name on the token after it', () => {
    const jfrog = cases.filter((c) => c.scanner === 'detect-secrets' && c.rule === 'artifactory/test_analyze_line' && c.polarity === 'positive')
    const relocated = jfrog.map(relocatedSecret).filter((r) => r !== undefined)
    expect(relocated.length).toBeGreaterThan(0)
    for (const r of relocated) expect(r.secret).not.toContain('X-JFrog')
  })

  it('keeps every sanitized line valid JSON', () => {
    expect(result.brokenJson).toEqual([])
  })

  it('never prints a value', () => {
    // Values of 12 characters or more with a digit: shorter or plain words also occur in rule ids.
    const printed = cases
      .map((c) => (c.polarity === 'positive' ? caseSecret(c) : caseValue(c)))
      .filter((v) => v.length >= 12 && /\d/.test(v) && report.includes(v))
    expect(printed).toEqual([])
  })
})
