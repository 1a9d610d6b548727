import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const datadogDetectors = [
  provider({
    id: 'datadog-key',
    description: 'Datadog API/app key next to a Datadog key name',
    keywords: ['datadog', 'ddap', 'dd_ap', 'dd.ap', 'dd-ap'],
    pattern: re(
      String.raw`(?<![A-Za-z0-9])(?:datadog|dd)[_.-]?(?:api|app|application)[_.-]?key["'\x60]?\s{0,4}(?:[:=]|=>)\s{0,4}["'\x60]?(?<s>[a-f0-9]{32,40})(?![a-f0-9])`,
      'i'
    ),
    examples: {
      match: ['DD_API_KEY=' + hex(32), 'datadog_app_key: "' + hex(40) + '"'],
      miss: [hex(32), 'DD_API_KEY=' + hex(16)]
    }
  })
]
