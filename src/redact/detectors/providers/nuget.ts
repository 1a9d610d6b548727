import { LB, RB } from '../util.js'
import { an, lowerAn } from './fake.js'
import { provider, re } from './spec.js'

export const nugetDetectors = [
  provider({
    id: 'nuget-api-key',
    description: 'NuGet.org API key (oy2…)',
    keywords: ['oy2'],
    pattern: re(`${LB}(?<s>oy2[a-z0-9]{43})${RB}`),
    examples: {
      match: ['oy2' + lowerAn(43)],
      miss: ['oy2' + lowerAn(20), 'oy2' + an(43).toUpperCase()]
    }
  }),
  provider({
    id: 'nuget-config-password',
    description: 'Password in a NuGet.config package source credential (ClearTextPassword, Password)',
    keywords: ['<add key='],
    pattern: re(String.raw`<add key="(?:ClearText)?Password"[ \t]{0,8}value="(?<s>[^"\r\n]{8,300})"`, 'i'),
    examples: {
      match: ['<add key="ClearTextPassword" ' + 'value="' + an(20) + '" />', '<add key="Password" ' + 'value="' + an(24) + '"/>'],
      miss: ['<add key="Username" value="' + an(20) + '" />', '<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />']
    }
  })
]
