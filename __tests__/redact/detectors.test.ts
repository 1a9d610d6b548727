import { describe, it, expect } from '@jest/globals'
import { builtinDetectors, detectorIds, isPlaceholder, isSecretKeyName } from '../../src/redact/detectors/index.js'
import { ASSIGNMENT, assignmentStarts, nextAssignment } from '../../src/redact/detectors/credentials.js'
import { isIPv6 } from 'node:net'
import { hasDashedDigits, hexBeforeDash, minDigits } from '../../src/redact/detectors/util.js'
import { isPrivateIPv6 } from '../../src/redact/detectors/pii.js'
import { shannonEntropy } from '../../src/redact/entropy.js'
import type { Detector } from '../../src/redact/types.js'
import { cpuMs, HANG_GUARD_MS, prng } from '../helpers.js'

// Split so that secret scanners run over this repository do not flag the test sources.
const PK = ['PRIV', 'ATE KEY'].join('')
const PW = ['Zq8vR2', 'mLx9Tw'].join('')
const TOK16 = PW + 'Q4pK'
const TOK20 = TOK16 + '7nB3'
const PUTTY = ['PuTTY', 'User-Key-File'].join('-')

// Deterministic pseudo-random tokens, assembled at test time so the repository holds no
// scanner-shaped secrets.
const rnd = prng(42)
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'
const URLSAFE = ALNUM + '_-'
const B64 = ALNUM + '+/'
function r(charset: string, n: number): string {
  for (;;) {
    let s = ''
    for (let i = 0; i < n; i++) s += charset[Math.floor(rnd() * charset.length)]
    // Keep mixed-class charsets mixed so entropy/digit gates see a realistic token.
    if (!/[0-9]/.test(charset) || /[0-9]/.test(s) || n < 8) return s
  }
}

function byId(id: string): Detector {
  const d = builtinDetectors.find((x) => x.id === id)
  if (!d) throw new Error(`no detector ${id}`)
  return d
}
function hits(id: string, text: string): string[] {
  return byId(id)
    .find(text)
    .map((f) => text.slice(f.start, f.end))
}

interface Case {
  id: string
  positives: Array<[text: string, secret: string]>
  negatives: string[]
}

const gh = 'ghp_' + r(ALNUM, 36)
const aws = 'AKIA' + r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)
const awsSecret = r(B64, 40)
const pem = (label: string, body: string): string => `-----BEGIN ${label} ${PK}-----\n${body}\n-----END ${label} ${PK}-----`
const keyBody = [r(B64, 64), r(B64, 64), r(B64, 20) + '=='].join('\n')

const cases: Case[] = [
  {
    id: 'aws-access-key-id',
    positives: [
      [`aws_access_key_id = ${aws}`, aws],
      [`"AccessKeyId": "ASIA${aws.slice(4)}"`, `ASIA${aws.slice(4)}`]
    ],
    negatives: ['AKIAIOSFODNN7EXAMPLE', `XAKIA${aws.slice(4)}`, 'AKIA1234']
  },
  {
    id: 'aws-secret-access-key',
    positives: [
      [`aws_secret_access_key = ${awsSecret}`, awsSecret],
      [`"AWS_SECRET_ACCESS_KEY": "${awsSecret}"`, awsSecret]
    ],
    negatives: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', awsSecret]
  },
  {
    id: 'github-token',
    positives: [
      [`git clone https://${gh}@github.com/o/r`, gh],
      [`token=${'ghs_' + gh.slice(4)}`, 'ghs_' + gh.slice(4)],
      [`"${gh}"`, gh]
    ],
    negatives: ['ghp_' + 'x'.repeat(36), 'ghp_short', `xghp_${gh.slice(4)}`]
  },
  {
    id: 'github-fine-grained-pat',
    positives: [[`GH=github_pat_${r(ALNUM, 22)}_${r(ALNUM, 59)}`, '']],
    negatives: ['github_pat_tooshort']
  },
  {
    id: 'gitlab-token',
    positives: [[`https://oauth2:glpat-${r(ALNUM, 20)}@gitlab.com`, '']],
    negatives: ['glpat-xxxxxxxxxxxxxxxxxxxx', 'glpat-abc']
  },
  {
    id: 'slack-token',
    positives: [[`xoxb-${r('0123456789', 12)}-${r('0123456789', 12)}-${r(ALNUM, 24)}`, '']],
    negatives: ['xoxb-your-bot-token-here', 'xoxb-...']
  },
  {
    id: 'slack-webhook',
    positives: [[`https://hooks.slack.com/services/T${r(ALNUM, 8)}/B${r(ALNUM, 8)}/${r(ALNUM, 24)}`, '']],
    negatives: ['https://hooks.slack.com/services/']
  },
  {
    id: 'stripe-key',
    positives: [
      [`sk_live_${r(ALNUM, 24)}`, ''],
      [`rk_live_${r(ALNUM, 24)}`, ''],
      [`whsec_${r(ALNUM, 32)}`, '']
    ],
    negatives: ['sk_live_000000000000000000000000', 'pk_test_short']
  },
  {
    id: 'anthropic-key',
    positives: [[`ANTHROPIC_API_KEY=sk-ant-api03-${r(URLSAFE, 93)}AA`, '']],
    negatives: ['sk-ant-...', 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxx']
  },
  {
    id: 'openai-key',
    positives: [
      [`sk-proj-${r(URLSAFE, 74)}T3BlbkFJ${r(URLSAFE, 74)}`, ''],
      [`key sk-${r(ALNUM, 48)} end`, '']
    ],
    negatives: ['sk-...', 'OPENAI_API_KEY=sk-your-key-here', '--sk-color-primary-foreground-dark', `task-${r(ALNUM, 40)}`]
  },
  {
    id: 'google-api-key',
    positives: [[`?key=AIza${r(URLSAFE, 35)}`, '']],
    negatives: ['AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIza-short']
  },
  {
    id: 'google-oauth-secret',
    positives: [
      [`GOCSPX-${r(URLSAFE, 28)}`, ''],
      [`ya29.${r(URLSAFE, 100)}`, '']
    ],
    negatives: ['GOCSPX-']
  },
  { id: 'npm-token', positives: [[`//registry.npmjs.org/:_authToken=npm_${r(ALNUM, 36)}`, '']], negatives: ['npm_install_command_line'] },
  { id: 'pypi-token', positives: [[`password = pypi-AgEIcHlwaS5vcmc${r(URLSAFE, 70)}`, '']], negatives: ['pypi-AgEI'] },
  { id: 'huggingface-token', positives: [[`HF_TOKEN=hf_${r(ALNUM, 34)}`, '']], negatives: ['hf_hub_download', 'self.hf_model_name_or_path'] },
  { id: 'twilio-key', positives: [[`SK${r(HEX, 32)}`, '']], negatives: [`ASK${r(HEX, 32)}`] },
  { id: 'sendgrid-key', positives: [[`SG.${r(URLSAFE, 22)}.${r(URLSAFE, 43)}`, '']], negatives: ['SG.x.y'] },
  { id: 'mailgun-key', positives: [[`api:key-${r(HEX, 32)}`, '']], negatives: ['key-value store'] },
  { id: 'datadog-key', positives: [[`DD_API_KEY=${r(HEX, 32)}`, '']], negatives: [`DD_TRACE_ID=${r(HEX, 32)}`] },
  {
    id: 'sentry-dsn',
    positives: [
      [`https://${r(HEX, 32)}@o4501.ingest.sentry.io/45`, ''],
      [`sntryu_${r(HEX, 64)}`, '']
    ],
    negatives: ['https://sentry.io/organizations/acme/']
  },
  { id: 'azure-storage-key', positives: [[`AccountName=a;AccountKey=${r(B64, 86)}==;EndpointSuffix=x`, '']], negatives: ['AccountKey=;'] },
  { id: 'azure-sas-token', positives: [[`https://a.blob.core.windows.net/c?sv=2022&sig=${r(ALNUM, 43)}%3D`, '']], negatives: ['?sig=abc'] },
  { id: 'digitalocean-token', positives: [[`dop_v1_${r(HEX, 64)}`, '']], negatives: ['dop_v1_abc'] },
  { id: 'shopify-token', positives: [[`shpat_${r(HEX, 32)}`, '']], negatives: ['shpat_'] },
  {
    id: 'discord-token',
    positives: [[`M${r(ALNUM, 23)}.${r(ALNUM, 6)}.${r(URLSAFE, 27)}`, '']],
    negatives: ['Math.floor(value).toFixed(2)']
  },
  { id: 'telegram-bot-token', positives: [[`bot7481920365:AA${r(URLSAFE, 33)}/getMe`, '']], negatives: ['12:30:45'] },
  {
    id: 'heroku-key',
    positives: [
      [`HRKU-${r(URLSAFE, 60)}`, ''],
      [['HEROKU', '_API_KEY=', '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'].join(''), '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9']
    ],
    negatives: ['request id 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9']
  },
  { id: 'doppler-token', positives: [[`dp.st.${r(ALNUM, 43)}`, '']], negatives: ['dp.st.x'] },
  { id: 'vercel-token', positives: [[`vcp_${r(ALNUM, 56)}`, '']], negatives: ['vcp_short'] },
  { id: 'linear-key', positives: [[`lin_api_${r(ALNUM, 40)}`, '']], negatives: ['lin_api_'] },
  {
    id: 'notion-token',
    positives: [
      [`ntn_${r('0123456789', 11)}${r(ALNUM, 35)}`, ''],
      [`secret_${r(ALNUM, 43)}`, '']
    ],
    negatives: ['secret_keyForTheApplicationInProductionModeX']
  },
  { id: 'atlassian-token', positives: [[`ATATT3xFfGF0${r(URLSAFE, 180)}`, '']], negatives: ['ATATT3'] },
  {
    id: 'grafana-token',
    positives: [
      [`glsa_${r(ALNUM, 32)}_${r(HEX, 8)}`, ''],
      [`glc_${r(ALNUM, 80)}=`, '']
    ],
    negatives: ['glc_']
  },
  { id: 'newrelic-key', positives: [[`NRAK-${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27)}`, '']], negatives: ['NRAK-'] },
  { id: 'postman-key', positives: [[`PMAK-${r(HEX, 24)}-${r(HEX, 34)}`, '']], negatives: ['PMAK-abc'] },
  { id: 'databricks-token', positives: [[`dapi${r(HEX, 32)}`, '']], negatives: ['dapi_client'] },
  { id: 'groq-key', positives: [[`gsk_${r(ALNUM, 52)}`, '']], negatives: ['gsk_'] },
  { id: 'replicate-token', positives: [[`r8_${r(ALNUM, 37)}`, '']], negatives: ['r8_'] },
  { id: 'hashicorp-vault-token', positives: [[`VAULT_TOKEN=hvs.${r(URLSAFE, 90)}`, '']], negatives: ['hvs.'] },
  { id: 'age-secret-key', positives: [[`AGE-SECRET-KEY-1${r('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`, '']], negatives: ['AGE-SECRET-KEY-1'] },
  { id: 'square-token', positives: [[`sq0atp-${r(URLSAFE, 22)}`, '']], negatives: ['sq0atp-'] },
  { id: 'mapbox-token', positives: [[`sk.eyJ1IjoiYWNtZSJ9${r(ALNUM, 20)}.${r(URLSAFE, 22)}`, '']], negatives: ['pk.eyJ1IjoiYWNtZSJ9'] },
  { id: 'pulumi-token', positives: [[`pul-${r(HEX, 40)}`, '']], negatives: ['pul-request'] },
  {
    id: 'jwt',
    positives: [[`Bearer ${'ey' + 'JhbGciOiJIUzI1NiJ9'}.${'ey' + 'JzdWIiOiIxMjM0NTY3ODkwIn0'}.${r(URLSAFE, 43)}`, '']],
    negatives: ['ey' + 'JhbGciOiJIUzI1NiJ9 alone']
  },
  {
    id: 'private-key',
    positives: [
      [`x\n${pem('RSA', keyBody)}\ny`, pem('RSA', keyBody)],
      [pem('OPENSSH', keyBody).replace(/\n/g, '\\n'), ''],
      [pem('EC', keyBody), ''],
      [pem('ENCRYPTED', keyBody), ''],
      [`-----BEGIN PGP ${PK} BLOCK-----\n\n${keyBody}\n-----END PGP ${PK} BLOCK-----`, ''],
      [`truncated -----BEGIN RSA ${PK}-----\n${keyBody}`, `-----BEGIN RSA ${PK}-----\n${keyBody}`],
      [`-----BEGIN RSA ${PK}-----\n     2→${r(B64, 64)}\n     3→-----END RSA ${PK}-----`, '']
    ],
    negatives: ['-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', '-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----']
  },
  {
    id: 'putty-private-key',
    positives: [[`${PUTTY}-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 1\n${r(B64, 44)}\nPrivate-Lines: 1\n${r(B64, 44)}\nPrivate-MAC: ${r(HEX, 64)}`, '']],
    negatives: ['PuTTY is an SSH client']
  },
  {
    id: 'url-credentials',
    positives: [
      [`postgres://app:${PW}@db.internal:5432/app`, `${PW}`],
      [`https://x-access-token:${gh}@github.com/o/r.git`, gh]
    ],
    negatives: ['postgres://postgres:postgres@localhost/db', 'https://host:8080/path', 'https://github.com/o/r', 'postgres://user:${DB_PASS}@db/app']
  },
  {
    id: 'connection-string-password',
    positives: [[`Server=db;User Id=sa;Password=${PW};`, `${PW}`]],
    negatives: ['Password=;', 'const password = req.body.password', 'Password=changeme;']
  },
  {
    id: 'authorization-header',
    positives: [
      [`curl -H "Authorization: Bearer ${TOK20}"`, `${TOK20}`],
      ['Authorization: Basic ZGVwbG95OnMzY3JldA==', 'ZGVwbG95OnMzY3JldA=='],
      [`token is Bearer ${TOK20}`, `${TOK20}`]
    ],
    negatives: ['Authorization: Bearer $TOKEN', 'Authorization: required', 'the Bearer scheme', 'Authorization: Bearer ${{ secrets.TOKEN }}']
  },
  {
    id: 'api-key-header',
    positives: [[`-H "X-Api-Key: ${TOK16}"`, `${TOK16}`]],
    negatives: ['X-Api-Key: <your-key>']
  },
  {
    id: 'cli-secret-flag',
    positives: [
      [`acme login --token ${PW} --region eu`, `${PW}`],
      ["psql --password='Zq8vR2 mLx9Tw'", 'Zq8vR2 mLx9Tw'],
      [`mysql -u root -p${PW} app`, `${PW}`],
      [`curl -u deploy:${PW} https://ci`, `${PW}`],
      [`sshpass -p ${PW} ssh host`, `${PW}`]
    ],
    negatives: ['acme login --token $TOKEN', 'tool --token-file ./token.txt', 'git push -u origin main', 'ssh --private-key ./id_rsa', 'mkdir -p src/x']
  },
  {
    id: 'secret-assignment',
    positives: [
      ['DB_PASSWORD=hunter22', 'hunter22'],
      [`export VERCEL_TOKEN=${TOK20}`, `${TOK20}`],
      [`"client_secret": "${TOK20}",`, `${TOK20}`],
      [`api_key: '${TOK20}'`, TOK20],
      [`https://x.io/cb?state=abc&access_token=${TOK20}&x=1`, `${TOK20}`],
      [`go next=https://x.io/cb?access_token=${TOK20}`, `${TOK20}`]
    ],
    negatives: [
      'max_tokens: 4096',
      'token_type: Bearer',
      'const token = await getToken()',
      'password: str',
      'apiKey: process.env.OPENAI_API_KEY',
      'token: Optional[str] = None',
      'GITHUB_TOKEN=${GITHUB_TOKEN}',
      'PASSWORD=changeme',
      'author: Mira Kowalczyk',
      'sessionId: 5c0375b4-57a5-4f26-b12d-d022ee4e51b7',
      'token = response.data.token',
      'password=[REDACTED:secret-assignment]'
    ]
  },
  {
    id: 'email',
    positives: [
      ['Contact mira.kowalczyk@acme-corp.io today', 'mira.kowalczyk@acme-corp.io'],
      ['<j.okafor+ci@mail.fabrikam.co.uk>', 'j.okafor+ci@mail.fabrikam.co.uk']
    ],
    negatives: ['git@github.com:o/r.git', 'noreply@anthropic.com', 'logo@2x.png', 'lodash@4.17.21', 'user@example.com', 'postgres://u:pw@db.acme.io/x']
  },
  {
    id: 'phone',
    positives: [
      ['call +1 415 555 2671 now', '+1 415 555 2671'],
      ['(415) 555-0134', '(415) 555-0134'],
      ['+44 20 7946 0958', '+44 20 7946 0958'],
      ['07700 900123', '07700 900123'],
      ['Phone: 4155550134', '4155550134']
    ],
    negatives: ['2025-11-22T21:02:48.184Z', 'order 1763862527000', 'version 1.2.3', '12:30:45', '"input_tokens":1566645']
  },
  {
    id: 'ipv4',
    positives: [
      ['from 84.17.45.212 port 22', '84.17.45.212'],
      ['host 62.113.7.19', '62.113.7.19']
    ],
    negatives: [
      '10.42.7.19',
      '192.168.1.20',
      '172.16.0.5',
      '169.254.169.254',
      '127.0.0.1',
      '0.0.0.0',
      '255.255.255.0',
      '192.0.2.10',
      'version 1.2.3.4',
      'v10.2.0.1',
      '1.2.3',
      '999.1.1.1'
    ]
  },
  {
    id: 'ipv6',
    positives: [
      ['ping6 2a01:4f8:c17:2b3e::1', '2a01:4f8:c17:2b3e::1'],
      ['2606:4700:4700::1111%eth0', '2606:4700:4700::1111']
    ],
    negatives: [
      'fe80::1ff:fe23:4567:890a%eth0',
      'fd00::1',
      'fd12:3456:789a::1',
      '::1',
      '[::]:80',
      'aa:bb:cc:dd:ee:ff',
      '12:30:45',
      'std::vector',
      '2001:db8::1',
      'de:ad'
    ]
  },
  {
    id: 'credit-card',
    positives: [
      ['card 4539 1488 0343 6467 exp', '4539 1488 0343 6467'],
      ['pan=5105105105105100', '5105105105105100']
    ],
    negatives: ['4539 1488 0343 6468', '1763862527000', '0000 0000 0000 0000', '4539-1488 0343 6467']
  },
  {
    id: 'iban',
    positives: [
      ['IBAN DE89 3704 0044 0532 0130 00 ok', 'DE89 3704 0044 0532 0130 00'],
      ['GB82WEST12345698765432', 'GB82WEST12345698765432']
    ],
    negatives: ['DE89370400440532013001', 'AB12CDEF']
  },
  {
    id: 'us-ssn',
    positives: [['SSN 512-84-9731', '512-84-9731']],
    negatives: ['000-12-3456', '666-12-3456', '123-45-6789', '512-00-9731', '2025-11-22', '1-512-84-9731']
  },
  {
    id: 'uk-nino',
    positives: [
      ['NI JG103729C', 'JG103729C'],
      ['nino AB 12 34 56 D', 'AB 12 34 56 D']
    ],
    negatives: ['QQ123456C', 'GB123456A', 'JG103729E', 'XJG103729C']
  },
  {
    id: 'home-path',
    positives: [
      ['cd /Users/mkowalczyk/code', 'mkowalczyk'],
      ['/home/priya.raman/.bashrc', 'priya.raman'],
      ['C:\\Users\\jokafor\\AppData', 'jokafor'],
      ['C:\\\\Users\\\\jokafor\\\\AppData', 'jokafor'],
      ['~/.claude/projects/-Users-lsantos-code-app/x.jsonl', 'lsantos'],
      ['-home-lsantos-code', 'lsantos'],
      ['C--Users-lsantos-code', 'lsantos']
    ],
    negatives: ['/Users/Shared/x', '/home/runner/work', '/usr/local/bin', '/home/$USER/x', '/Users/<name>/x', 'my-home-page', 'src/redact/engine.ts']
  }
]

describe('built-in detectors', () => {
  it('have unique ids and every id is covered by this suite or by its own examples', () => {
    expect(new Set(detectorIds).size).toBe(detectorIds.length)
    // user-name reads only key/value pairs (findInField); it has its own test in engine.test.ts.
    // Examples are held to in detector-examples.test.ts.
    const exemplified = builtinDetectors.filter((d) => d.examples).map((d) => d.id)
    expect(new Set([...cases.map((c) => c.id), ...exemplified])).toEqual(new Set(detectorIds.filter((id) => id !== 'user-name')))
  })

  it('each belongs to a pack and describes itself', () => {
    for (const d of builtinDetectors) {
      expect(['secrets', 'pii', 'paths']).toContain(d.pack)
      expect(d.description.length).toBeGreaterThan(5)
    }
  })

  for (const c of cases) {
    describe(c.id, () => {
      it.each(c.positives.map(([text, secret], i) => [i, text, secret] as const))('finds positive #%i', (_i, text, secret) => {
        const found = hits(c.id, text)
        expect(found.length).toBeGreaterThan(0)
        if (secret) expect(found.some((f) => f.includes(secret))).toBe(true)
      })
      it.each(c.negatives.map((t, i) => [i, t] as const))('ignores negative #%i', (_i, text) => {
        expect(hits(c.id, text)).toEqual([])
      })
    })
  }

  it('declare keywords that every positive holds (the engine skips a detector on text without one)', () => {
    const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
    const missing = cases.flatMap((c) => {
      const keywords = byId(c.id).keywords
      if (!keywords) return []
      return c.positives.filter(([text]) => !keywords.some((k) => asciiLower(text).includes(k))).map(([text]) => `${c.id}: ${text}`)
    })
    expect(missing).toEqual([])
  })

  it('redacts a prefixed token even when its checksum would not verify', () => {
    const noChecksum = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'
    expect(hits('github-token', noChecksum)).toEqual([noChecksum])
  })

  it('stops a token at an escaped newline and starts one after it', () => {
    expect(hits('github-token', `a\\n${gh}\\nb`)).toEqual([gh])
  })
})

describe('placeholders', () => {
  it.each([
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'xxxxxxxxxxxxxxxx',
    '<your-token>',
    '${TOKEN}',
    '{{ secrets.NPM_TOKEN }}',
    '$GITHUB_TOKEN',
    '%API_KEY%',
    'changeme',
    'your_api_key_here',
    'sk-...',
    'aaaaaaaaaaaaaaaa',
    'sk_live_000000000000000000000000',
    '********',
    'process.env.SECRET',
    '[REDACTED:github-token]'
  ])('%s is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true)
  })
  it.each([gh, awsSecret, `${PW}`, 'hunter22'])('%s is not a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(false)
  })
})

describe('secret-like key names', () => {
  it.each([
    'password',
    'DB_PASSWORD',
    'api_key',
    'apiKey',
    'X-Api-Key',
    'client_secret',
    'Authorization',
    'access_token',
    'GITHUB_TOKEN',
    'npmAuthToken',
    'private_key',
    'aws_secret_access_key',
    'PGPASSWORD',
    'secret',
    'dsn',
    '_auth'
  ])('%s is secret-like', (k) => {
    expect(isSecretKeyName(k)).toBe(true)
  })
  it.each([
    'max_tokens',
    'input_tokens',
    'token_type',
    'token_count',
    'tokenizer',
    'author',
    'sessionId',
    'tool_use_id',
    'signature',
    'encrypted_content',
    'password_file',
    'auth_url',
    'AWS_ACCESS_KEY_ID',
    'private_key_id',
    'key',
    'name'
  ])('%s is not secret-like', (k) => {
    expect(isSecretKeyName(k)).toBe(false)
  })
})

describe('entropy', () => {
  it('is zero for empty and single-symbol strings and log2(n) for n distinct symbols', () => {
    expect(shannonEntropy('')).toBe(0)
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('abcd')).toBeCloseTo(2)
  })
})

describe('detectors are linear on adversarial input', () => {
  const adversarial: Record<string, string> = {
    'a x100k': 'a'.repeat(100_000),
    'A x256k': 'A'.repeat(256 * 1024),
    'digits x100k': '7'.repeat(100_000),
    '@ x50k': '@'.repeat(50_000),
    '% x100k': '%'.repeat(100_000),
    '%41 x50k': '%41'.repeat(50_000),
    '= x100k': '='.repeat(100_000),
    '- x100k': '-'.repeat(100_000),
    'BEGIN without END': `-----BEGIN RSA ${PK}-----\n` + 'QUJD'.repeat(50_000),
    'BEGIN x5k': '-----BEGIN '.repeat(5_000) + PK,
    'AWS x50k': 'AWS_'.repeat(50_000),
    'token= x20k': 'token='.repeat(20_000),
    'a@a. x30k': 'a@a.'.repeat(30_000),
    'x:// x30k': 'x://a:'.repeat(30_000),
    'hex colons': 'ab:'.repeat(50_000),
    'digit groups': '1 2-'.repeat(50_000),
    '/Users/ x20k': '/Users/'.repeat(20_000),
    'eyJ x20k': 'eyJabcdefgh.'.repeat(20_000),
    'mysql -p': 'mysql ' + ' x'.repeat(50_000),
    backslashes: '\\'.repeat(100_000)
  }
  for (const [name, text] of Object.entries(adversarial)) {
    it(`${name} completes in bounded time`, () => {
      expect(cpuMs(() => builtinDetectors.forEach((d) => d.find(text))).ms).toBeLessThan(HANG_GUARD_MS)
    })
  }
})

describe('patterns and guards added for speed change no finding', () => {
  // The patterns scanned at every position, as the detectors once did: the references.
  // For secret-assignment, the reference is its own pattern scanned globally.
  const OLD_IPV6 = /(?<![A-Za-z0-9:.])[0-9A-Fa-f:]{2,39}(?![A-Za-z0-9:])/g

  const fuzz = (alphabet: string, count: number, length: number): string[] =>
    Array.from({ length: count }, () => Array.from({ length }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''))
  const positives = cases.flatMap((c) => c.positives.map(([t]) => t))
  const adversarial = ['token='.repeat(200), 'a'.repeat(300) + '=x', 'ab:'.repeat(200), '1:2:3:4:5:6:7:8:9:'.repeat(20)]

  it('secret-assignment: from every position, the match a scan of the whole text finds next', () => {
    const words = ['pass', 'pwd', 'secret', 'token', 'key', 'Auth', 'dsn', 'x', '_', '.', '-', '$', '9', 'A', 'tokenizer', 'str', 'Optional[str]', '&str', 'T?']
    const glue = [
      '=',
      ':',
      ':=',
      '::=',
      '?=',
      '+=',
      '.=',
      '??=',
      '==',
      '!=',
      '=>',
      ' ',
      '  ',
      '\n',
      '\r',
      '\f',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u200b',
      '\v',
      '"',
      "'",
      '`',
      ',',
      ';',
      '\t',
      '?',
      '&',
      ')',
      ']',
      '[',
      '|',
      '>',
      'é'
    ]
    const pieces = [...words, ...glue]
    const texts = [
      ...positives,
      ...adversarial,
      ...Array.from({ length: 3000 }, () => Array.from({ length: 14 }, () => pieces[Math.floor(rnd() * pieces.length)]).join(''))
    ]
    const scan = new RegExp(ASSIGNMENT.source, 'dgi')
    const describe = (m: RegExpExecArray | null): string | null => m && JSON.stringify([m.index, m[0], m.groups, m.indices?.groups])
    const differ: string[] = []
    let found = 0
    for (const t of texts) {
      const starts = assignmentStarts(t)
      for (let p = 0; p <= t.length; p++) {
        scan.lastIndex = p
        const expected = describe(scan.exec(t))
        if (expected) found++
        if (describe(nextAssignment(t, starts, p)) !== expected) differ.push(`${p}: ${t}`)
      }
    }
    expect(differ).toEqual([])
    expect(found).toBeGreaterThan(1000)
  })

  it('ipv6: the same findings as a regex scan of every position', () => {
    // The detector as it was: every candidate run of the whole text, then the same checks.
    const reference = (text: string): Array<[number, number]> => {
      const out: Array<[number, number]> = []
      const re = new RegExp(OLD_IPV6.source, 'g')
      let m: RegExpExecArray | null
      while ((m = re.exec(text)) !== null) {
        const ip = m[0]
        if (ip.split(':').filter((g) => g.length > 0).length < 3 || !isIPv6(ip)) continue
        if (/^(?:0{0,4}:){0,7}:?0{0,3}[01]?$/.test(ip) || /^2001:0?db8:/i.test(ip)) continue
        // Private ranges are kept by default (`pii.private_ips`).
        if (isPrivateIPv6(ip)) continue
        out.push([m.index, m.index + ip.length])
      }
      return out
    }
    const ipv6 = byId('ipv6')
    const texts = [...positives, ...adversarial, ...fuzz('0123456789abcdefABCDEFxyz::::.. -', 6000, 60), ...fuzz('0123456789abcdef:', 2000, 60)]
    const differ = texts.filter((t) => JSON.stringify(ipv6.find(t).map((f) => [f.start, f.end])) !== JSON.stringify(reference(t)))
    expect(differ).toEqual([])
    expect(texts.filter((t) => reference(t).length > 0).length).toBeGreaterThan(50)
  })

  it('guards pass every text on which their shape can occur', () => {
    const texts = [...positives, ...adversarial, ...fuzz('0123456789abcdefx- ', 3000, 80), ...fuzz('0123456789--x', 3000, 40)]
    for (const t of texts) {
      expect(hexBeforeDash(t, 32)).toBe(/[0-9a-f]{32}-/.test(t))
      expect(hasDashedDigits(t, [3, 2, 4])).toBe(/\d{3}-\d{2}-\d{4}/.test(t))
      for (const n of [6, 8, 9, 13, 32]) expect(minDigits(n)(t)).toBe((t.match(/[0-9]/g) ?? []).length >= n)
    }
    expect(() => minDigits(33)).toThrow()
  })
})
