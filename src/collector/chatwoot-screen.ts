import type { ChatwootInboundMessage, ChatwootMessageStatus } from './chatwoot/index.js';
import { parseInboxEvent, type InboxEvent } from './inbox/index.js';
import { KEY_MAX, TEXT_MAX, clip, implausibleTime } from './limits.js';
import type { Problem } from './problems.js';

/** The same bound as message.sent's wa_message_id, so a status is kept wherever its message is. */
const WAMID_MAX = 400;

export type Screened = { events: InboxEvent[]; statuses: ChatwootMessageStatus[]; inbound: ChatwootInboundMessage[]; problems: Problem[] };

/**
 * Chatwoot's events are built by our mappers from untrusted fields (ids, source_id, times), so
 * before storage they pass the very checks POST /webhooks/inbox applies — lengths, formats and
 * a plausible `at` — and the status updates the same bounds. What fails is named as a problem
 * and left out; Chatwoot never retries, so the rest of the body is stored rather than refused.
 */
export function screenChatwootEvents(
  events: readonly InboxEvent[],
  statuses: readonly ChatwootMessageStatus[],
  inbound: readonly ChatwootInboundMessage[],
  receivedAt: Date,
): Screened {
  const out: Screened = { events: [], statuses: [], inbound: [], problems: [] };
  for (const e of events) {
    const at = e.at.getTime();
    const checked = Number.isNaN(at)
      ? { ok: false as const, errors: [{ field: 'at', message: 'is not a representable time' }] }
      : parseInboxEvent({ ...e, at: e.at.toISOString() }, receivedAt);
    if (checked.ok) out.events.push(e);
    else out.problems.push(...checked.errors.map((f) => ({ path: `${e.type}.${f.field}`, message: `event not stored: ${f.message}` })));
  }
  for (const s of statuses) {
    const why =
      s.wamid.length > WAMID_MAX ? `source_id must be at most ${WAMID_MAX} characters` : implausibleTime(s.at, receivedAt);
    if (why) out.problems.push({ path: `status.${s.status}`, message: `status not stored: ${why}` });
    else out.statuses.push(s.error === undefined ? s : { ...s, error: clip(s.error, TEXT_MAX) });
  }
  for (const m of inbound) {
    const why = inboundProblem(m, receivedAt);
    if (why) out.problems.push({ path: `message ${clip(m.wamid, 80)}`, message: `incoming message not stored: ${why}` });
    else out.inbound.push(m);
  }
  return out;
}

// An incoming message is keyed by its wamid and counted at its time, like WhatsApp's own: the
// same bounds as there (ids used as keys, a plausible time).
function inboundProblem(m: ChatwootInboundMessage, receivedAt: Date): string | null {
  if (m.wamid.length > WAMID_MAX) return `source_id must be at most ${WAMID_MAX} characters`;
  if (m.conversationRef.length > WAMID_MAX) return `conversation id must be at most ${WAMID_MAX} characters`;
  if (m.phoneNumberId.length > KEY_MAX) return `inbox id must be at most ${KEY_MAX} characters`;
  const keys = [m.contact.wa_id, m.contact.user_id].filter((k): k is string => typeof k === 'string');
  if (keys.some((k) => k.length > KEY_MAX)) return `contact id must be at most ${KEY_MAX} characters`;
  return implausibleTime(m.at, receivedAt);
}
