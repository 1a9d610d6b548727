import { LB, RB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

export const shopifyDetectors = [
  provider({
    id: 'shopify-token',
    description: 'Shopify token (shpat_, shpca_, shppa_, shpss_)',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    // Issued bodies are 32 hex digits; secretlint's are 32 to 40 alphanumerics, taken when they
    // hold a letter past f (a longer all-hex body is some other digest).
    pattern: re(`${LB}(?<s>shp(?:at|ca|pa|ss)_(?:[a-fA-F0-9]{32}|(?=[A-Za-z0-9]{0,39}[G-Zg-z])[A-Za-z0-9]{32,40}))${RB}`),
    examples: {
      match: ['shpat_' + hex(32), 'shpss_' + hex(32), 'shpca_' + an(38) + 'x'],
      miss: ['shpat_' + hex(16), 'shpat_' + hex(40)]
    }
  })
]
