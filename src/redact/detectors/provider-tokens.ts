import type { Detector } from '../types.js'
import { shannonEntropy } from '../entropy.js'
import { LB, RB, hexBeforeDash, patternDetector, type PatternSpec } from './util.js'

/*
 * Prefix-and-shape rules. Prefixes and charsets follow gitleaks' MIT-licensed rule set
 * (gitleaks/gitleaks cmd/generate/config/rules) and GitHub's secret-scanning pattern list.
 * Upper bounds are generous so a token with a longer-than-documented body still goes, but
 * every repetition is bounded and anchored so matching stays linear.
 */
const re = (source: string, flags = ''): RegExp => new RegExp(source, flags)

const hasDigit = (s: string): boolean => /[0-9]/.test(s)
const randomish = (min: number) => (s: string): boolean => shannonEntropy(s) >= min

const specs: Omit<PatternSpec, 'pack'>[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id (AKIA/ASIA/…)',
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva', 'apka'],
    pattern: re(`${LB}(?<s>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16})${RB}`)
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key next to an AWS key name',
    keywords: ['aws'],
    pattern: re(
      String.raw`(?<![A-Za-z0-9])aws[A-Za-z0-9_.-]{0,24}(?:secret|SECRET|Secret)[A-Za-z0-9_.-]{0,24}["'\x60]?\s{0,4}(?:[:=]|=>|:=)\s{0,4}["'\x60]?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
      'i'
    ),
    validate: randomish(3.5)
  },
  {
    id: 'github-token',
    description: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: re(`${LB}(?<s>gh[pousr]_[A-Za-z0-9]{36,251})${RB}`)
  },
  {
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    keywords: ['github_pat_'],
    pattern: re(`${LB}(?<s>github_pat_[A-Za-z0-9_]{22,255})${RB}`)
  },
  {
    id: 'gitlab-token',
    description: 'GitLab token (glpat-, gldt-, glrt-, …)',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'glimt-', 'glagent-', 'gloas-'],
    pattern: re(`${LB}(?<s>gl(?:pat|dt|rt|ptt|cbt|ft|soat|imt|agent|oas)-[A-Za-z0-9_-]{20,255})`)
  },
  {
    id: 'slack-token',
    description: 'Slack token (xoxb-, xoxp-, xoxa-, xapp-, …)',
    keywords: ['xox', 'xapp-'],
    pattern: re(`${LB}(?<s>(?:xox[abposre]-[0-9A-Za-z-]{10,250}|xapp-[0-9]-[A-Za-z0-9-]{10,250}))`),
    validate: hasDigit
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com/'],
    pattern: re(String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/(?<s>[A-Za-z0-9_/+-]{20,200})`)
  },
  {
    id: 'stripe-key',
    description: 'Stripe secret, restricted or live publishable key; webhook secret',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'pk_live_', 'whsec_'],
    pattern: re(`${LB}(?<s>(?:(?:sk|rk)_(?:live|test)|pk_live)_[A-Za-z0-9]{10,255}|whsec_[A-Za-z0-9]{24,255})${RB}`)
  },
  {
    id: 'anthropic-key',
    description: 'Anthropic API / admin / OAuth key (sk-ant-)',
    keywords: ['sk-ant-'],
    pattern: re(`${LB}(?<s>sk-ant-[A-Za-z0-9_-]{20,300})`)
  },
  {
    id: 'openai-key',
    description: 'OpenAI-style key (sk-, sk-proj-, sk-svcacct-, sk-admin-, sk-or-)',
    keywords: ['sk-'],
    pattern: re(`${LB}(?<s>sk-(?!ant-)[A-Za-z0-9_-]{20,300})`),
    validate: (s) => hasDigit(s) && shannonEntropy(s) >= 3.5
  },
  {
    id: 'google-api-key',
    description: 'Google API key (AIza…)',
    keywords: ['aiza'],
    pattern: re(`${LB}(?<s>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])`)
  },
  {
    id: 'google-oauth-secret',
    description: 'Google OAuth client secret (GOCSPX-) or access token (ya29.)',
    keywords: ['gocspx-', 'ya29.'],
    pattern: re(`${LB}(?<s>GOCSPX-[A-Za-z0-9_-]{28,64}|ya29\\.[A-Za-z0-9_-]{20,2048})`)
  },
  {
    id: 'npm-token',
    description: 'npm access token (npm_)',
    keywords: ['npm_'],
    pattern: re(`${LB}(?<s>npm_[A-Za-z0-9]{36,64})${RB}`)
  },
  {
    id: 'pypi-token',
    description: 'PyPI upload token (pypi-AgE…)',
    keywords: ['pypi-age'],
    pattern: re(`${LB}(?<s>pypi-AgE[A-Za-z0-9_-]{50,1000})`)
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face token (hf_, api_org_)',
    keywords: ['hf_', 'api_org_'],
    pattern: re(`${LB}(?<s>(?:hf_|api_org_)[A-Za-z0-9]{30,40})${RB}`),
    validate: randomish(3.5)
  },
  {
    id: 'twilio-key',
    description: 'Twilio API key SID (SK + 32 hex)',
    keywords: ['sk'],
    pattern: re(`${LB}(?<s>SK[0-9a-fA-F]{32})${RB}`)
  },
  {
    id: 'sendgrid-key',
    description: 'SendGrid API key (SG.x.y)',
    keywords: ['sg.'],
    pattern: re(`${LB}(?<s>SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{30,64})`)
  },
  {
    id: 'mailgun-key',
    description: 'Mailgun API key (key- + 32 hex) or webhook signing key',
    keywords: ['-'],
    // Nearly every text holds a '-': look for what each shape needs, `key-` or 32 hex digits and a '-'.
    guard: (text) => text.includes('key-') || hexBeforeDash(text, 32),
    pattern: re(`${LB}(?<s>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})${RB}`)
  },
  {
    id: 'datadog-key',
    description: 'Datadog API/app key next to a Datadog key name',
    keywords: ['datadog', 'ddap', 'dd_ap', 'dd.ap', 'dd-ap'],
    pattern: re(
      String.raw`(?<![A-Za-z0-9])(?:datadog|dd)[_.-]?(?:api|app|application)[_.-]?key["'\x60]?\s{0,4}(?:[:=]|=>)\s{0,4}["'\x60]?(?<s>[a-f0-9]{32,40})(?![a-f0-9])`,
      'i'
    )
  },
  {
    id: 'sentry-dsn',
    description: 'Sentry DSN key or Sentry auth token (sntryu_, sntrys_)',
    keywords: ['://', 'sntryu_', 'sntrys_'],
    pattern: re(
      String.raw`https?://(?<s>[0-9a-f]{32}(?::[0-9a-f]{32})?)@[A-Za-z0-9.-]{1,200}(?::\d{1,5})?/\d{1,20}|${LB}(?<s2>sntry[us]_[A-Za-z0-9+/=_]{40,300})`
    )
  },
  {
    id: 'azure-storage-key',
    description: 'Azure storage account key in a connection string (AccountKey=)',
    keywords: ['accountkey='],
    pattern: re(String.raw`AccountKey=(?<s>[A-Za-z0-9+/]{40,100}={0,2})`, 'i')
  },
  {
    id: 'azure-sas-token',
    description: 'Azure SAS signature (sig=) or SharedAccessSignature',
    keywords: ['sig=', 'sharedaccesssignature=', 'sharedaccesskey='],
    pattern: re(String.raw`(?:[?&;]sig=|SharedAccessSignature=|SharedAccessKey=)(?<s>[A-Za-z0-9%+/=]{20,200})`, 'i')
  },
  {
    id: 'digitalocean-token',
    description: 'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: re(`${LB}(?<s>do[opr]_v1_[a-f0-9]{64})${RB}`)
  },
  {
    id: 'shopify-token',
    description: 'Shopify token (shpat_, shpca_, shppa_, shpss_)',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: re(`${LB}(?<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${RB}`)
  },
  {
    id: 'discord-token',
    description: 'Discord bot token or webhook URL',
    keywords: ['.'],
    pattern: re(
      String.raw`${LB}(?<s>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})${RB}|discord(?:app)?\.com/api/webhooks/\d{5,30}/(?<s2>[A-Za-z0-9_-]{60,68})`
    )
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token (id:AA…)',
    keywords: [':aa'],
    pattern: re(String.raw`(?<![0-9])(?<s>[0-9]{8,10}:AA[A-Za-z0-9_-]{32,33})(?![A-Za-z0-9_-])`)
  },
  {
    id: 'heroku-key',
    description: 'Heroku platform token (HRKU-) or API key next to a Heroku key name',
    keywords: ['hrku-', 'heroku'],
    pattern: re(
      String.raw`${LB}(?<s>HRKU-[A-Za-z0-9_-]{60,80})|(?<![A-Za-z0-9])heroku[A-Za-z0-9_.-]{0,20}(?:key|token)["'\x60]?\s{0,4}[:=]\s{0,4}["'\x60]?(?<s2>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
      'i'
    )
  },
  {
    id: 'doppler-token',
    description: 'Doppler token (dp.st., dp.ct., dp.pt., dp.sa., …)',
    keywords: ['dp.'],
    pattern: re(`${LB}(?<s>dp\\.(?:st|ct|pt|sa|scim|audit)\\.[A-Za-z0-9_.-]{40,100})`)
  },
  {
    id: 'vercel-token',
    description: 'Vercel token (vcp_, vci_, vca_, vcr_, vck_)',
    keywords: ['vcp_', 'vcc_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: re(`${LB}(?<s>vc[pciark]_[A-Za-z0-9]{24,80})${RB}`),
    validate: randomish(3.5)
  },
  {
    id: 'linear-key',
    description: 'Linear API key (lin_api_) or OAuth token',
    keywords: ['lin_api_', 'lin_oauth_'],
    pattern: re(`${LB}(?<s>lin_(?:api|oauth)_[A-Za-z0-9]{32,64})${RB}`)
  },
  {
    id: 'notion-token',
    description: 'Notion integration token (secret_, ntn_)',
    keywords: ['secret_', 'ntn_'],
    pattern: re(`${LB}(?<s>secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,60})${RB}`),
    validate: (s) => hasDigit(s) && shannonEntropy(s) >= 3.5
  },
  {
    id: 'atlassian-token',
    description: 'Atlassian API token (ATATT3, ATCTT3) or Bitbucket app password (ATBB)',
    keywords: ['atatt3', 'atctt3', 'atbb'],
    pattern: re(`${LB}(?<s>(?:ATATT3|ATCTT3)[A-Za-z0-9_=-]{50,300}|ATBB[A-Za-z0-9_=.-]{28,100})`)
  },
  {
    id: 'grafana-token',
    description: 'Grafana service account or cloud token (glsa_, glc_)',
    keywords: ['glsa_', 'glc_'],
    pattern: re(`${LB}(?<s>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})`)
  },
  {
    id: 'newrelic-key',
    description: 'New Relic key (NRAK-, NRII-, NRJS-, NRAA-)',
    keywords: ['nrak-', 'nrii-', 'nrjs-', 'nraa-', 'nriq-'],
    pattern: re(`${LB}(?<s>NR(?:AK|II|JS|AA|IQ)-[A-Za-z0-9]{19,40})${RB}`)
  },
  {
    id: 'postman-key',
    description: 'Postman API key (PMAK-)',
    keywords: ['pmak-'],
    pattern: re(`${LB}(?<s>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${RB}`, 'i')
  },
  {
    id: 'databricks-token',
    description: 'Databricks token (dapi…)',
    keywords: ['dapi'],
    pattern: re(`${LB}(?<s>dapi[a-f0-9]{32}(?:-[0-9])?)${RB}`)
  },
  {
    id: 'groq-key',
    description: 'Groq API key (gsk_)',
    keywords: ['gsk_'],
    pattern: re(`${LB}(?<s>gsk_[A-Za-z0-9]{48,60})${RB}`)
  },
  {
    id: 'replicate-token',
    description: 'Replicate API token (r8_)',
    keywords: ['r8_'],
    pattern: re(`${LB}(?<s>r8_[A-Za-z0-9]{30,50})${RB}`)
  },
  {
    id: 'hashicorp-vault-token',
    description: 'HashiCorp Vault token (hvs., hvb.) or Terraform Cloud token (.atlasv1.)',
    keywords: ['hvs.', 'hvb.', '.atlasv1.'],
    pattern: re(`${LB}(?<s>hv[sb]\\.[A-Za-z0-9_-]{24,200}|[a-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,100})`)
  },
  {
    id: 'age-secret-key',
    description: 'age encryption secret key',
    keywords: ['age-secret-key-1'],
    pattern: re(`(?<s>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})`)
  },
  {
    id: 'square-token',
    description: 'Square access token or OAuth secret (sq0atp-, sq0csp-, EAAA)',
    keywords: ['sq0atp-', 'sq0csp-'],
    pattern: re(`${LB}(?<s>sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60})`)
  },
  {
    id: 'mapbox-token',
    description: 'Mapbox secret token (sk.eyJ…)',
    keywords: ['sk.eyj'],
    pattern: re(`${LB}(?<s>sk\\.eyJ[A-Za-z0-9_-]{20,300}\\.[A-Za-z0-9_-]{10,100})`)
  },
  {
    id: 'pulumi-token',
    description: 'Pulumi access token (pul-)',
    keywords: ['pul-'],
    pattern: re(`${LB}(?<s>pul-[a-f0-9]{40})${RB}`)
  }
]

export const providerTokenDetectors: Detector[] = specs.map((s) => patternDetector({ ...s, pack: 'secrets' }))
