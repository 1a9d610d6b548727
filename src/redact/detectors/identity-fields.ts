import type { Detector, Finding } from '../types.js'

/**
 * Key names whose value is a person's account name: Copilot's `requesterUsername`, git author
 * fields, `username`/`login` in tool arguments. A user name alone matches no pattern, so only the
 * key can tell it is one.
 */
const KEYS =
  /^(?:requester_?user_?name|user_?name|login|author(?:_?name)?|committer(?:_?name)?|git_?author(?:_?name)?|owner_?login|account_?name|display_?name|full_?name)$/i
/** A handle or a name: a few words at most, no markup, not a path or URL. */
const HANDLE = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,63}$/u

export const identityFieldDetector: Detector = {
  id: 'user-name',
  pack: 'pii',
  description: "A person's account or display name under a key such as requesterUsername, username, login or author",
  // `find` never reports, so no text needs to be handed to it.
  keywords: [],
  find(): Finding[] {
    return []
  },
  findInField(key: string, value: string): Finding[] {
    if (!KEYS.test(key) || !HANDLE.test(value) || value.length < 2) return []
    return [{ detector: 'user-name', start: 0, end: value.length }]
  }
}
