export { CatalogueCaseSchema, caseSecret, caseValue, type CatalogueCase } from './schema.js'
export { loadCatalogue } from './load.js'
export { placeholderReason, type PlaceholderReason } from './placeholder.js'
export { CARRIERS, gutter, shellCommand, type Agent, type Carrier } from './carriers.js'
export { assignmentKey, isBare, plantedTexts, type Form, type PlantedText } from './forms.js'
export { parsesAsJson, secretSurvives, secretTraces, valueSurvives } from './judge.js'
export {
  catalogueThresholdsMet,
  DEFAULT_THRESHOLDS,
  measureCatalogue,
  share,
  type CatalogueResult,
  type Outcome,
  type SanitizeLine,
  type Tallies,
  type Tally,
  type Thresholds
} from './measure.js'
export { formatCatalogue } from './format.js'
export { positiveHeldBy, type HeldPositive } from './also-positive.js'
export { LEFT_ON_PURPOSE } from './decisions.js'
export { RELOCATIONS, relocatedSecret, type Relocated } from './relocate.js'
