export { recorderSource } from './ndjson.js'
