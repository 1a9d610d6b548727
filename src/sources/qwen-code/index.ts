export { qwenCode } from './transcript.js'
