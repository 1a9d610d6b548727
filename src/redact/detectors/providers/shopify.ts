import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const shopifyDetectors = [
  provider({
    id: 'shopify-token',
    description: 'Shopify token (shpat_, shpca_, shppa_, shpss_)',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: re(`${LB}(?<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${RB}`),
    examples: {
      match: ['shpat_' + hex(32), 'shpss_' + hex(32)],
      miss: ['shpat_' + hex(16), 'shpat_' + hex(40)]
    }
  })
]
