import { describe, it, expect } from '@jest/globals'
import { redactText } from '../../src/redact/engine.js'
import { builtinDetectors } from '../../src/redact/detectors/index.js'

/*
 * Every assignment syntax a secret is written in, and the look-alikes that must stay. The
 * templates are self-written; the gitleaks group follows the syntaxes gitleaks tests its rules
 * with (`GenerateSampleSecrets` in cmd/generate/config/utils/generate.go, gitleaks, MIT,
 * Copyright (c) 2019 Zachary Rice), including the ones it lists as still to do.
 */

const opts = { detectors: builtinDetectors }
// Assembled at test time so the repository holds no token shape.
const TOKEN = ['Zq8vR2', 'mLx9Tw', 'Q4pK7nB3'].join('')
/** Values that no shape rule finds: only the name they are assigned to gives them away. */
const WORD = 'letmeinplease'
const SYMBOLS = '#$%^&*!@'
const PHRASE = 'correct horse battery staple'

const fill = (template: string, secret: string): string => template.replaceAll('{i}', 'api').replaceAll('{I}', 'API').replaceAll('{s}', secret)

/** Syntaxes whose value is quoted (or is XML text): every value shape must go. */
const QUOTED: Record<string, string> = {
  // gitleaks' sample syntaxes
  'ini quoted': '{i}Token="{s}"',
  'ini quoted, spaces': '{i}Token = "{s}"',
  json: '{\n    "{i}_token": "{s}"\n}',
  'json escaped': '\\{\n    \\"{i}_token\\": \\"{s}\\"\n\\}',
  'json name/value pair': '{\n    "name": "{i}_token",\n    "value": "{s}"\n}',
  'xml element': '<{i}Token>{s}</{i}Token>',
  'xml element multiline': '<{i}Token>\n    {s}\n</{i}Token>',
  'xml attribute': '<entry name="{i}Token" value="{s}" />',
  'xml key/value elements': '<entry>\n  <name="{i}Token" />\n  <value="{s}" />\n</entry>',
  'yaml single quote': "{i}_token: '{s}'",
  'yaml double quote': '{i}_token: "{s}"',
  'yaml literal block': '{i}_token: |\n  {s}\nnext: 1',
  'yaml folded block': 'auth:\n  {i}_token: >-\n    {s}\n  next: 1',
  'C#': 'string {i}Token = "{s}";',
  'go var': 'var {i}Token string = "{s}"',
  'go short': '{i}Token := "{s}"',
  'go backticks': '{i}Token := `{s}`',
  java: 'String {i}Token = "{s}";',
  'kotlin typed': 'var {i}Token: String = "{s}"',
  'kotlin untyped': 'var {i}Token = "{s}"',
  'php concat': '${i}Token .= "{s}";',
  'php null coalesce': '${i}Token ??= "{s}";',
  'python single quote': "{i}Token = '{s}'",
  'python double quote': '{i}Token = "{s}"',
  'System.setProperty': 'System.setProperty("{I}_TOKEN", "{s}")',
  logstash: '  "{i}Token" => "{s}"',
  'make recursive': '{I}_TOKEN = "{s}"',
  'make simple': '{I}_TOKEN := "{s}"',
  'make shell': '{I}_TOKEN ::= "{s}"',
  'make evaluated shell': '{I}_TOKEN :::= "{s}"',
  'make conditional': '{I}_TOKEN ?= "{s}"',
  'make append': '{I}_TOKEN += "{s}"',
  // Other languages and formats
  'php variable': "$password = '{s}';",
  'C# var': 'var apiKey = "{s}";',
  'C# indexer': 'config["ApiKey"] = "{s}";',
  'ruby constant': "TOKEN = '{s}'",
  'ruby ENV': "ENV['TOKEN'] = '{s}'",
  'python os.environ': 'os.environ["API_KEY"] = "{s}"',
  'python typed': 'api_key: str = "{s}"',
  'python setdefault': 'os.environ.setdefault("API_KEY", "{s}")',
  'go os.Setenv': 'os.Setenv("GITHUB_TOKEN", "{s}")',
  'js const': "const apiKey = '{s}'",
  'ts typed': "const apiKey: string = '{s}'",
  'js process.env': "process.env.API_KEY = '{s}'",
  'js object': "{ password: '{s}' }",
  'java map put': 'props.put("password", "{s}");',
  'shell export': "export DB_PASSWORD='{s}'",
  dotenv: 'DB_PASSWORD="{s}"',
  toml: '[database]\npassword = "{s}"',
  hcl: 'resource "db" "main" {\n  password = "{s}"\n}',
  'xml password element': '<password>{s}</password>',
  'xml password, value on its own line': '<password>\n    {s}\n</password>',
  'xml add key': '<add key="ApiKey" value="{s}"/>',
  'xml property': '<property name="db.password" value="{s}"/>',
  'cli flag quoted': 'psql --password="{s}" -h db',
  'generic cli flag quoted': "deploy --registry-password '{s}'",
  comparison: 'if password == "{s}":'
}

/** Syntaxes with an unquoted value: a token shape must go, and so must a plain word where the syntax shows it is data. */
const UNQUOTED: Record<string, string> = {
  'ini unquoted': '{i}Token={s}',
  'ini unquoted, spaces': '{i}Token = {s}',
  'json escaped newline': '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
  'yaml unquoted': '{i}_token: {s}',
  'url query parameter': 'https://example.com?{i}Token={s}&fooBar=baz',
  'comma suffix': 'environmentVariables = {PATH=/usr/local/bin, ENV=/etc/bashrc, {I}_PASSWORD={s}, LC_CTYPE=en_CA.UTF-8},',
  'make conditional unquoted': '{I}_TOKEN ?= {s}',
  'make append unquoted': '{I}_TOKEN += {s}',
  properties: 'db.password={s}',
  'properties colon': 'db.password: {s}',
  'cli --password=': 'app --password={s}',
  'cli --token': 'app --token {s} --verbose',
  'cli generic': 'app --github-token {s}',
  'mysql -p': 'mysql -uroot -p{s} app',
  'connection string': 'Server=db;User Id=sa;Password={s};',
  postgres: 'postgres://app:{s}@db.internal:5432/app',
  mysql: 'mysql://app:{s}@db.internal/app',
  'mongodb+srv': 'mongodb+srv://app:{s}@cluster0.x.mongodb.net/app',
  jdbc: 'jdbc:postgresql://db/app?user=app&password={s}',
  'jdbc sqlserver': 'jdbc:sqlserver://db;user=app;password={s};'
}

/** Where an unquoted plain word is data, not code: env style, query and connection strings, flags. */
const UNQUOTED_WORD = [
  'json escaped newline',
  'url query parameter',
  'comma suffix',
  'cli --password=',
  'cli --token',
  'mysql -p',
  'connection string',
  'postgres',
  'mysql',
  'mongodb+srv',
  'jdbc',
  'jdbc sqlserver'
]

function survivors(template: string, secret: string): string[] {
  const text = fill(template, secret)
  const out = redactText(text, opts).text
  return out.includes(secret) ? [out] : []
}

describe('secret-assignment: every syntax', () => {
  const quotedCases = Object.entries(QUOTED).flatMap(([name, t]) => [TOKEN, WORD, SYMBOLS, PHRASE].map((s) => [name, s, t] as const))
  it.each(quotedCases)('%s: redacts %s', (_name, secret, template) => {
    expect(survivors(template, secret)).toEqual([])
  })

  const unquotedCases = Object.entries(UNQUOTED).flatMap(([name, t]) =>
    (UNQUOTED_WORD.includes(name) ? [TOKEN, WORD] : [TOKEN]).map((s) => [name, s, t] as const)
  )
  it.each(unquotedCases)('%s: redacts %s', (_name, secret, template) => {
    expect(survivors(template, secret)).toEqual([])
  })

  it('redacts env-style words: an upper-case name, `=` and nothing around it', () => {
    expect(redactText(`PASSWORD=${WORD}`, opts).text).toBe('PASSWORD=[REDACTED:secret-assignment]')
    expect(redactText(`export DB_PASSWORD=${WORD}`, opts).text).toBe('export DB_PASSWORD=[REDACTED:secret-assignment]')
  })

  it('keeps the key, the quotes and the rest of the line', () => {
    expect(redactText(`$password = '${SYMBOLS}';`, opts).text).toBe("$password = '[REDACTED:secret-assignment]';")
    expect(redactText(`<password>\n    ${WORD}\n</password>`, opts).text).toBe('<password>\n    [REDACTED:secret-assignment]\n</password>')
    expect(redactText(`api_token: |\n  ${TOKEN}\n# next`, opts).text).toBe('api_token: |\n  [REDACTED:secret-assignment]\n# next')
    expect(redactText(`var apiToken string = "${PHRASE}"`, opts).text).toBe('var apiToken string = "[REDACTED:secret-assignment]"')
  })
})

describe('secret-assignment: look-alikes that stay', () => {
  const KEEP = [
    // Names that describe a secret rather than hold one, or are not secret names at all
    'token_type = "bearer"',
    'max_tokens = 4096',
    '"max_tokens": 4096',
    'password_field = "password"',
    'key = "id"',
    'tokenizer = AutoTokenizer.from_pretrained("gpt2")',
    'passwordless: true',
    'secret_name = "prod-db"',
    'token_url = "https://auth.test/token"',
    'api_key_env = "OPENAI_API_KEY"',
    'PASSWORD_MIN_LENGTH = 12',
    'auth_method = "oauth"',
    'keyboard = "us"',
    'author = "Jane"',
    '<passwordPolicy>strict</passwordPolicy>',
    '<add key="Timeout" value="30"/>',
    // Code: identifiers, calls, types, comparisons with variables
    'token = response.token',
    'token = response.data.token',
    'const token = await getToken()',
    'apiKey := os.Getenv("API_KEY")',
    'password: str',
    'token: Optional[str] = None',
    'var apiToken string',
    'if token == expected:',
    'if (password !== confirmPassword) {',
    '$password = $_POST["password"];',
    'f(password=password)',
    'login(token=user_token)',
    // References: environment, templating, command substitution, format directives
    'password = os.environ["DB_PASSWORD"]',
    'api_key = os.getenv("API_KEY")',
    'TOKEN = ENV.fetch("TOKEN")',
    "TOKEN = ENV['TOKEN']",
    'apiKey: process.env.OPENAI_API_KEY',
    'password: ${DB_PASSWORD}',
    'token: "{{ secrets.GH_TOKEN }}"',
    'PASSWORD="$(cat /run/secrets/pw)"',
    'TOKEN=`gh auth token`',
    'password = "%s"',
    'password = "{}"',
    'token = "#{token}"',
    'API_KEY="$API_KEY"',
    // Placeholders and defaults
    'PASSWORD=changeme',
    'api_key = "your_api_key_here"',
    'password: "********"',
    'password = "password"',
    '"auth": "ok"',
    "pin: '1'",
    // Command lines
    'docker login --password-stdin ghcr.io',
    'tool --token-file ./token.txt',
    'cmd --no-password host',
    'app --sort-key name'
  ]
  it.each(KEEP)('%s', (text) => {
    expect(redactText(text, opts).findings).toEqual([])
  })
})

describe('text that already holds markers (the last check reads published text)', () => {
  it("never takes a marker's detector id for a key, and judges only what a marker left", async () => {
    const { builtinDetectors } = await import('../../src/redact/detectors/index.js')
    const d = builtinDetectors.find((x) => x.id === 'secret-assignment')
    const found = (t: string) => (d?.find(t) ?? []).map((f) => t.slice(f.start, f.end))
    expect(found('DATABASE_URL=postgres://[REDACTED:url-credentials]:5432/app')).toEqual([])
    expect(found('aws_secret_access_key = [REDACTED:aws-secret-access-key] region = eu-west-1')).toEqual([])
    expect(found('PASSWORD="[REDACTED:email#1]"')).toEqual([])
    // What is left beside a marker is still judged.
    expect(found('PASSWORD="hunter2-[REDACTED:email#1]-Zq8xW2"')).toEqual(['hunter2-[REDACTED:email#1]-Zq8xW2'])
  })
})
