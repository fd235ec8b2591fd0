import { nextAvailable, onShift, type SimAgent } from './agents.js';
import { MINUTE, SECOND, type SimContext } from './context.js';
import type { Cycle } from './turns.js';

/**
 * Routes a waiting cycle to an agent. Usually the inbox's rules assign within a minute;
 * sometimes it sits in the queue until someone picks it; outside shifts it waits for the
 * first agent of the morning. Returns the assignee and the assignment time.
 */
export function assign(
  ctx: SimContext,
  cyc: Cycle,
  waitingSince: number,
  prefer?: SimAgent,
): { agent: SimAgent; ms: number } {
  const { rng, clock, out } = ctx;
  const found = nextAvailable(rng, clock, cyc.channel.team, waitingSince);
  let agent = found.agent;
  let ms: number;
  let by: string;
  if (found.from > waitingSince) {
    ms = found.from + rng.range(1, 25) * MINUTE;
    by = agent.id;
  } else if (rng.chance(0.85)) {
    // A reopened cycle goes back to its previous agent when that agent is working.
    if (prefer !== undefined && onShift(prefer, clock, waitingSince) && rng.chance(0.7)) agent = prefer;
    ms = waitingSince + rng.range(1, 8) * SECOND;
    by = 'automation';
  } else {
    ms = waitingSince + Math.min(rng.logNormal(6 * MINUTE, 0.8), 90 * MINUTE);
    by = agent.id;
  }
  out.inbox([{ draft: { type: 'conversation.assigned', conversation_id: cyc.id, agent_id: agent.id, by }, ms }]);
  cyc.assignee = agent;
  cyc.t = Math.max(cyc.t, ms);
  return { agent, ms };
}

/**
 * Hands the cycle to someone else: a transfer by the current agent, or (rarely) a push back
 * to the queue followed by the automation's reassignment.
 */
export function reassign(ctx: SimContext, cyc: Cycle, ms: number): SimAgent {
  const { rng, clock, out } = ctx;
  const current = cyc.assignee;
  let by = current?.id ?? 'automation';
  if (rng.chance(0.3)) {
    out.inbox([{ draft: { type: 'conversation.assigned', conversation_id: cyc.id, agent_id: null, by }, ms }]);
    ms += rng.range(3, 30) * MINUTE;
    by = 'automation';
  }
  const next = nextAvailable(rng, clock, cyc.channel.team, ms, current?.id);
  const at = Math.max(ms, next.from);
  const draft = { type: 'conversation.assigned', conversation_id: cyc.id, agent_id: next.agent.id, by } as const;
  out.inbox([{ draft, ms: at }]);
  cyc.assignee = next.agent;
  cyc.t = Math.max(cyc.t, at);
  return next.agent;
}
