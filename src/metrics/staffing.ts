/**
 * Erlang C queueing model behind the busy-hours staffing hint (docs/metrics.md "Staffing hint").
 * Pure functions, no database. Units: the offered load A is in Erlangs (arrival rate × handle
 * time, both in the same time unit); times (target, handle time) in seconds.
 */

/**
 * Erlang B blocking probability B(N, A) by the stable recursion
 * B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)) — no factorials, so no overflow for large N.
 */
export function erlangB(agents: number, load: number): number {
  assertInputs(agents, load);
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (load * b) / (k + load * b);
  return b;
}

/**
 * Erlang C: probability that an arrival has to wait, C(N, A) = N·B / (N − A·(1 − B)) with
 * B = B(N, A). Defined for N > A (otherwise the queue grows without bound: returns 1).
 * Example: A = 2, N = 3 → B = 4/19, C = (12/19) / (27/19) = 4/9 ≈ 0.4444.
 */
export function erlangC(agents: number, load: number): number {
  assertInputs(agents, load);
  if (load === 0) return 0;
  if (agents <= load) return 1;
  const b = erlangB(agents, load);
  return (agents * b) / (agents - load * (1 - b));
}

/**
 * Share of arrivals answered within `targetSec`: 1 − C(N, A) · e^{−(N − A)·T / AHT}
 * (0 when N ≤ A: an unstable queue never meets a target).
 */
export function serviceLevel(agents: number, load: number, targetSec: number, handleTimeSec: number): number {
  if (load === 0) return 1;
  if (agents <= load) return 0;
  return 1 - erlangC(agents, load) * Math.exp((-(agents - load) * targetSec) / handleTimeSec);
}

export type StaffingInput = {
  /** arrivals per second */
  arrivalRatePerSec: number;
  /** average handle time per arrival in seconds (agent time per conversation, concurrency included) */
  handleTimeSec: number;
  /** answer-within target T in seconds */
  targetSec: number;
  /** wanted service level in (0, 1), e.g. 0.8 */
  serviceLevel: number;
};

/** Sanity stop: a load needing more agents than this over A is not a staffing question. */
const MAX_EXTRA_AGENTS = 10_000;

/**
 * Smallest whole N > A = λ·AHT whose serviceLevel reaches the target. With no arrivals
 * (A = 0) nobody is needed: returns 0.
 */
export function agentsNeeded(input: StaffingInput): number {
  const load = input.arrivalRatePerSec * input.handleTimeSec;
  if (!Number.isFinite(load) || load < 0) throw new RangeError(`offered load must be a finite number ≥ 0, got ${load}`);
  if (load === 0) return 0;
  const start = Math.floor(load) + 1;
  for (let n = start; n <= start + MAX_EXTRA_AGENTS; n++) {
    if (serviceLevel(n, load, input.targetSec, input.handleTimeSec) >= input.serviceLevel) return n;
  }
  throw new RangeError(`no agent count up to ${start + MAX_EXTRA_AGENTS} reaches service level ${input.serviceLevel}`);
}

function assertInputs(agents: number, load: number): void {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
  if (!Number.isFinite(load) || load < 0) throw new RangeError(`load must be a finite number ≥ 0, got ${load}`);
}
