import type { LocalClock } from './local-time.js';
import type { Rng } from './prng.js';

export type Team = 'care' | 'sales';

/** A simulated agent: identity as the inbox knows it, plus how fast and when they work. */
export interface SimAgent {
  id: string;
  name: string;
  email: string;
  team: Team;
  slackUserId?: string;
  /** Median seconds from assignment to first reply. */
  firstReplyMedianSec: number;
  /** Median seconds from a contact's message to the reply, later in the conversation. */
  replyMedianSec: number;
  /** Shift in local hours, [from, to); `to` may exceed 24 for a shift past midnight. */
  shift: readonly [number, number];
  /** Local weekdays worked, 0 = Sunday (the UAE weekend is Saturday–Sunday). */
  days: readonly number[];
}

const MON_FRI = [1, 2, 3, 4, 5] as const;

/**
 * The team of a Dubai shop: customer care answers the main number, sales the second.
 * Speeds spread from a first-response median of ~1.5 min (Layla) to ~13 min (James), counted
 * from the open as docs/metrics.md does, so outlier flags have work to do;
 * shifts leave 01:00–08:00 uncovered, so night contacts wait for the morning.
 */
export const AGENTS: readonly SimAgent[] = [
  agent('layla', 'ليلى أحمد', 'care', 25, 35, [8, 16], MON_FRI, 'U05LAYLA01'),
  agent('omar', 'Omar Haddad', 'care', 120, 100, [12, 21], [0, 1, 2, 3, 4, 6], 'U05OMARH02'),
  agent('priya', 'Priya Nair', 'care', 200, 160, [16, 25], [0, 2, 3, 4, 5, 6]),
  agent('rahul', 'Rahul Menon', 'care', 300, 220, [9, 18], [0, 5, 6], 'U05RAHUL04'),
  agent('fatima', 'Fatima Al Zahra', 'sales', 160, 130, [10, 19], [1, 2, 3, 4, 6], 'U05FATIM05'),
  agent('james', 'James Carter', 'sales', 560, 420, [13, 22], [0, 1, 2, 3, 4, 5]),
];

function agent(
  id: string,
  name: string,
  team: Team,
  firstReplyMedianSec: number,
  replyMedianSec: number,
  shift: readonly [number, number],
  days: readonly number[],
  slackUserId?: string,
): SimAgent {
  const email = `${id}@desert-bloom.example`;
  const base = { id, name, email, team, firstReplyMedianSec, replyMedianSec, shift, days };
  return slackUserId === undefined ? base : { ...base, slackUserId };
}

/** Whether the agent is working at `ms` (shifts past midnight count for the day they began). */
export function onShift(agent: SimAgent, clock: LocalClock, ms: number): boolean {
  const { weekday, hour } = clock.at(ms);
  const [from, to] = agent.shift;
  if (hour >= from && hour < to && agent.days.includes(weekday)) return true;
  return to > 24 && hour < to - 24 && agent.days.includes((weekday + 6) % 7);
}

const STEP_MS = 10 * 60_000;

/**
 * Who takes a conversation of `team` waiting since `ms`, and from when: an on-shift agent of
 * the team (faster agents take more), else anyone on shift, else the first agent whose shift
 * starts. Looks ahead at most three days, which the roster always covers.
 */
export function nextAvailable(
  rng: Rng,
  clock: LocalClock,
  team: Team,
  ms: number,
  exclude?: string,
): { agent: SimAgent; from: number } {
  for (let t = ms; t < ms + 3 * 86_400_000; t += STEP_MS) {
    const working = AGENTS.filter((a) => a.id !== exclude && onShift(a, clock, t));
    if (working.length === 0) continue;
    const own = working.filter((a) => a.team === team);
    const pool = own.length > 0 ? own : working;
    const chosen = rng.weighted(pool.map((a) => [a, 1 / Math.sqrt(a.firstReplyMedianSec)] as const));
    return { agent: chosen, from: t };
  }
  throw new Error('simulate: no agent on shift within three days');
}
