import type { SimAgent } from './agents.js';
import { COMMENTS, FOLLOW_UPS } from './content.js';
import type { SimContact } from './contacts.js';
import { DAY, SECOND, type Channel, type SimContext } from './context.js';
import { sendInbound, type InboundSpec } from './inbound.js';
import { sendOutbound } from './outbound.js';

/** One conversation cycle being played out. Times are epoch ms. */
export interface Cycle {
  id: string;
  contact: SimContact;
  channel: Channel;
  assignee: SimAgent | null;
  /** Our latest outbound wamid, for reactions and button replies to point at. */
  lastOut: string | null;
  /** Time of the latest thing that happened in the cycle. */
  t: number;
}

/** How long after a send the contact looks at it; null when they never do (~4%). */
export function seenDelay(ctx: SimContext): number | null {
  return ctx.rng.chance(0.04) ? null : Math.min(ctx.rng.logNormal(90 * SECOND, 1.3), 6 * 3_600_000);
}

/**
 * The agent answers with one to three messages starting at `ms`. Returns when the contact
 * saw the last one (null if never), which paces the contact's next turn.
 */
export function agentTurn(ctx: SimContext, cyc: Cycle, agent: SimAgent, ms: number): number | null {
  const { rng, out } = ctx;
  const count = rng.weighted([[1, 70], [2, 25], [3, 5]] as const);
  if (rng.chance(0.06)) {
    // An internal note just before answering; notes never reach the customer.
    const note = { type: 'comment.created', conversation_id: cyc.id, agent_id: agent.id } as const;
    out.inbox([{ draft: { ...note, text: rng.pick(COMMENTS) }, ms: Math.max(cyc.t, ms - rng.range(10, 60) * SECOND) }]);
  }
  let t = ms;
  let seen: number | null = null;
  for (let i = 0; i < count; i += 1) {
    if (i > 0) t += rng.range(15, 90) * SECOND;
    const sent = sendOutbound(ctx, {
      channel: cyc.channel,
      contact: cyc.contact,
      ms: t,
      sender: 'agent',
      agentId: agent.id,
      conversationId: cyc.id,
      category: 'service',
      insideWindow: t - cyc.contact.lastInboundAt < DAY,
      // A fifth of replies go out through a tool that only tags the message for Meta.
      attribution: rng.chance(0.2) ? 'opaque' : 'inbox',
      seenAfterMs: seenDelay(ctx),
      // Rarely Meta reports a transient error, and sometimes delivers anyway later.
      ...(rng.chance(0.003) ? { failure: 131000 as const } : {}),
    });
    cyc.lastOut = sent.wamid;
    seen = sent.seenMs;
  }
  cyc.t = Math.max(cyc.t, t);
  return seen;
}

/** The contact writes back: one or two messages, now and then a photo. Returns the last time. */
export function contactTurn(ctx: SimContext, cyc: Cycle, ms: number): number {
  const { rng } = ctx;
  let t = ms;
  const count = rng.chance(0.25) ? 2 : 1;
  for (let i = 0; i < count; i += 1) {
    if (i > 0) t += rng.range(5, 60) * SECOND;
    const spec: InboundSpec = rng.chance(0.12) ? { kind: 'image' } : { kind: 'text', text: rng.pick(FOLLOW_UPS) };
    sendInbound(ctx, cyc.channel, cyc.contact, t, spec);
  }
  cyc.t = Math.max(cyc.t, t);
  return t;
}

/** A reaction to our latest message, e.g. a closing 👍. */
export function contactReacts(ctx: SimContext, cyc: Cycle, ms: number, emoji: string): void {
  if (cyc.lastOut === null) return;
  sendInbound(ctx, cyc.channel, cyc.contact, ms, { kind: 'reaction', to: cyc.lastOut, emoji });
  cyc.t = Math.max(cyc.t, ms);
}
