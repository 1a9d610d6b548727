import { LB, RB } from '../util.js'
import { an, digits, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const githubDetectors = [
  provider({
    id: 'github-token',
    description: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_; ghs_<app id>_<JWT> installation tokens)',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    // Stateless installation tokens are `ghs_<app id>_<JWT>`, far longer than the classic form.
    pattern: re(`${LB}(?<s>ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_.-]{20,12000}|gh[pousr]_[A-Za-z0-9]{36,251})${RB}`),
    examples: {
      match: ['ghp_' + an(36), 'gho_' + an(36), 'ghs_' + an(36), 'ghs_' + digits(7) + '_eyJ' + urlsafe(40) + '.eyJ' + urlsafe(300) + '.' + urlsafe(86)],
      miss: [
        'ghp_' + an(20),
        'xghp_' + an(36),
        'ghp_' + 'x'.repeat(36),
        'ghp_' + '${GITHUB_TOKEN}',
        // A body typed by hand fails GitHub's checksum: no issuer drew it.
        'ghp_' + '1234567890abcdefghij' + 'ABCDEFGHIJ123456'
      ]
    }
  }),
  provider({
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    keywords: ['github_pat_'],
    pattern: re(`${LB}(?<s>github_pat_[A-Za-z0-9_]{22,255})${RB}`),
    examples: {
      match: ['github_pat_' + an(22) + '_' + an(59)],
      miss: ['github_pat_' + an(10), 'github_pat_' + '<your-token>']
    }
  })
]
