import { shannonEntropy } from '../../entropy.js'
import { LB, RB } from '../util.js'
import { an, fake } from './fake.js'
import { provider, re } from './spec.js'

export const huggingfaceDetectors = [
  provider({
    id: 'huggingface-token',
    description: 'Hugging Face token (hf_, api_org_)',
    keywords: ['hf_', 'api_org_'],
    pattern: re(`${LB}(?<s>(?:hf_|api_org_)[A-Za-z0-9]{30,40})${RB}`),
    validate: (s) => shannonEntropy(s) >= 3.5,
    examples: {
      match: ['hf_' + fake('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34), 'api_org_' + an(34)],
      miss: ['hf_' + an(10), 'hf_' + 'aaaabbbbaaaabbbbaaaabbbbaaaabbbbaa']
    }
  })
]
