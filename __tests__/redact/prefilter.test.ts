import { describe, it, expect } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { redactJson, redactLine, redactText } from '../../src/redact/engine.js'
import { assemblePlanted, type CleanCase, type PlantedCase } from '../../src/redact/evaluate.js'
import { KeywordScanner } from '../../src/redact/keyword-scan.js'
import { Prefilter } from '../../src/redact/prefilter.js'
import type { Detector, EngineOptions, Finding } from '../../src/redact/types.js'

/*
 * The prefilter may only ever skip work that would have found nothing. These tests pin that
 * down from three sides: every detector's keywords are implied by what it matches, the engine
 * finds exactly what it finds with no prefilter at all, and keywords hidden by an encoding or a
 * line break are still seen in the view that reveals them.
 */

const root = new URL('../../', import.meta.url).pathname

function load<T>(name: string): T[] {
  return readFileSync(join(root, 'fixtures/redaction', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T)
}

/** Lower-cases ASCII only, as the prefilter compares: `K` (Kelvin) must not count as `k`. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
const holdsKeyword = (d: Detector, text: string): boolean => (d.keywords ?? []).some((k) => asciiLower(text).includes(k))

/** What the prefilter may skip: detectors and their parts. */
const units = (d: Detector): Detector[] => [d, ...(d.parts ?? [])]
/** Detectors and parts with keywords; an empty list declares that `find` never reports, so it belongs here too. */
const declaring = builtinDetectors.flatMap(units).filter((d) => d.keywords)
/** Detectors with keywords of their own or in a part. */
const withKeywords = builtinDetectors.filter((d) => units(d).some((u) => (u.keywords ?? []).length > 0))
/** The same detectors with no keywords, parts or line-locality: the engine then runs every one on every whole view. */
const unfiltered: EngineOptions = {
  detectors: builtinDetectors.map((d) => ({ ...d, keywords: undefined, parts: undefined, lineLocal: undefined }))
}
const filtered: EngineOptions = { detectors: builtinDetectors }

const planted = load<PlantedCase>('planted.jsonl')
const clean = load<CleanCase>('clean.jsonl')

/** Every line of every sample session log under fixtures/. */
function sampleLogLines(): string[] {
  const out: string[] = []
  for (const dir of ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'recorder']) {
    const base = join(root, 'fixtures', dir)
    for (const e of readdirSync(base, { withFileTypes: true, recursive: true })) {
      if (!e.isFile()) continue
      for (const line of readFileSync(join(e.parentPath, e.name), 'utf8').split('\n')) if (line.trim()) out.push(line)
    }
  }
  return out
}

/** Flips the case of every other ASCII letter: keywords are matched in any case. */
const mixCase = (s: string): string => s.replace(/[A-Za-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c.toLowerCase()))

describe('detector keywords', () => {
  it('are non-empty lower-case ASCII without line breaks', () => {
    for (const d of declaring) {
      for (const k of d.keywords ?? []) expect(k).toMatch(/^[\x20-\x40\x5b-\x7e]+$/)
    }
  })

  it('are held by every planted case of their detector', () => {
    const missing = planted
      .map((c) => ({ kind: c.kind, text: assemblePlanted({ ...c, context: 'plain' }).text }))
      .filter(({ kind, text }) => {
        const d = builtinDetectors.find((x) => x.id === kind)
        return d?.keywords !== undefined && !holdsKeyword(d, text)
      })
      .map((c) => c.kind)
    expect(missing).toEqual([])
  })

  it('are held by every text on which the detector reports something', () => {
    const texts = [
      ...planted.flatMap((c) => {
        const plain = assemblePlanted({ ...c, context: 'plain' }).text
        return [assemblePlanted(c).text, plain, mixCase(plain), plain.toUpperCase(), plain.toLowerCase()]
      }),
      ...clean.map((c) => c.text),
      ...sampleLogLines()
    ]
    const unimplied: string[] = []
    for (const d of declaring) {
      for (const text of texts) if (d.find(text).length > 0 && !holdsKeyword(d, text)) unimplied.push(`${d.id}: ${text.slice(0, 80)}`)
    }
    expect(unimplied).toEqual([])
  })
})

// Deterministic tokens, assembled at run time so the repository holds no scanner-shaped secret.
let seed = 7
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const tok = (charset: string, n: number): string =>
  Array.from({ length: n }, (_, i) => charset[i % 10 === 3 ? i % charset.length : Math.floor(rnd() * charset.length)]).join('')
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const an = (n: number): string => tok(AN, n)
const hex = (n: number): string => tok(HEX, n)
const digits = (n: number): string => tok('0123456789', n)
const flagNames =
  'password|passwd|pass|token|api-key|apikey|api_key|secret|client-secret|auth-token|access-token|refresh-token|key-password|storepass|keypass|db-password|private-key|otp'.split(
    '|'
  )
const apiHeaders = 'x-api-key|api-key|x-auth-token|private-token|x-access-token|x-goog-api-key|ocp-apim-subscription-key|x-functions-key|x-vault-token'.split(
  '|'
)

/** One sample per alternative of each detector's pattern, so a keyword list cannot miss a branch. */
const branchSamples: Record<string, string[]> = {
  'private-key': ['RSA', 'EC', 'OPENSSH', 'ENCRYPTED', ''].map((l) => `-----BEGIN ${l}${l ? ' ' : ''}${['PRIV', 'ATE KEY'].join('')}-----\n${an(64)}`),
  'putty-private-key': [`PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n${an(40)}\nPrivate-MAC: ${hex(64)}`],
  'aws-access-key-id': ['A3TX', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA'].map((p) => `id ${p}${tok(UP, 16)} ok`),
  'aws-secret-access-key': ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'awsSecret', 'aws.secret'].map((k) => `${k} = ${tok(AN + '/+', 40)}`),
  'github-token': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((p) => `t ${p}${an(36)}`),
  'github-fine-grained-pat': [`github_pat_${an(22)}_${an(59)}`],
  'gitlab-token': Object.entries({ pat: 20, dt: 20, rt: 20, ptt: 40, cbt: 20, ft: 20, soat: 20, imt: 25, agent: 50, oas: 64, ffct: 20 })
    .map(([p, n]) => `gl${p}-${an(n)}`)
    .concat(`GR1348941${an(20)}`),
  'slack-token': [
    `xoxb-${digits(10)}-${an(12)}`,
    ...'pe'.split('').map((c) => `xox${c}-${digits(10)}-${digits(10)}-${digits(10)}-${an(28)}`),
    ...'osprab'.split('').map((c) => `xox${c}-${digits(6)}-${digits(6)}-${digits(6)}-${hex(20)}`),
    ...'ar'.split('').map((c) => `xox${c}-2-${an(12)}1`),
    `xoxe-1-${an(146)}`,
    `xoxe.xoxb-1-${an(164)}`,
    `xapp-1-${an(12)}1`
  ],
  'slack-webhook': ['services', 'workflows', 'triggers'].map((k) => `https://hooks.slack.com/${k}/T0${an(8)}/B0${an(8)}/${an(24)}`),
  'stripe-key': ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'].map((p) => p + an(24)).concat(`whsec_${an(32)}`),
  'anthropic-key': [`sk-ant-api03-${an(40)}`],
  'openai-key': [`sk-proj-${an(40)}`, `sk-${an(40)}`],
  'google-api-key': [`AIza${an(35)}`],
  'google-oauth-secret': [`GOCSPX-${an(28)}`, `ya29.${an(40)}`],
  'npm-token': [`npm_${an(36)}`],
  'pypi-token': [`pypi-AgE${an(60)}`],
  'huggingface-token': [`hf_${an(34)}`, `api_org_${an(34)}`],
  'twilio-key': [`SK${hex(32)}`],
  'sendgrid-key': [`SG.${an(22)}.${an(43)}`],
  'mailgun-key': [`key-${hex(32)}`, `${hex(32)}-${hex(8)}-${hex(8)}`],
  'datadog-key': ['datadog', 'dd', 'DD', 'DataDog'].flatMap((a) =>
    ['', '_', '.', '-'].flatMap((s) => ['api', 'app', 'application', 'APP'].map((k) => `${a}${s}${k}${s}key: ${hex(32)}`))
  ),
  'sentry-dsn': [`https://${hex(32)}@o12.ingest.sentry.io/345`, `sntryu_${hex(64)}`, `sntrys_${an(64)}`],
  'azure-storage-key': [`AccountKey=${tok(AN + '/+', 86)}==`, `accountkey=${tok(AN + '/+', 86)}==`],
  'azure-sas-token': ['?sig=', '&sig=', ';sig=', 'SharedAccessSignature=', 'SharedAccessKey=', '&SIG='].map((p) => `x${p}${an(30)}`),
  'digitalocean-token': ['dop', 'doo', 'dor'].map((p) => `${p}_v1_${hex(64)}`),
  'shopify-token': ['at', 'ca', 'pa', 'ss'].map((p) => `shp${p}_${hex(32)}`),
  'discord-token': [`M${an(23)}.${an(6)}.${an(27)}`, `https://discord.com/api/webhooks/123456789/${an(64)}`, `discordapp.com/api/webhooks/123456789/${an(64)}`],
  'telegram-bot-token': [`987654321:AA${an(33)}`],
  'heroku-key': [
    `HRKU-${an(64)}`,
    `hrku-${an(64)}`,
    `HEROKU_API_KEY=${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    `heroku.token: ${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
  ],
  'doppler-token': ['st', 'ct', 'pt', 'sa', 'scim', 'audit'].map((p) => `dp.${p}.${an(44)}`),
  'vercel-token': [...'pciark'].map((c) => `vc${c}_${an(32)}`),
  'linear-key': [`lin_api_${an(40)}`, `lin_oauth_${an(40)}`],
  'notion-token': [`secret_${an(43)}`, `ntn_${an(46)}`],
  'atlassian-token': [`ATATT3${an(60)}`, `ATCTT3${an(60)}`, `ATBB${an(32)}`],
  'grafana-token': [`glsa_${an(32)}_${hex(8)}`, `glc_${an(40)}`],
  'newrelic-key': ['AK', 'II', 'JS', 'AA', 'IQ'].map((p) => `NR${p}-${an(27)}`),
  'postman-key': [`PMAK-${hex(24)}-${hex(34)}`, `pmak-${hex(24)}-${hex(34)}`],
  'databricks-token': [`dapi${hex(32)}`],
  'groq-key': [`gsk_${an(52)}`],
  'replicate-token': [`r8_${an(37)}`],
  'hashicorp-vault-token': [`hvs.${an(90)}`, `hvb.${an(90)}`, `${tok('abcdefghij0123456789', 14)}.atlasv1.${an(70)}`],
  'age-secret-key': [`AGE-SECRET-KEY-1${tok('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`],
  'square-token': [`sq0atp-${an(22)}`, `sq0csp-${an(43)}`],
  'mapbox-token': [`sk.eyJ${an(60)}.${an(22)}`],
  'pulumi-token': [`pul-${hex(40)}`],
  jwt: [`eyJhbGciOiJIUzI1NiJ9.eyJ${an(30)}.${an(43)}`, `eyJ${an(20)}.eyJzdWIiOiJhZG1pbiJ9`],
  'url-credentials': [`postgres://admin:${an(16)}@db.internal:5432/app`, `https://:${an(20)}@git.internal/x.git`],
  'connection-string-password': [`Server=db;Password=${an(16)};`, `Pwd=${an(16)};`, `PASSWORD = ${an(15)}7`],
  'authorization-header': [`Authorization: Basic ${an(24)}`, `Proxy-Authorization: ${an(24)}`, `AUTHORIZATION=${an(24)}`, `curl -H "x: Bearer ${an(32)}"`],
  'api-key-header': apiHeaders.flatMap((h) => [`${h}: ${an(24)}`, `${h.toUpperCase()}: ${an(24)}`]),
  'cli-secret-flag': flagNames
    .flatMap((f) => [`tool --${f} ${an(16)}`, `tool -${f}=${an(16)}`, `tool --${f.toUpperCase()}='${an(16)}'`])
    .concat([`curl -u alice:${an(16)} x`, `curl --user=alice:${an(16)} x`, `sshpass -p ${an(16)} ssh h`])
    .concat(['mysql', 'mysqldump', 'mysqladmin', 'mariadb'].map((m) => `${m} -h db -p${an(16)} app`)),
  'secret-assignment': [
    'password',
    'db_pwd',
    'client_secret',
    'GITHUB_TOKEN',
    'api_key',
    'auth',
    'sentry_dsn',
    'session_cookie',
    'aws_creds',
    'gitlab_pat',
    'otp',
    'pin',
    'bearer',
    'ApiKey'
  ].map((k) => `${k}=${an(19)}7`),
  email: [`write to priya.raman@corp-mail.de`],
  phone: [
    'call +1 415 555 2671 now',
    'call +4915112345678',
    '(415) 555-0134',
    '07700 900123',
    ...['phone', 'Tel', 'mobile', 'cell', 'fax', 'WhatsApp', 'Telefon', 'téléphone'].map((w) => `${w}: 4155550134`)
  ],
  ipv4: ['host 81.2.69.160 up'],
  ipv6: ['via 2a00:1450:4001:82b::200e now'],
  'us-ssn': ['ssn 536-22-8526'],
  'home-path': [
    'cd /Users/mkowalczyk/x',
    'cd /home/mkowalczyk/x',
    'C:\\Users\\jokafor\\x',
    'C:\\Documents and Settings\\jokafor\\x',
    'c:/users/jokafor/x',
    '-Users-lsantos-code',
    '-home-lsantos-code'
  ]
}

describe('detector keywords against every branch of every pattern', () => {
  /** The samples above, and the detector's own match examples (written to cover each branch too). */
  const samplesOf = (d: Detector): string[] => [...(branchSamples[d.id] ?? []), ...(d.examples?.match ?? [])]

  it('cover every detector that declares keywords', () => {
    expect(withKeywords.filter((d) => samplesOf(d).length === 0).map((d) => d.id)).toEqual([])
  })

  for (const d of withKeywords) {
    it(`${d.id}: each branch sample is found and holds a keyword of what finds it, in every case`, () => {
      const samples = samplesOf(d)
      expect(samples.filter((s) => d.find(s).length === 0)).toEqual([])
      const variants = samples.flatMap((s) => [s, mixCase(s), s.toUpperCase(), s.toLowerCase()])
      for (const u of units(d).filter((x) => x.keywords)) {
        expect(variants.filter((s) => u.find(s).length > 0 && !holdsKeyword(u, s))).toEqual([])
      }
    })
  }
})

describe('the engine with the prefilter', () => {
  const same = (text: string): void => {
    expect(redactText(text, filtered)).toEqual(redactText(text, unfiltered))
  }

  it('finds exactly what it finds without one, on every planted and clean case', () => {
    for (const c of planted) {
      const a = assemblePlanted(c)
      same(a.text)
      if (a.jsonLine) expect(redactLine(a.text, filtered)).toEqual(redactLine(a.text, unfiltered))
    }
    for (const c of clean) same(c.text)
  })

  it('finds exactly what it finds without one, on every sample session log line', () => {
    for (const line of sampleLogLines()) expect(redactLine(line, filtered)).toEqual(redactLine(line, unfiltered))
  })

  // Assembled at run time so no scanner flags this file.
  const GH = 'ghp_' + 'Q7vK2mR9xL4tW8nB3pZ6cY1dF5hJ0sA2eG7u'
  const AWS = 'AKIA' + 'QWERTYUI2345ASDF'
  const SLACK = 'xoxb-' + '2841902244-7734812209-a8Kd93LmQ0zX'
  const PK = ['PRIV', 'ATE KEY'].join('')
  const PEM = `-----BEGIN RSA ${PK}-----\nMIIEowIBAAKCAQEAx2Lq9fZ3k8VtRw1YpN6bHc0sJmQe7XuTgK4aDzLr5WvFyBiO\n-----END RSA ${PK}-----`
  const PW = 'Zq8vR2mLx9TwQ4pK'

  /** [what, text, a substring that must not survive] */
  const variants: Array<[string, string, string]> = [
    ['plain token', `push with ${GH} now`, GH],
    ['keyword in upper case (case-insensitive rule)', `AUTHORIZATION: BEARER ${PW}`, PW],
    ['keyword in mixed case (case-insensitive rule)', `Db_PassWord=${PW}`, PW],
    ['JSON-escaped quotes around the token', `{\\"token\\": \\"${GH}\\"}`, GH],
    ['escaped newline before the token', `line one\\n${GH}\\nline three`, GH],
    ['keyword behind a \\u escape', `export KEY=\\u0041${AWS.slice(1)}`, AWS.slice(1)],
    ['keyword split by a \\u escape of its second letter', `token g\\u0068${GH.slice(2)}`, GH.slice(2)],
    ['PEM whose keyword holds an escaped space', PEM.replaceAll(PK, PK.replace(' ', '\\u0020')).replace(/\n/g, '\\n'), 'MIIEowIBAAKCAQEAx2Lq9fZ3k8Vt'],
    ['keyword cut by a hard wrap', `export GITHUB_TOKEN_VALUE= gh\n${GH.slice(2)}`, GH.slice(2)],
    ['keyword cut by a hard wrap behind a gutter', `    41→export SLACK_BOT_TOKEN= ${SLACK.slice(0, 2)}\n    42→${SLACK.slice(2)}`, SLACK.slice(2)],
    ['keyword after a diff prefix', `@@ -1 +1 @@\n+${SLACK}`, SLACK],
    ['token in base64', `echo ${Buffer.from(`GITHUB_TOKEN=${GH}`).toString('base64')} | base64 -d`, Buffer.from(`GITHUB_TOKEN=${GH}`).toString('base64')],
    ['token URL-encoded', `GET /cb?state=${encodeURIComponent(`t=${SLACK}&x=1`)}`, encodeURIComponent(`t=${SLACK}&x=1`)],
    ['private key in base64', `data: ${Buffer.from(PEM).toString('base64')}`, Buffer.from(PEM).toString('base64').slice(0, 40)]
  ]

  it.each(variants)('still finds the secret: %s', (_what, text, needle) => {
    const r = redactText(text, filtered)
    expect(r.findings.length).toBeGreaterThan(0)
    expect(r.text).not.toContain(needle)
    same(text)
    const line = JSON.stringify({ type: 'function_call_output', output: text })
    const l = redactLine(line, filtered)
    expect(l.line).not.toContain(JSON.stringify(needle).slice(1, -1))
    expect(l).toEqual(redactLine(line, unfiltered))
  })
})

describe('Prefilter', () => {
  const det = (id: string, keywords?: string[]): Detector => ({
    id,
    pack: 'secrets',
    description: id,
    keywords,
    find: (text: string): Finding[] => (text.includes('!') ? [{ detector: id, start: 0, end: 1 }] : [])
  })
  const ids = (p: Prefilter, text: string): string[] => p.select(p.keywordsIn(text)).map((d) => d.id)

  it('keeps list order and always selects detectors without keywords', () => {
    const p = new Prefilter([det('a', ['xyz']), det('b'), det('c', ['@']), det('d', ['qq'])])
    expect(ids(p, 'nothing')).toEqual(['b'])
    expect(ids(p, 'qq and xyz and @')).toEqual(['a', 'b', 'c', 'd'])
  })

  it('finds keywords in any ASCII case, overlapping and nested in one another', () => {
    const p = new Prefilter([det('long', ['sk-ant-']), det('mid', ['sk-']), det('short', ['sk']), det('tail', ['ant-api'])])
    expect(ids(p, 'key SK-ANT-API03')).toEqual(['long', 'mid', 'short', 'tail'])
    expect(ids(p, 'a task')).toEqual(['short'])
    // Only ASCII letters fold: the Kelvin sign is not `k`.
    expect(ids(p, 's\u212a-')).toEqual([])
  })

  it('finds keywords formed across glue points, and keeps the ones already known', () => {
    const p = new Prefilter([det('gh', ['ghp_']), det('aws', ['akia']), det('at', ['@'])])
    const glued = 'x'.repeat(40) + 'gh' + 'p_' + 'y'.repeat(40)
    const known = p.keywordsIn('before: AKIA')
    expect(p.select(p.keywordsAcross(glued, [42], known)).map((d) => d.id)).toEqual(['gh', 'aws'])
    expect(p.select(p.keywordsAcross(glued, [30, 60], known)).map((d) => d.id)).toEqual(['aws'])
    expect(p.keywordsAcross(glued, [], null)).toBeNull()
  })

  it('refuses keywords it could miss: upper case, line breaks, non-ASCII', () => {
    for (const k of ['AKIA', 'a\nb', 'é', '']) expect(() => new Prefilter([det('x', [k])])).toThrow(/keyword/)
  })

  it('never selects a detector whose keyword list is empty', () => {
    expect(ids(new Prefilter([det('never', [])]), 'anything at all')).toEqual([])
  })

  it('notices a detector list changed in place after first use', () => {
    const list = [det('a', ['zzz'])]
    const opts: EngineOptions = { detectors: list }
    expect(redactText('hit! here', opts).findings).toEqual([])
    list.push(det('b'))
    expect(redactText('hit! here', opts).findings.map((f) => f.detector)).toEqual(['b'])
  })

  it('notices a list changed in place between two redactions of JSON, and after one that threw', () => {
    const list = [det('a', ['zzz'])]
    const opts: EngineOptions = { detectors: list }
    const line = '{"k":"hit! here","n":[{"m":"hit! again, a longer value than the memoised ones are: hit!"}]}'
    const detectorsOf = (): string[] => redactLine(line, opts).findings.map((f) => f.detector)
    expect(detectorsOf()).toEqual([])
    list.push(det('b'))
    expect(detectorsOf()).toEqual(['b', 'b'])
    const throwing: EngineOptions = {
      ...opts,
      marker: () => {
        throw new Error('marker failed')
      }
    }
    expect(() => redactJson(JSON.parse(line), throwing)).toThrow('marker failed')
    list[1] = det('c')
    expect(detectorsOf()).toEqual(['c', 'c'])
  })
})

describe('KeywordScanner', () => {
  it('finds exactly the keywords a plain search finds, in any ASCII case', () => {
    const keywords = [...new Set(declaring.flatMap((d) => d.keywords ?? []))].filter((k) => k.length > 1)
    const ids = new Map(keywords.map((k, i) => [k, i]))
    const scanner = new KeywordScanner(ids)
    // Keyword pieces, their case variants and neighbours that fold oddly, glued at random.
    const pieces = [...keywords, ...keywords.map((k) => k.toUpperCase()), ...keywords.map((k) => k.slice(0, -1)), 'K', '\u212a', 'é', ' ', '-', '_', '.', 'x']
    let withHits = 0
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('')
      const found = new Set<number>()
      scanner.scan(text, (id) => found.add(id))
      const expected = keywords.filter((k) => asciiLower(text).includes(k)).map((k) => ids.get(k))
      expect([...found].sort((a, b) => a - b)).toEqual(expected)
      if (expected.length > 1) withHits++
    }
    expect(withHits).toBeGreaterThan(500)
  })
})
