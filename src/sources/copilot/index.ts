import { copilotOpLog } from './oplog.js'
import { copilotSnapshot } from './snapshot.js'
import { copilotTranscript } from './transcript.js'

export { copilotOpLog, copilotSnapshot, copilotTranscript }

/** Every Copilot Chat format, for registration. */
export const copilotSources = [copilotSnapshot, copilotOpLog, copilotTranscript] as const
