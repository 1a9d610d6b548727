import { LB, RB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const discordDetectors = [
  provider({
    id: 'discord-token',
    description: 'Discord bot token or webhook URL',
    keywords: ['.'],
    pattern: re(
      String.raw`${LB}(?<s>[MNOA][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})${RB}|discord(?:app)?\.com/api/webhooks/\d{5,30}/(?<s2>[A-Za-z0-9_-]{60,68})`
    ),
    examples: {
      match: [
        'M' + urlsafe(23) + '.' + urlsafe(6) + '.' + urlsafe(27),
        'A' + urlsafe(25) + '.' + urlsafe(6) + '.' + urlsafe(38),
        'https://discord.com/api/webhooks/' + '146322893345690749/' + urlsafe(68)
      ],
      miss: ['P' + urlsafe(23) + '.' + urlsafe(6) + '.' + urlsafe(27), 'https://discord.com/api/webhooks/' + '146322893345690749/' + urlsafe(20)]
    }
  })
]
