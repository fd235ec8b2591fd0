import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AGENT_METRICS, agentRowsSql } from '../../../src/metrics/agents/agent-rows.js';
import { conversationHeadline, conversationsReport } from '../../../src/metrics/conversations.js';
import { durationColumns } from '../../../src/metrics/conversations/duration-figures.js';
import { rolledDurations } from '../../../src/metrics/conversations/rolled-durations.js';
import { durationCtes } from '../../../src/metrics/response-times.js';
import { compactDurationRollups, rebuildDurationRollups, type Database } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { monthlyMismatches, monthlyRows } from '../../helpers/monthly-rollups.js';
import { seedContact, seedConversation } from '../../helpers/seed.js';
import { useSimulatedDays } from '../../helpers/simulated-day.js';

/**
 * The rollup path (migrations/0012, metrics/conversations/rolled-durations.ts) against the
 * straightforward derivation it replaces: percentile_cont & co. over every cycle_durations row
 * of the window (durationCtes + durationColumns, the reports' SQL before 0012). Equal means
 * toEqual: the same doubles, not "close".
 */

type Row = Record<string, unknown>;
const KEYS = ['w_count', 'w_avg', 'w_median', 'w_p90', 'w_max', ...[0, 1, 2, 3, 4, 5, 6].map((i) => `wb_b${i}`)];

/** The slow derivation, keyed like rolledDurations' rows, sorted by metric then agent. */
async function exact(db: Kysely<Database>, window: { from: Date; to: Date }, byAgent: boolean): Promise<Row[]> {
  const ctes = durationCtes({ window: { ...window, tz: 'UTC' } });
  const { rows } = await sql<Row>`WITH ${ctes}
    SELECT metric, ${byAgent ? sql`agent_id` : sql`NULL::text`} AS agent_id, ${sql.join(durationColumns(false))}
      FROM rt_durations GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST`.execute(db);
  return rows.map((r) => normalise({ ...r, agentId: r.agent_id }));
}

function normalise(r: Row): Row {
  return Object.fromEntries([['metric', r.metric], ['agentId', r.agentId ?? null], ...KEYS.map((k) => [k, r[k] === null ? null : Number(r[k])])]);
}

async function fast(db: Kysely<Database>, window: { from: Date; to: Date }, byAgent: boolean): Promise<Row[]> {
  const rows = (await rolledDurations(db, window, { byAgent })).map(normalise);
  const key = (r: Row) => `${String(r.metric)}\u0000${r.agentId === null ? '' : `\u0001${String(r.agentId)}`}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const at = (iso: string) => new Date(iso);

describe.each(testDatabases)('duration rollups equal the exact derivation on simulated traffic, on $name', (database) => {
  // three simulated days in Asia/Dubai (seed 5): replies, turns and resolutions of many agents
  const sim = useSimulatedDays(database, { seed: 5, settleAt: at('2026-11-06T00:00:00Z') });

  // whole UTC days; Dubai days (UTC+4: partial UTC days at both edges); odd minute edges; a
  // window inside one UTC day; a window with nothing in it; a window past all data; most of a day
  const windows = [
    { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-05T00:00:00Z') },
    { from: at('2026-11-01T20:00:00Z'), to: at('2026-11-04T20:00:00Z') },
    { from: at('2026-11-02T07:13:00Z'), to: at('2026-11-04T15:47:30Z') },
    { from: at('2026-11-03T09:00:00Z'), to: at('2026-11-03T11:00:00Z') },
    { from: at('2026-11-03T03:00:00Z'), to: at('2026-11-03T03:00:01Z') },
    { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-08T00:00:00Z') },
    // most of one UTC day: read as that day's rollups minus its first and last hour
    { from: at('2026-11-03T01:00:00Z'), to: at('2026-11-03T23:00:00Z') },
  ];

  it('holds data to compare (guards against comparing two empty results)', async () => {
    const all = await exact(sim.store.db, windows[0]!, false);
    expect(all.map((r) => r.metric)).toEqual(['auto_close_resolution', 'first_response', 'resolution', 'response'].filter((m) => all.some((r) => r.metric === m)));
    expect(Number(all.find((r) => r.metric === 'response')?.w_count)).toBeGreaterThan(100);
    expect((await exact(sim.store.db, windows[0]!, true)).length).toBeGreaterThan(8);
  });

  for (const stage of ['uncompacted deltas', 'compacted', 'rebuilt'] as const) {
    it(`matches on every window, all agents and per agent, with ${stage}`, async () => {
      if (stage === 'compacted') await compactDurationRollups(sim.store.db);
      if (stage === 'rebuilt') await rebuildDurationRollups(sim.store.db);
      for (const w of windows) {
        for (const byAgent of [false, true]) expect(await fast(sim.store.db, w, byAgent), `${w.from.toISOString()} byAgent=${byAgent}`).toEqual(await exact(sim.store.db, w, byAgent));
      }
      // the monthly sums (0021) follow every write to the daily rollups: compaction's inserts
      // and updates, the rebuild's delete-all and insert-all
      expect(await monthlyMismatches(sim.store.db)).toEqual([]);
      if (stage !== 'uncompacted deltas') expect(await monthlyRows(sim.store.db)).toBeGreaterThan(100);
    });
  }

  it('reads only the metrics and the median it is asked for, the same values as the full read', async () => {
    // the overview's read (conversationHeadline): first response and resolution, medians only;
    // p90 and max are not read (null), every other column is the exact derivation's
    const metrics = ['first_response', 'resolution'] as const;
    for (const w of windows) {
      for (const byAgent of [false, true]) {
        const want = (await exact(sim.store.db, w, byAgent))
          .filter((r) => (metrics as readonly unknown[]).includes(r.metric))
          .map((r) => ({ ...r, w_p90: null, w_max: null }));
        const got = (await rolledDurations(sim.store.db, w, { byAgent, metrics, medianOnly: true })).map(normalise);
        const key = (r: Row) => `${String(r.metric)}|${String(r.agentId)}`;
        expect(got.sort((a, b) => key(a).localeCompare(key(b))), `${w.from.toISOString()} byAgent=${byAgent}`)
          .toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));
      }
    }
    expect((await exact(sim.store.db, windows[0]!, false)).filter((r) => metrics.includes(r.metric as (typeof metrics)[number])).length).toBe(2);
  });

  it("gives the overview the conversations report's counts and medians, filtered or not", async () => {
    for (const w of windows) {
      for (const filters of [{}, { team: 'care' }, { agent: 'nobody' }]) {
        const q = { window: { ...w, tz: 'Asia/Dubai' }, filters };
        const [c, h] = await Promise.all([conversationsReport(sim.store.db, q), conversationHeadline(sim.store.db, q)]);
        expect(h, `${w.from.toISOString()} ${JSON.stringify(filters)}`).toEqual({
          opened: c.opened.total, closed: c.closed.total, unresolved: c.unresolved,
          medianFirstResponseSec: c.firstResponse.median, medianResolutionSec: c.resolution.median,
        });
      }
    }
    // not two empty results: the first window has medians of both metrics
    const first = await conversationHeadline(sim.store.db, { window: { ...windows[0]!, tz: 'Asia/Dubai' }, filters: {} });
    expect(first.medianFirstResponseSec).not.toBeNull();
    expect(first.medianResolutionSec).not.toBeNull();
  });

  it('gives the agents report the same rows, norms, flags and ranks through the rollups', async () => {
    // the agents report's SQL once with its time figures computed from the rows, once handed
    // the rolled ones: every column of every row equal, for each window and the team filter
    for (const w of windows.slice(0, 4)) {
      for (const filters of [{}, { team: 'care' }]) {
        const q = { window: { ...w, tz: 'Asia/Dubai' }, filters };
        const run = async (rolled?: Awaited<ReturnType<typeof rolledDurations>>) =>
          (await sql<Row>`WITH ${durationCtes({ window: q.window })}, ${agentRowsSql(q, false, rolled)} SELECT * FROM ag_ranked ORDER BY position`.execute(sim.store.db)).rows;
        const slow = await run();
        expect(slow.length).toBeGreaterThan(0);
        expect(await run(await rolledDurations(sim.store.db, w, { byAgent: true, metrics: AGENT_METRICS }))).toEqual(slow);
      }
    }
  });

  it('gives nothing for an empty window and for one with to ≤ from', async () => {
    expect(await fast(sim.store.db, windows[5]!, false)).toEqual([]);
    expect(await fast(sim.store.db, { from: windows[0]!.to, to: windows[0]!.from }, false)).toEqual([]);
  });
});

describe.each(testDatabases)('duration rollups on hand-picked values, on $name', (database) => {
  const ctx = useFreshStore(database, ['106540352242922']);

  /** Stores values (seconds) of one metric ending at the given instants, for agent `agent`. */
  async function values(metric: string, list: { s: number; end: string; agent?: string | null }[]) {
    const contact = await seedContact(ctx.store.db, { waId: `9715${Math.floor(Math.random() * 1e8)}`, createdAt: '2026-01-01T00:00:00Z' });
    const cycle = await seedConversation(ctx.store.db, { contactId: contact, channel: '106540352242922', openedAt: '2026-10-01T00:00:00Z' });
    let seq = 0;
    for (const v of list) {
      const end = new Date(v.end);
      await sql`INSERT INTO cycle_durations (cycle_id, metric, seq, started_at, ended_at, agent_id, seconds)
        VALUES (${cycle}, ${metric}, ${seq++}, ${new Date(end.getTime() - v.s * 1000)}, ${end}, ${v.agent === undefined ? 'ana' : v.agent}, ${v.s})`.execute(ctx.store.db);
    }
  }
  const day = { from: at('2026-11-03T00:00:00Z'), to: at('2026-11-04T00:00:00Z') };
  const get = async (w: { from: Date; to: Date }, byAgent = false) => fast(ctx.store.db, w, byAgent);

  it('interpolates an even count, takes the middle of an odd one, and counts the classes at their bounds', async () => {
    // 30 and 120 are the lower bounds of "30s-2m" and "2-5m" (lower bound inclusive); 29.5 is <30s.
    await values('response', [{ s: 120, end: '2026-11-03T10:00:00Z' }, { s: 29.5, end: '2026-11-03T11:00:00Z' }, { s: 30, end: '2026-11-03T12:00:00Z' }, { s: 3600, end: '2026-11-03T13:00:00Z' }]);
    const [r] = await get(day);
    // sorted 29.5, 30, 120, 3600; N = 4: median pos 1.5 → 30 + 0.5·90 = 75; p90 pos 2.7 → 120 + 0.7·3480 = 2556;
    // avg = 3779.5 / 4 = 944.875; max 3600; classes <30s 1, 30s-2m 1, 2-5m 1, >1h 1 (3600 is >1h: lower bound inclusive)
    expect(r).toMatchObject({ metric: 'response', w_count: 4, w_avg: 944.875, w_median: 75, w_max: 3600, wb_b0: 1, wb_b1: 1, wb_b2: 1, wb_b3: 0, wb_b4: 0, wb_b5: 0, wb_b6: 1 });
    expect(r!.w_p90).toBeCloseTo(2556, 9);
    expect(await get(day)).toEqual(await exact(ctx.store.db, day, false));
    // drop the 3600: 29.5, 30, 120 → median = 30 (pos 1), p90 pos 1.8 → 30 + 0.8·90 = 102
    await sql`DELETE FROM cycle_durations WHERE seconds = 3600`.execute(ctx.store.db);
    const [odd] = await get(day);
    expect(odd).toMatchObject({ w_count: 3, w_median: 30, w_max: 120, wb_b6: 0 });
    expect(odd!.w_p90).toBeCloseTo(102, 9);
    expect(await get(day)).toEqual(await exact(ctx.store.db, day, false));
  });

  it('handles ties spanning the ranks, a single value, and an agent with fewer than 5 values', async () => {
    // omar: 50, 50, 50, 50, 70 → median 50 (pos 2), p90 pos 3.6 → 50 + 0.6·20 = 62; lea: 400 alone → everything 400
    await values('first_response', [50, 50, 70, 50, 50].map((s, i) => ({ s, end: `2026-11-03T0${i}:30:00Z`, agent: 'omar' })));
    await values('first_response', [{ s: 400, end: '2026-11-03T09:00:00Z', agent: 'lea' }]);
    const rows = await get(day, true);
    expect(rows.find((r) => r.agentId === 'lea')).toMatchObject({ w_count: 1, w_avg: 400, w_median: 400, w_p90: 400, w_max: 400, wb_b3: 1 });
    const omar = rows.find((r) => r.agentId === 'omar')!;
    expect(omar).toMatchObject({ w_count: 5, w_avg: 54, w_median: 50, w_max: 70, wb_b1: 5 });
    expect(omar.w_p90).toBeCloseTo(62, 9);
    expect(rows).toEqual(await exact(ctx.store.db, day, true));
    // all agents: 50 ×4, 70, 400 → N = 6, median pos 2.5 → 50; p90 pos 4.5 → 70 + 0.5·330 = 235
    const [all] = await get(day);
    expect(all).toMatchObject({ w_count: 6, w_median: 50, w_p90: 235, w_max: 400 });
  });

  it('reads the values of no agent apart from every agent\'s, per agent', async () => {
    // ana: 10, 30, 50 → median 30; no agent: 100, 300 → median pos 0.5 → 200, p90 pos 0.9 → 100 + 0.9·200 = 280.
    // The null agent's values are matched by IS NULL, never by equality (which matches nothing).
    await values('response', [10, 30, 50].map((s, i) => ({ s, end: `2026-11-03T1${i}:00:00Z`, agent: 'ana' })));
    await values('response', [{ s: 300, end: '2026-11-03T14:00:00Z', agent: null }, { s: 100, end: '2026-11-03T15:00:00Z', agent: null }]);
    const rows = await get(day, true);
    expect(rows.find((r) => r.agentId === 'ana')).toMatchObject({ w_count: 3, w_median: 30, w_max: 50 });
    const none = rows.find((r) => r.agentId === null)!;
    expect(none).toMatchObject({ w_count: 2, w_median: 200, w_max: 300 });
    expect(none.w_p90).toBeCloseTo(280, 9);
    expect(rows).toEqual(await exact(ctx.store.db, day, true));
  });

  it('takes values at the window edges by their instant in a non-UTC window (Asia/Dubai day = 20:00Z–20:00Z)', async () => {
    // 19:59:59Z on Nov 2 is before the Dubai day of Nov 3; 20:00Z is its first instant; 19:59:59Z on
    // Nov 3 its last; 20:00Z on Nov 3 is the next day. In: 10 and 20 → median 15, p90 pos 0.9 → 19
    await values('resolution', [
      { s: 5, end: '2026-11-02T19:59:59Z' }, { s: 10, end: '2026-11-02T20:00:00Z' }, { s: 20, end: '2026-11-03T19:59:59Z' }, { s: 40, end: '2026-11-03T20:00:00Z' },
    ]);
    const w = { from: at('2026-11-02T20:00:00Z'), to: at('2026-11-03T20:00:00Z') };
    const [r] = await get(w);
    expect(r).toMatchObject({ w_count: 2, w_avg: 15, w_median: 15, w_p90: 19, w_max: 20 });
    expect(await get(w)).toEqual(await exact(ctx.store.db, w, false));
  });

  it('reads whole UTC months from the monthly sums, the days and edges around them per day, before and after compaction', async () => {
    // W = [30 Sep 12:00Z, 1 Dec 06:00Z): its left edge is 12 h (added from the rows), October and
    // November are whole months, its right edge is 6 h. 5 s (30 Sep 11:00) and 80 s (1 Dec 07:00)
    // lie just outside. In W: 10 20 30 40 50 60 70, N = 7: median pos 3 → 40; p90 pos 5.4 →
    // 60 + 0.4·10 = 64; avg 280/7 = 40; max 70; <30s: 10, 20; 30s–2m: the other five.
    await values('response', [
      { s: 5, end: '2026-09-30T11:00:00Z' }, { s: 10, end: '2026-09-30T23:00:00Z' }, { s: 20, end: '2026-10-01T00:00:00Z' },
      { s: 30, end: '2026-10-15T12:00:00Z' }, { s: 40, end: '2026-10-31T23:59:59Z' }, { s: 50, end: '2026-11-01T00:00:00Z' },
      { s: 60, end: '2026-11-20T08:00:00Z' }, { s: 70, end: '2026-12-01T03:00:00Z' }, { s: 80, end: '2026-12-01T07:00:00Z' },
    ]);
    const w = { from: at('2026-09-30T12:00:00Z'), to: at('2026-12-01T06:00:00Z') };
    // October alone, read as one whole month: 20 30 40 → median 30, avg 30
    const october = { from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') };
    // 2 Oct – 31 Oct holds no whole month: 30 alone (20 is on 1 Oct, 40 on 31 Oct)
    const days = { from: at('2026-10-02T00:00:00Z'), to: at('2026-10-31T00:00:00Z') };
    const check = async () => {
      const [r] = await get(w);
      expect(r).toMatchObject({ w_count: 7, w_avg: 40, w_median: 40, w_max: 70, wb_b0: 2, wb_b1: 5 });
      expect(r!.w_p90).toBeCloseTo(64, 9);
      expect(await get(october)).toMatchObject([{ w_count: 3, w_avg: 30, w_median: 30, w_max: 40 }]);
      expect(await get(days)).toMatchObject([{ w_count: 1, w_median: 30 }]);
      for (const x of [w, october, days]) for (const byAgent of [false, true]) expect(await get(x, byAgent)).toEqual(await exact(ctx.store.db, x, byAgent));
    };
    await check();
    await compactDurationRollups(ctx.store.db);
    expect(await monthlyMismatches(ctx.store.db)).toEqual([]);
    await check();
    await rebuildDurationRollups(ctx.store.db);
    expect(await monthlyMismatches(ctx.store.db)).toEqual([]);
    await check();
    // The monthly rows are what is read for a whole month, and only there: 700 s more in
    // October's monthly sum moves W's and October's averages by 700/7 = 100 and 700/3, and not
    // the window of days inside October.
    await sql`UPDATE duration_rollups_monthly SET sum_seconds = sum_seconds + 700 WHERE month = '2026-10-01T00:00:00Z' AND NOT by_agent AND bucket = duration_bucket(30)`.execute(ctx.store.db);
    expect(await get(w)).toMatchObject([{ w_count: 7, w_avg: 140 }]);
    expect((await get(october))[0]!.w_avg).toBeCloseTo(30 + 700 / 3, 9);
    expect(await get(days)).toMatchObject([{ w_count: 1, w_avg: 30 }]);
  });

  it('keeps a negative value out of every class, as the exact counts do', async () => {
    await values('response', [{ s: -5, end: '2026-11-03T10:00:00Z' }, { s: 10, end: '2026-11-03T10:00:00Z' }]);
    const [r] = await get(day);
    // -5 and 10: median pos 0.5 → 2.5; <30s holds only the 10
    expect(r).toMatchObject({ w_count: 2, w_median: 2.5, wb_b0: 1 });
    expect(await get(day)).toEqual(await exact(ctx.store.db, day, false));
  });
});
