export { claudeExecutionFile, claudeStream } from './stream.js'
export { claudeCode } from './transcript.js'
