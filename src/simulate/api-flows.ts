import { AGENTS } from './agents.js';
import { FOLLOW_UPS } from './content.js';
import { CARE_LINE, DAY, MINUTE, SECOND, type SimContext } from './context.js';
import { contactOpens } from './conversation.js';
import { contactCreated, conversationOpened } from './inbox-drafts.js';
import type { InboxEventDraft } from './inbox-types.js';
import { sendInbound } from './inbound.js';
import { sendOutbound } from './outbound.js';
import { seenDelay } from './turns.js';

/** Customers already on file when the simulation starts, at scale 1. */
const IMPORTED_BASE = 240;

/**
 * The start of the run: the inbox announces its agents and imports the existing customer
 * base (contact.created, source import), in bodies of 50 like a CSV import job would.
 */
export function preamble(ctx: SimContext): void {
  const { rng, out, contacts } = ctx;
  out.inbox(
    AGENTS.map((a) => {
      const slack = a.slackUserId !== undefined ? { slack_user_id: a.slackUserId } : {};
      const agent = { id: a.id, name: a.name, email: a.email, team: a.team, ...slack };
      return { draft: { type: 'agent.upserted' as const, agent }, ms: ctx.startMs };
    }),
  );
  const count = Math.round(IMPORTED_BASE * ctx.scale);
  let ms = ctx.startMs + rng.range(1, 5) * MINUTE;
  for (let done = 0; done < count; done += 50) {
    const chunk: { draft: InboxEventDraft; ms: number }[] = [];
    for (let i = done; i < Math.min(count, done + 50); i += 1) {
      chunk.push({ draft: contactCreated(contacts.create('import', ms)), ms });
      ms += rng.range(10, 200);
    }
    out.inbox(chunk);
  }
}

/**
 * The shop's backend notifies a customer (order shipped): it creates the contact when new
 * (source api), opens an api cycle, sends a utility template and closes the cycle. Some
 * customers answer, which reopens that cycle.
 */
export function apiNotification(ctx: SimContext, ms: number): void {
  const { rng, ids, out, contacts } = ctx;
  const known = rng.chance(0.5) ? contacts.returning(ms) : null;
  const contact = known ?? contacts.create('api', ms);
  const id = ids.conversationId();
  const events: { draft: InboxEventDraft; ms: number }[] = [];
  if (known === null) events.push({ draft: contactCreated(contact), ms });
  events.push({ draft: conversationOpened(id, contact, CARE_LINE, 'api'), ms: ms + rng.range(200, 800) });
  out.inbox(events);
  const sendMs = ms + rng.range(1, 3) * SECOND;
  const sent = sendOutbound(ctx, {
    channel: CARE_LINE,
    contact,
    ms: sendMs,
    sender: 'api',
    conversationId: id,
    category: 'utility',
    insideWindow: sendMs - contact.lastInboundAt < DAY,
    attribution: 'inbox',
    seenAfterMs: seenDelay(ctx),
  });
  const closeMs = sendMs + rng.range(2, 10) * SECOND;
  out.inbox([{ draft: { type: 'conversation.closed', conversation_id: id, closed_by: 'api' }, ms: closeMs }]);
  contact.busyUntil = Math.max(contact.busyUntil, closeMs);
  if (sent.seenMs !== null && rng.chance(0.18)) {
    const replyMs = sent.seenMs + rng.logNormal(2 * MINUTE, 1);
    if (rng.chance(0.3)) {
      // A thumbs-up is an answer of sorts, but opens nothing.
      sendInbound(ctx, CARE_LINE, contact, replyMs, { kind: 'reaction', to: sent.wamid, emoji: '👍' });
    } else {
      const first = { kind: 'text', text: rng.pick(FOLLOW_UPS) } as const;
      contactOpens(ctx, { ms: replyMs, contact, channel: CARE_LINE, isNew: false, conversationId: id, first });
    }
  }
}

/** A login code: authentication template from the backend, no conversation. */
export function sendOtp(ctx: SimContext, ms: number): void {
  const { rng, contacts, out } = ctx;
  const known = contacts.returning(ms);
  const contact = known ?? contacts.create('api', ms);
  if (known === null) out.inbox([{ draft: contactCreated(contact), ms }]);
  sendOutbound(ctx, {
    channel: CARE_LINE,
    contact,
    ms: ms + rng.range(1, 2) * SECOND,
    sender: 'api',
    category: 'authentication',
    insideWindow: false,
    attribution: 'inbox',
    seenAfterMs: rng.chance(0.9) ? rng.logNormal(15 * SECOND, 0.8) : null,
  });
}
