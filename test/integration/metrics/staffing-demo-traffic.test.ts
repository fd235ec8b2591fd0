import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateIntoStore } from '../../../src/cli/simulate.js';
import { loadConfig } from '../../../src/config.js';
import { busyHoursReport, type BusyHoursReport } from '../../../src/metrics/busy-hours.js';
import { agentsNeeded } from '../../../src/metrics/staffing.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';

/**
 * The staffing hint on the demo's traffic (`wapulse demo`: seed 42, scale 1, 14 days ending at
 * `now`, Asia/Dubai), checked against what the team actually did. Everything on the "actually"
 * side is computed here in plain JS from the stored rows, not through the busy-hours queries.
 *
 * `now` is Monday 30 Nov 2026 00:00 in Dubai, so the window [now − 14 d, now) is two whole ISO
 * weeks and every weekday × hour cell occurs exactly twice. Storing the traffic takes about a
 * minute on Postgres and two to four on PGlite, so it runs on one database: real Postgres when
 * TEST_DATABASE_URL is set, PGlite otherwise (the dialects are compared cell by cell in
 * busy-hours.test.ts).
 */
const NOW = new Date('2026-11-29T20:00:00Z');
const DAYS = 14;
const FROM = new Date(NOW.getTime() - DAYS * 86_400_000);
const TZ = 'Asia/Dubai';
const FRT_TARGET_SEC = 300;
const SERVICE_LEVEL = 0.8;
const HOUR_MS = 3_600_000;
// Asia/Dubai is UTC+4 all year (no DST): its clock hours are the UTC hours, shifted by 4.
const DUBAI_OFFSET_MS = 4 * HOUR_MS;

/** Local ISO weekday (1 = Mon) and hour in Dubai, and the real hour (hours since the epoch). */
function dubaiHour(t: Date): { dow: number; hour: number; realHour: number } {
  const local = new Date(t.getTime() + DUBAI_OFFSET_MS);
  return { dow: ((local.getUTCDay() + 6) % 7) + 1, hour: local.getUTCHours(), realHour: Math.floor(t.getTime() / HOUR_MS) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const inWindow = (t: Date | null): t is Date => t !== null && t >= FROM && t < NOW;

/** One occurrence (one week) of the busiest cell, as the stored rows tell it. */
type Week = { realHour: number; arrivals: number; agentsReplied: number; medianFrtSec: number | null };

type Actual = {
  cell: { dow: number; hour: number; arrivals: number };
  weeks: Week[];
  activeAgentHours: number;
  agentCloses: number;
};

/** The team's side, from the rows: busiest cell, who replied in it each week, FRT, counts. */
async function actualFromRows(store: TestStore): Promise<Actual> {
  const cycles = await store.db.selectFrom('conversations')
    .select(['opened_at', 'opened_by', 'closed_at', 'closer_agent_id', 'assignee_id', 'first_agent_reply_at']).execute();
  // a reply by a known agent: outbound, sender_type agent, an agent id, not history backfill
  const replies = (await store.db.selectFrom('messages').select(['agent_id', 'counted_at'])
    .where('direction', '=', 'outbound').where('sender_type', '=', 'agent').where('agent_id', 'is not', null)
    .where('origin', '<>', 'history').execute()).filter((m) => inWindow(m.counted_at));

  const arrivals = cycles.filter((c) => c.opened_by === 'contact' && inWindow(c.opened_at));
  const perCell = new Map<string, number>();
  for (const c of arrivals) {
    const { dow, hour } = dubaiHour(c.opened_at);
    perCell.set(`${dow}:${hour}`, (perCell.get(`${dow}:${hour}`) ?? 0) + 1);
  }
  // busiest = most contact-opened cycles; ties to the earlier cell (Mon first, then hour)
  let cell = { dow: 1, hour: 0, arrivals: -1 };
  for (let dow = 1; dow <= 7; dow++) {
    for (let hour = 0; hour < 24; hour++) {
      const n = perCell.get(`${dow}:${hour}`) ?? 0;
      if (n > cell.arrivals) cell = { dow, hour, arrivals: n };
    }
  }

  const isCell = (t: Date) => { const l = dubaiHour(t); return l.dow === cell.dow && l.hour === cell.hour; };
  const weekHours = [...new Set(arrivals.filter((c) => isCell(c.opened_at)).map((c) => dubaiHour(c.opened_at).realHour))].sort();
  const weeks = weekHours.map((realHour): Week => {
    const opened = arrivals.filter((c) => dubaiHour(c.opened_at).realHour === realHour);
    const frts = opened.filter((c) => c.first_agent_reply_at !== null)
      .map((c) => (c.first_agent_reply_at!.getTime() - c.opened_at.getTime()) / 1000);
    const agents = new Set(replies.filter((m) => dubaiHour(m.counted_at!).realHour === realHour).map((m) => m.agent_id));
    return { realHour, arrivals: opened.length, agentsReplied: agents.size, medianFrtSec: frts.length === 0 ? null : median(frts) };
  });

  const active = new Set(replies.map((m) => `${m.agent_id}@${dubaiHour(m.counted_at!).realHour}`));
  const activeAgents = new Set(replies.map((m) => m.agent_id));
  const agentCloses = cycles.filter((c) => inWindow(c.closed_at) && activeAgents.has(c.closer_agent_id ?? c.assignee_id)).length;
  return { cell, weeks, activeAgentHours: active.size, agentCloses };
}

const database = testDatabases.at(-1)!;

describe(`staffing hint on the demo traffic (${database.name})`, () => {
  let store: TestStore;
  let report: BusyHoursReport;
  let actual: Actual;

  beforeAll(async () => {
    store = await database.open();
    const config = loadConfig({});
    await simulateIntoStore(store, config, { days: DAYS, scale: 1, seed: 42, start: FROM, tz: TZ }, NOW, () => {});
    report = await busyHoursReport(store.db, { window: { from: FROM, to: NOW, tz: TZ }, filters: {} }, { serviceLevel: SERVICE_LEVEL, frtTargetSec: FRT_TARGET_SEC });
    actual = await actualFromRows(store);
  }, 600_000);
  afterAll(async () => store?.drop());

  const hintOf = () => report.staffing.agentsNeeded[actual.cell.dow - 1]![actual.cell.hour]!;

  it('measures the handle time the rows give, and sizes the busiest cell from it', () => {
    expect(report.hours.flat().every((n) => n === 2)).toBe(true); // two whole weeks
    expect(actual.weeks).toHaveLength(2);
    expect(report.staffing.arrivals[actual.cell.dow - 1]![actual.cell.hour]).toBe(actual.cell.arrivals);
    expect(report.staffing.activeAgentHours).toBe(actual.activeAgentHours);
    expect(report.staffing.agentCloses).toBe(actual.agentCloses);
    const handleTimeSec = (actual.activeAgentHours * 3600) / actual.agentCloses;
    expect(report.staffing.handleTimeSec).toBeCloseTo(handleTimeSec, 9);
    const lambdaPerSec = actual.cell.arrivals / 2 / 3600;
    expect(hintOf()).toBe(agentsNeeded({ arrivalRatePerSec: lambdaPerSec, handleTimeSec, targetSec: FRT_TARGET_SEC, serviceLevel: SERVICE_LEVEL }));
    // the comparison below needs at least one week in which the team met the target
    expect(actual.weeks.some((w) => w.medianFrtSec !== null && w.medianFrtSec <= FRT_TARGET_SEC)).toBe(true);
    console.info('staffing on demo traffic', JSON.stringify({ cell: actual.cell, weeks: actual.weeks, handleTimeSec, hint: hintOf() }));
  });

  // KNOWN GAP (issue 8), kept as an expected failure so it turns red the day it holds: the
  // busiest cell (Thu 11:00 Dubai, 47 arrivals over 2 h) was staffed by 2 agents in both weeks,
  // median FRT within 5 min both times; the hint asks for 9 (634 active agent-hours ÷ 2233
  // closes → ~1022 s handle time, A = 23.5/h × 1022 s ≈ 6.7, plus Erlang's margin).
  // The simulator's agents have no capacity (reply delays ignore how many conversations an agent
  // holds), but a more realistic team does not close the gap, because of how the two sides count:
  // the hint is λ × (agent-hours per close averaged over the whole window) + margin, the agents
  // who replied are λ × (agent-hours per close at the peak). Every quiet hour an agent replies in
  // counts as a whole hour, so a team staffed in proportion to demand, or even by Erlang C itself
  // hour by hour, clears more per agent-hour at its peak than on average, and its hint exceeds its
  // peak head-count by about the margin. A sketch on the simulator's hourly weights (rhythm.ts,
  // 08:00–01:00 covered, at least one agent an hour): a team planned by Erlang C hour by hour with
  // a true handle time of 200 s puts 2 agents on Thu 11:00, works ~204 agent-hours a week, would
  // measure ~675 s and be told 6. Tried in the simulator (not kept): split shifts shaped to demand,
  // handover at shift end, no off-shift follow-ups gave 400 active hours, 656 s and a hint of 6
  // for a peak of 4 agents (who then missed the target). The check holds only when the peak is
  // staffed well above the team's average pace (agents per arrival ≈ 1.5× the window's), so it
  // waits on the measure or the criterion, not on the simulator.
  it.fails('asks, in the busiest cell, for no fewer and no more agents than replied in the weeks that met the target', () => {
    const met = actual.weeks.filter((w) => w.medianFrtSec !== null && w.medianFrtSec <= FRT_TARGET_SEC).map((w) => w.agentsReplied);
    expect(met.length).toBeGreaterThan(0);
    expect(hintOf()).toBeGreaterThanOrEqual(Math.min(...met));
    expect(hintOf()).toBeLessThanOrEqual(Math.max(...met));
  });
});
