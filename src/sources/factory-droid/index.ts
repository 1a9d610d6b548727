import { droidSession, sniffDroid } from './session.js'
import { droidSettings } from './settings.js'

export { droidSession, droidSettings, sniffDroid }

/** Both Factory Droid files of a session, for registration. */
export const droidSources = [droidSession, droidSettings] as const
