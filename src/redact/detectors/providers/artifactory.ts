import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const artifactoryDetectors = [
  provider({
    id: 'artifactory-token',
    description: 'JFrog Artifactory API key (AKCp…) or reference token (cmVmd…)',
    keywords: ['akcp', 'cmvmd'],
    pattern: re(`${LB}(?<s>AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})${RB}`),
    examples: {
      match: ['AKCp' + an(69), 'cmVmd' + an(59)],
      miss: ['AKCp' + an(59), 'gYnkg' + 'AKCp' + an(69)]
    }
  })
]
