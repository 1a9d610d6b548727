import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const dockerDetectors = [
  provider({
    id: 'docker-token',
    description: 'Docker Hub personal or organisation access token (dckr_pat_, dckr_oat_)',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: re(`${LB}(?<s>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})(?![A-Za-z0-9_-])`),
    examples: {
      match: ['dckr_pat_' + urlsafe(27), 'docker login -u ci -p dckr_oat_' + urlsafe(32)],
      miss: ['dckr_pat_' + urlsafe(12), 'dckr_pat_' + '<token>']
    }
  })
]
