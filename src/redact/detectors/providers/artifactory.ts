import { LB, RB } from '../util.js'
import { an, lowerAn } from './fake.js'
import { nearName, provider, re } from './spec.js'

export const artifactoryDetectors = [
  provider({
    id: 'artifactory-token',
    description: 'JFrog Artifactory API key (AKCp…), reference token (cmVmd…) or identity token (64 characters next to a JFrog name)',
    keywords: ['akcp', 'cmvmd', 'jfrog', 'artifactory', 'bintray', 'xray'],
    pattern: re(`${LB}(?<s>AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})${RB}|${nearName('jfrog', 'artifactory', 'bintray', 'xray')}(?<s2>[a-z0-9]{64})${RB}`),
    // An identity token is lower-case base 36; one made of hex digits only is a SHA-256 digest.
    validate: (s, m) => m.groups?.s2 === undefined || /[g-z]/.test(s),
    examples: {
      match: ['AKCp' + an(69), 'cmVmd' + an(59), 'JFROG_IDENTITY_TOKEN: ' + lowerAn(64), '"artifactory", "' + lowerAn(64) + '"'],
      miss: [
        'AKCp' + an(59),
        'AkCp' + an(69),
        'gYnkg' + 'AKCp' + an(69),
        'artifactory sha256: ' + 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        lowerAn(64)
      ]
    }
  })
]
