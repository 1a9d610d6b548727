import { an, b64, fake } from './fake.js'
import { provider, re } from './spec.js'

export const azureDetectors = [
  provider({
    id: 'azure-storage-key',
    description: 'Azure storage account key in a connection string (AccountKey=)',
    keywords: ['accountkey='],
    pattern: re(String.raw`AccountKey=(?<s>[A-Za-z0-9+/]{40,100}={0,2})`, 'i'),
    examples: {
      match: ['DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=' + b64(86) + '==;'],
      miss: ['AccountKey=' + b64(20), 'AccountKey=' + '*'.repeat(86)]
    }
  }),
  provider({
    id: 'azure-sas-token',
    description: 'Azure SAS signature (sig=) or SharedAccessSignature',
    keywords: ['sig=', 'sharedaccesssignature=', 'sharedaccesskey='],
    pattern: re(String.raw`(?:[?&;]sig=|SharedAccessSignature=|SharedAccessKey=)(?<s>[A-Za-z0-9%+/=]{20,200})`, 'i'),
    examples: {
      match: [
        'https://acme.blob.core.windows.net/c/b?sv=2022-11-02&sig=' + an(43) + '%3D',
        'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKey=' + an(43) + '='
      ],
      miss: ['?sig=' + an(10), 'design=' + an(40)]
    }
  }),
  provider({
    id: 'azure-ad-client-secret',
    description: 'Microsoft Entra ID (Azure AD) client secret (…8Q~…)',
    keywords: ['q~'],
    pattern: re(String.raw`(?:(?<![A-Za-z0-9_~.-])|(?<=\\[nrt]))(?<s>[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])`),
    examples: {
      match: [
        'secret:\\n' + an(3) + '8Q~' + an(34),
        an(3) + '8Q~' + fake('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-', 34),
        'client_secret="' + an(3) + '7Q~' + an(31) + '"'
      ],
      miss: [an(3) + '8Q~' + an(10), an(3) + 'xQ~' + an(34)]
    }
  })
]
