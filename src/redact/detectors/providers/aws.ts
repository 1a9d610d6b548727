import { shannonEntropy } from '../../entropy.js'
import { LB, RB } from '../util.js'
import { b64, fake, upperAn } from './fake.js'
import { provider, re } from './spec.js'

const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export const awsDetectors = [
  provider({
    id: 'aws-access-key-id',
    description: 'AWS access key id (AKIA/ASIA/…)',
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva', 'apka'],
    pattern: re(`${LB}(?<s>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16})${RB}`),
    examples: {
      match: ['AKIA' + fake(UPPER_B32, 16), 'ASIA' + fake(UPPER_B32, 16), 'AROA' + upperAn(16)],
      // AWS's documented example key, a short one, one glued to a word.
      miss: ['AKIAIOSFODNN7' + 'EXAMPLE', 'AKIA' + upperAn(8), 'X' + 'AKIA' + upperAn(16)]
    }
  }),
  provider({
    id: 'aws-secret-access-key',
    description: 'AWS secret access key next to an AWS key name',
    keywords: ['aws'],
    pattern: re(
      String.raw`(?<![A-Za-z0-9])aws[A-Za-z0-9_.-]{0,24}(?:secret|SECRET|Secret)[A-Za-z0-9_.-]{0,24}["'\x60]?\s{0,4}(?:[:=]|=>|:=)\s{0,4}["'\x60]?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
      'i'
    ),
    validate: (s) => shannonEntropy(s) >= 3.5,
    examples: {
      match: ['aws_secret_access_key = ' + b64(40).replace(/[/+]/g, 'q'), 'AWS_SECRET_ACCESS_KEY="' + b64(40).replace(/[/+]/g, 'Z') + '"'],
      miss: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY', b64(40), 'aws_secret_access_key = ' + 'a'.repeat(40)]
    }
  }),
  provider({
    id: 'aws-bedrock-api-key',
    description: 'Amazon Bedrock long-term API key (ABSK…)',
    keywords: ['absk'],
    pattern: re(`${LB}(?<s>ABSK[A-Za-z0-9+/]{109,269}={0,2})(?![A-Za-z0-9+/=])`),
    examples: {
      match: ['ABSK' + b64(130) + '=', 'ABSK' + b64(112)],
      miss: ['ABSK' + b64(60), 'X' + 'ABSK' + b64(130)]
    }
  })
]
