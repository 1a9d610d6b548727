import { hex, lowerAn, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

const guid = (): string => [hex(8), hex(4), hex(4), hex(4), hex(12)].join('-')

export const microsoftTeamsDetectors = [
  provider({
    id: 'microsoft-teams-webhook',
    description: 'Microsoft Teams incoming webhook URL (….webhook.office.com/webhookb2/…)',
    keywords: ['webhook.office.com/'],
    pattern: re(
      String.raw`webhook\.office\.com/webhookb2/(?<s>[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}(?:/[A-Za-z0-9_-]{20,100})?)`,
      'i'
    ),
    examples: {
      match: [
        'https://acme.webhook.office.com/webhookb2/' + guid() + '@' + guid() + '/IncomingWebhook/' + lowerAn(32) + '/' + guid(),
        'https://acme.webhook.office.com/webhookb2/' + guid() + '@' + guid() + '/IncomingWebhook/' + lowerAn(32) + '/' + guid() + '/' + urlsafe(40)
      ],
      miss: ['https://acme.webhook.office.com/webhookb2/' + guid(), 'https://outlook.office.com/mail/' + guid()]
    }
  })
]
