export { codexExec } from './exec.js'
export { codexRollout } from './rollout.js'
export { codexText } from './text.js'
