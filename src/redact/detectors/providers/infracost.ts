import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const infracostDetectors = [
  provider({
    id: 'infracost-token',
    description: 'Infracost API token (ico-)',
    keywords: ['ico-'],
    pattern: re(`${LB}(?<s>ico-[A-Za-z0-9]{32})${RB}`),
    // Drawn bodies mix cases and letters past f; lower-case hex is a content hash (`video.ico-<md5>.png`).
    validate: (s) => !/^ico-[0-9a-f]{32}$/.test(s),
    examples: {
      match: ['ico-' + an(32)],
      miss: ['video_box.ico-' + '7a388b69018576d2' + '4b59331fd60aab0c' + '.png', 'ico-' + an(16), 'favicon-' + an(32)]
    }
  })
]
