import { shannonEntropy } from '../../entropy.js'
import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const vercelDetectors = [
  provider({
    id: 'vercel-token',
    description: 'Vercel token (vcp_, vci_, vca_, vcr_, vck_)',
    keywords: ['vcp_', 'vcc_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: re(`${LB}(?<s>vc[pciark]_[A-Za-z0-9]{24,80})${RB}`),
    validate: (s) => shannonEntropy(s) >= 3.5,
    examples: {
      match: ['vcp_' + an(40), 'vck_' + an(32)],
      miss: ['vcp_' + an(12), 'vcp_' + 'aaaabbbbaaaabbbbaaaabbbb']
    }
  })
]
