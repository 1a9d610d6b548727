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
    // Drawn bodies mix cases; `hf_servingcellpriority…` is an identifier in code.
    validate: (s) => shannonEntropy(s) >= 3.5 && /[A-Z]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)),
    examples: {
      match: ['hf_' + fake('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34), 'api_org_' + an(34)],
      miss: ['&hf_servingcellpriorityparametersdescription_h_prio', 'hf_' + an(10), 'hf_' + 'aaaabbbbaaaabbbbaaaabbbbaaaabbbbaa']
    }
  })
]
