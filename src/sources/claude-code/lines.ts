import type { EventPayload } from '../../model/events.js'
import { num, obj, str } from '../util/json.js'

/**
 * Payloads of Claude Code transcript lines that are not a conversation turn (`user` / `assistant`).
 * `known: false` means the producer wrote something this parser has never seen: it is kept as an
 * `other` event and counted as unknown, so new formats show up instead of vanishing.
 */
export interface SideLine {
  payloads: EventPayload[]
  known: boolean
  title?: string
  repositoryUrl?: string
}

/** Lines that only describe the session; kept as `other` without comment. */
const METADATA_TYPES = new Set([
  'agent-name',
  'agent-setting',
  'last-prompt',
  'mode',
  'permission-mode',
  'bridge-session',
  'tag',
  'worktree-state',
  'relocated',
  'fork-context-ref',
  'frame-link',
  'atis-latch',
  'file-history-delta'
])

const SYSTEM_SUBTYPES = new Set([
  'informational',
  'stop_hook_summary',
  'away_summary',
  'bridge_status',
  'scheduled_task_fire',
  'agents_killed',
  'model_consent_fallback'
])

const PR_URL = /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/pull\/\d+/

function systemPayloads(o: Record<string, unknown>): SideLine {
  const subtype = str(o.subtype)
  const content = str(o.content) ?? null
  switch (subtype) {
    case 'compact_boundary':
    case 'microcompact_boundary': {
      const m = obj(o.compactMetadata) ?? obj(o.microcompactMetadata)
      const trigger = str(m?.trigger)
      const pre = num(m?.preTokens)
      const detail = [subtype === 'microcompact_boundary' ? 'micro' : null, trigger, pre !== undefined ? `preTokens=${pre}` : null].filter(Boolean).join(' ')
      return { payloads: [{ kind: 'marker', marker: 'context_compacted', detail: detail || null }], known: true }
    }
    case 'turn_duration':
      return {
        payloads: [{ kind: 'marker', marker: 'turn_end', detail: num(o.durationMs) !== undefined ? `durationMs=${num(o.durationMs)}` : null }],
        known: true
      }
    case 'api_error': {
      const err = obj(o.error)
      const detail = str(err?.message) ?? str(o.error) ?? content
      return { payloads: [{ kind: 'marker', marker: 'error', detail: detail ?? 'api_error' }], known: true }
    }
    case 'local_command':
      return { payloads: [{ kind: 'context_message', role: 'command', text: content ?? '' }], known: true }
    case undefined:
      // Older files: free text such as hook output or a tool notice.
      return { payloads: [{ kind: 'context_message', role: 'system', text: content ?? '' }], known: true }
    default:
      return { payloads: [{ kind: 'other', type: `system:${subtype}` }], known: SYSTEM_SUBTYPES.has(subtype) }
  }
}

function attachmentPayloads(o: Record<string, unknown>): SideLine {
  const a = obj(o.attachment)
  const type = str(a?.type) ?? '?'
  // Mid-turn steering a person queued: shown as context, because the same text is delivered to
  // the model again as an ordinary prompt line and must not be counted twice.
  if (type === 'queued_command') {
    const prompt = a?.prompt ?? a?.content
    return { payloads: [{ kind: 'context_message', role: 'queued', text: typeof prompt === 'string' ? prompt : JSON.stringify(prompt ?? '') }], known: true }
  }
  return { payloads: [{ kind: 'other', type: `attachment:${type}` }], known: true }
}

export function sideLinePayloads(type: string, o: Record<string, unknown>): SideLine {
  switch (type) {
    case 'system':
      return systemPayloads(o)
    case 'attachment':
      return attachmentPayloads(o)
    case 'progress':
      // May embed a whole sub-agent message with usage; that spend is in the sub-agent's own lines.
      return { payloads: [{ kind: 'other', type: `progress:${str(obj(o.data)?.type) ?? '?'}` }], known: true }
    case 'summary':
      return { payloads: [{ kind: 'context_message', role: 'summary', text: str(o.summary) ?? '' }], known: true, title: str(o.summary) }
    case 'custom-title':
    case 'ai-title': {
      const title = str(o.customTitle) ?? str(o.aiTitle) ?? str(o.title)
      return { payloads: [{ kind: 'other', type }], known: true, title }
    }
    case 'file-history-snapshot':
      return { payloads: [{ kind: 'marker', marker: 'snapshot', detail: str(o.messageId) ?? null }], known: true }
    case 'queue-operation':
      return { payloads: [{ kind: 'other', type: `queue-operation:${str(o.operation) ?? '?'}` }], known: true }
    case 'pr-link': {
      // The pull request the session opened or was pointed at: a fact for the pull request's scope.
      const url = str(o.prUrl)
      const m = PR_URL.exec(url ?? '')
      if (!url || !m) return { payloads: [{ kind: 'other', type }], known: true }
      return { payloads: [{ kind: 'link', rel: 'pull_request', url }], known: true, repositoryUrl: m[1] }
    }
    default:
      return { payloads: [{ kind: 'other', type }], known: METADATA_TYPES.has(type) }
  }
}
