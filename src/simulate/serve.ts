import type { SimAgent } from './agents.js';
import { assign, reassign } from './assignment.js';
import { MENU_BUTTONS, REACTIONS } from './content.js';
import { DAY, HOUR, MINUTE, SECOND, type SimContext } from './context.js';
import { sendInbound } from './inbound.js';
import type { CloseCategory, ClosedBy } from './inbox-types.js';
import { sendOutbound } from './outbound.js';
import { agentTurn, contactReacts, contactTurn, type Cycle } from './turns.js';

export interface ServeOptions {
  /** The bot greets first and offers its menu (care line, fresh cycles). */
  bot: boolean;
  /** What the contact wants; the agent closes with this category most of the time. */
  topic: CloseCategory;
  /** When the contact's opening messages were done (ms): the waiting clock starts here. */
  waitingSince: number;
  /** Already assigned (agent-opened cycles): skip routing. */
  assigned?: SimAgent;
  /** Previous agent of a reopened cycle, preferred when on shift. */
  prefer?: SimAgent;
}

export interface ServeResult {
  closedBy: ClosedBy | null;
  /** Close time, or the last activity when the cycle stays open (ms). */
  endMs: number;
}

const CATEGORIES: readonly CloseCategory[] = ['billing', 'delivery', 'returns', 'other'];

/** Plays a cycle from the contact's opening to its close: bot, routing, turns, close. */
export function serve(ctx: SimContext, cyc: Cycle, opts: ServeOptions): ServeResult {
  const { rng } = ctx;
  let waiting = opts.waitingSince;
  if (opts.bot) {
    const bot = botGreets(ctx, cyc);
    if (bot.resolved) return close(ctx, cyc, 'automation', cyc.t + rng.range(3, 15) * MINUTE);
    waiting = Math.max(waiting, cyc.t);
  }
  let agent: SimAgent;
  let reply: number;
  if (opts.assigned !== undefined) {
    agent = opts.assigned;
    reply = waiting + rng.logNormal(agent.replyMedianSec * SECOND, 1);
  } else {
    const routed = assign(ctx, cyc, waiting, opts.prefer);
    agent = routed.agent;
    reply = Math.max(routed.ms, waiting) + rng.logNormal(agent.firstReplyMedianSec * SECOND, 0.9);
  }
  const turns = rng.weighted([[1, 25], [2, 30], [3, 25], [4, 12], [5, 8]] as const);
  const transferAt = rng.chance(0.09) ? rng.int(1, turns) : 0;
  let seen: number | null = null;
  for (let turn = 1; turn <= turns; turn += 1) {
    if (turn === transferAt) {
      const handover = cyc.t + rng.range(1, 5) * MINUTE;
      agent = reassign(ctx, cyc, handover);
      reply = cyc.t + rng.logNormal(agent.replyMedianSec * SECOND, 1);
    }
    seen = agentTurn(ctx, cyc, agent, reply);
    if (turn === turns || seen === null || cyc.t >= ctx.endMs) break;
    const lastIn = contactTurn(ctx, cyc, seen + rng.logNormal(60 * SECOND, 1));
    reply = lastIn + rng.logNormal(agent.replyMedianSec * SECOND, 1);
  }
  if (seen !== null && rng.chance(0.3)) {
    contactReacts(ctx, cyc, seen + rng.range(10, 120) * SECOND, rng.pick(REACTIONS));
  }

  if (rng.chance(0.8)) {
    const category = rng.weighted<CloseCategory | undefined>([
      [opts.topic, 85],
      [rng.pick(CATEGORIES), 7],
      [undefined, 8],
    ]);
    return close(ctx, cyc, 'agent', cyc.t + rng.logNormal(5 * MINUTE, 0.9), category);
  }
  if (rng.chance(0.15)) lateFollowUp(ctx, cyc, agent);
  // The inbox closes conversations idle for 24 h.
  return close(ctx, cyc, 'auto_close', cyc.t + DAY);
}

function close(ctx: SimContext, cyc: Cycle, closedBy: ClosedBy, ms: number, category?: CloseCategory): ServeResult {
  ctx.out.inbox([
    {
      draft: {
        type: 'conversation.closed',
        conversation_id: cyc.id,
        closed_by: closedBy,
        ...(closedBy === 'agent' && cyc.assignee !== null ? { agent_id: cyc.assignee.id } : {}),
        ...(category !== undefined ? { category } : {}),
      },
      ms,
    },
  ]);
  cyc.t = Math.max(cyc.t, ms);
  return { closedBy, endMs: ms };
}

/** The bot greets with its menu; a tap on a self-service button often settles it. */
function botGreets(ctx: SimContext, cyc: Cycle): { resolved: boolean } {
  const { rng } = ctx;
  const botSay = (ms: number, seenAfterMs: number | null) =>
    sendOutbound(ctx, {
      channel: cyc.channel,
      contact: cyc.contact,
      ms,
      sender: 'automation',
      conversationId: cyc.id,
      category: 'service',
      insideWindow: true,
      attribution: 'inbox',
      seenAfterMs,
    });
  const greetMs = cyc.t + rng.range(2, 6) * SECOND;
  const greeting = botSay(greetMs, rng.logNormal(20 * SECOND, 0.8));
  cyc.lastOut = greeting.wamid;
  cyc.t = greetMs;
  if (greeting.seenMs === null || rng.chance(0.3)) return { resolved: false };
  const pressAt = greeting.seenMs + rng.range(5, 40) * SECOND;
  const button = rng.weighted<{ id: string; title: string }>([
    [MENU_BUTTONS.track, 40],
    [MENU_BUTTONS.returns, 20],
    [MENU_BUTTONS.agent, 40],
  ]);
  sendInbound(ctx, cyc.channel, cyc.contact, pressAt, { kind: 'button', replyTo: greeting.wamid, button });
  cyc.t = Math.max(cyc.t, pressAt);
  if (button === MENU_BUTTONS.agent || rng.chance(0.45)) return { resolved: false };
  const answer = botSay(pressAt + rng.range(1, 3) * SECOND, rng.logNormal(15 * SECOND, 0.8));
  cyc.lastOut = answer.wamid;
  cyc.t = Math.max(cyc.t, answer.seenMs ?? pressAt);
  return { resolved: true };
}

/** A day later the agent nudges the silent contact; outside the 24 h window Meta refuses it. */
function lateFollowUp(ctx: SimContext, cyc: Cycle, agent: SimAgent): void {
  const ms = Math.max(cyc.t, cyc.contact.lastInboundAt + DAY) + ctx.rng.range(10 * MINUTE, 4 * HOUR);
  sendOutbound(ctx, {
    channel: cyc.channel,
    contact: cyc.contact,
    ms,
    sender: 'agent',
    agentId: agent.id,
    conversationId: cyc.id,
    category: 'service',
    insideWindow: false,
    attribution: 'inbox',
    seenAfterMs: null,
    failure: 131047,
  });
  cyc.t = ms;
}
