import type { SimAgent } from './agents.js';
import { FOLLOW_UPS, OPENERS } from './content.js';
import type { SimContact } from './contacts.js';
import { CARE_LINE, HOUR, MINUTE, SALES_LINE, SECOND, type Channel, type SimContext } from './context.js';
import { sendInbound, type InboundSpec } from './inbound.js';
import { contactCreated, conversationOpened } from './inbox-drafts.js';
import type { CloseCategory, InboxEventDraft } from './inbox-types.js';
import { sendOutbound } from './outbound.js';
import { serve } from './serve.js';
import { seenDelay, type Cycle } from './turns.js';

/** Share of closed cycles the contact reopens by writing again (the brief's ~5%). */
const REOPEN_RATE = 0.055;

export interface ContactOpening {
  ms: number;
  contact: SimContact;
  channel: Channel;
  /** First time we hear of this contact: the inbox creates it. */
  isNew: boolean;
  /** The opening message, when the caller dictates it (e.g. a button on our template). */
  first?: InboundSpec;
  /** Reuse the id of a closed cycle: this is a reopen. */
  conversationId?: string;
  prefer?: SimAgent;
}

/**
 * A contact writes in and a cycle opens: their message(s), the inbox's contact and
 * conversation events, then routing, answers and close. A closed cycle is sometimes
 * reopened later by the same contact under the same conversation id.
 */
export function contactOpens(ctx: SimContext, o: ContactOpening): void {
  const { rng, ids, out } = ctx;
  const reopen = o.conversationId !== undefined;
  const id = o.conversationId ?? ids.conversationId();
  const cyc: Cycle = { id, contact: o.contact, channel: o.channel, assignee: null, lastOut: null, t: o.ms };
  const topic = pickTopic(ctx, o.channel);
  sendInbound(ctx, o.channel, o.contact, o.ms, o.first ?? openingMessage(ctx, topic));
  let t = o.ms;
  for (let extra = rng.weighted([[0, 60], [1, 30], [2, 10]] as const); extra > 0; extra -= 1) {
    t += rng.range(5, 60) * SECOND;
    const text = rng.pick(extra > 1 ? OPENERS[topic] : FOLLOW_UPS);
    sendInbound(ctx, o.channel, o.contact, t, { kind: 'text', text });
  }
  const events: { draft: InboxEventDraft; ms: number }[] = [];
  if (o.isNew) events.push({ draft: contactCreated(o.contact), ms: o.ms + rng.range(500, 2000) });
  const openMs = o.ms + rng.range(2000, 3000);
  events.push({ draft: conversationOpened(id, o.contact, o.channel, 'contact'), ms: openMs });
  out.inbox(events);
  // Routing starts once the inbox has opened the cycle and the contact's burst is in.
  t = Math.max(t, openMs);
  cyc.t = t;

  const bot = !reopen && o.channel === CARE_LINE && o.first === undefined && rng.chance(0.45);
  const prefer = o.prefer !== undefined ? { prefer: o.prefer } : {};
  const result = serve(ctx, cyc, { bot, topic, waitingSince: t, ...prefer });
  o.contact.busyUntil = Math.max(o.contact.busyUntil, result.endMs);
  if ((result.closedBy === 'agent' || result.closedBy === 'automation') && rng.chance(REOPEN_RATE)) {
    const again = result.endMs + Math.max(5 * MINUTE, rng.logNormal(2 * HOUR, 1.2));
    const previous = cyc.assignee !== null ? { prefer: cyc.assignee } : {};
    const { contact, channel } = o;
    contactOpens(ctx, { ms: again, contact, channel, isNew: false, conversationId: id, ...previous });
  }
}

/**
 * An agent reaches out to someone they just added by hand: contact.created (manual), an
 * agent-opened cycle, a utility template; the contact may answer and a normal exchange follows.
 */
export function agentOpens(ctx: SimContext, ms: number, agent: SimAgent): void {
  const { rng, ids, contacts, out } = ctx;
  const contact = contacts.create('manual', ms);
  const channel = agent.team === 'care' ? CARE_LINE : SALES_LINE;
  const cyc: Cycle = { id: ids.conversationId(), contact, channel, assignee: agent, lastOut: null, t: ms };
  out.inbox([{ draft: contactCreated(contact), ms }]);
  const openMs = ms + rng.range(20, 90) * SECOND;
  out.inbox([
    { draft: conversationOpened(cyc.id, contact, channel, 'agent', agent.id), ms: openMs },
    {
      draft: { type: 'conversation.assigned', conversation_id: cyc.id, agent_id: agent.id, by: agent.id },
      ms: openMs,
    },
  ]);
  const sendMs = openMs + rng.range(30, 120) * SECOND;
  const template = sendOutbound(ctx, {
    channel,
    contact,
    ms: sendMs,
    sender: 'agent',
    agentId: agent.id,
    conversationId: cyc.id,
    category: 'utility',
    insideWindow: false,
    attribution: 'inbox',
    seenAfterMs: seenDelay(ctx),
  });
  cyc.lastOut = template.wamid;
  cyc.t = sendMs;
  let endMs = sendMs;
  if (template.seenMs !== null && rng.chance(0.6)) {
    const replyMs = template.seenMs + rng.logNormal(3 * MINUTE, 1);
    sendInbound(ctx, channel, contact, replyMs, { kind: 'text', text: rng.pick(FOLLOW_UPS) });
    cyc.t = replyMs;
    endMs = serve(ctx, cyc, { bot: false, topic: 'other', waitingSince: replyMs, assigned: agent }).endMs;
  } else {
    const closeMs = sendMs + rng.range(2, 6) * HOUR;
    const draft = { type: 'conversation.closed', conversation_id: cyc.id, closed_by: 'agent' } as const;
    out.inbox([{ draft: { ...draft, agent_id: agent.id, category: 'other' }, ms: closeMs }]);
    endMs = closeMs;
  }
  contact.busyUntil = Math.max(contact.busyUntil, endMs);
}

function pickTopic(ctx: SimContext, channel: Channel): CloseCategory {
  return channel === CARE_LINE
    ? ctx.rng.weighted([['delivery', 35], ['other', 25], ['returns', 20], ['billing', 20]] as const)
    : ctx.rng.weighted([['other', 50], ['billing', 25], ['delivery', 15], ['returns', 10]] as const);
}

function openingMessage(ctx: SimContext, topic: CloseCategory): InboundSpec {
  return ctx.rng.chance(0.07) ? { kind: 'image' } : { kind: 'text', text: ctx.rng.pick(OPENERS[topic]) };
}
