import { LB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

/** A Sumo Logic key name, then an assignment: Sumo's access ids and keys carry no prefix of their own. */
// `SUMO`, `Sumo` or `sumo` and then no lower-case letter (`sumologic` aside): `sumOfExposures` is no key name.
const NEAR_SUMO = String.raw`${LB}(?:SUMO|[Ss]umo(?:[Ll]ogic)?)(?![a-z])[A-Za-z0-9_.-]{0,24}["'\x60]?[ \t]{0,4}(?:[:=]|=>|:=)[ \t]{0,4}["'\x60]?`

export const sumologicDetectors = [
  provider({
    id: 'sumologic-key',
    description: 'Sumo Logic access id (su…) or access key next to a Sumo Logic key name',
    keywords: ['sumo'],
    pattern: re(`${NEAR_SUMO}(?<s>su[A-Za-z0-9]{12}|[A-Za-z0-9]{64})(?![A-Za-z0-9])`),
    examples: {
      match: ['SUMO_ACCESS_ID=su' + an(12), 'env:\\nSUMO_ACCESS_ID=su' + an(12), 'sumologic_access_key: "' + an(64) + '"'],
      miss: ['sumOfExposures = sumOfExposures', 'SUMO_ACCESS_ID=' + an(14), an(64), 'sumo_access_key = ' + '${SUMO_ACCESS_KEY}']
    }
  })
]
