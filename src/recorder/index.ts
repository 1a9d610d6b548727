export { openRecorder, type Recorder } from './recorder.js'
export { ENV_MAX_BYTES, ENV_SESSION_ID, type RecorderOptions } from './options.js'
export { DEFAULT_MAX_RECORD_BYTES, MIN_MAX_RECORD_BYTES } from './fit.js'
export {
  RECORD_TYPES,
  RECORD_VERSION,
  RECORDER_FORMAT,
  type ActionMetadata,
  type ActionRecord,
  type RecorderRecord,
  type RecordType,
  type SessionEndRecord,
  type SessionStartRecord
} from './format.js'
