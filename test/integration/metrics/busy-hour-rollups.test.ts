import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { openedMatrices } from '../../../src/metrics/busy-hours/demand.js';
import { measuredHandleTime } from '../../../src/metrics/busy-hours/handle-time.js';
import { agentHours } from '../../../src/metrics/busy-hours/staffing-cells.js';
import type { ReportFilters, ReportQuery } from '../../../src/metrics/window.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { Rng } from '../../../src/simulate/prng.js';
import { compactBusyHourRollups, rebuildBusyHourRollups } from '../../../src/store/index.js';
import { referenceAgentHours, referenceHandleTime, referenceOpened } from '../../helpers/busy-hours-reference.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { BUSY_HOURLY, hourlyMismatches, rolledBack } from '../../helpers/hourly-rollups.js';

/**
 * The busy-hours rollups (migrations/0014) must give exactly what the base rows give. Three
 * simulated days (seed 11) spanning London's clock change (2026-10-25 01:00 UTC: a 25-hour local
 * day, 01:00 occurs twice) are stored; the first day's deltas are compacted into
 * busy_hour_rollups, the rest stay as deltas (and settling then closes and reassigns cycles,
 * i.e. UPDATE deltas), so reports read both. For random windows — half on 15-minute bounds,
 * half on arbitrary seconds, so the edge spans read from base rows are exercised — in UTC,
 * Asia/Kolkata (+05:30: local hours start at :30 UTC), Asia/Kathmandu (+05:45), Europe/London
 * (DST change inside the traffic) and America/St_Johns (−02:30), with no filter, a channel, an
 * agent or a team, the opened/arrivals matrices, the handle-time counts and the agents-replied
 * matrix must equal the pre-0014 queries over messages and conversations
 * (test/helpers/busy-hours-reference.ts).
 */
const START = new Date('2026-10-24T00:00:00Z');
const NOW = new Date('2026-10-27T00:00:00Z');
const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/London', 'America/St_Johns'];

describe.each(testDatabases)('busy-hours rollups on $name', (database) => {
  let store: TestStore;
  let channels: string[] = [];
  let agents: string[] = [];
  let teams: string[] = [];
  beforeAll(async () => {
    store = await database.open();
    const traffic = generateTraffic({ seed: 11, start: START, days: 3, scale: database.name === 'postgres' ? 0.2 : 0.08, tz: 'Europe/London' });
    const split = START.getTime() + 86_400_000;
    await deliverToStore(store.db, traffic.filter((d) => d.at.getTime() < split), /agent=([^;]+)/);
    await settleConversations(store.db, new Date(split), 24 * 3_600_000);
    await compactBusyHourRollups(store.db);
    await deliverToStore(store.db, traffic.filter((d) => d.at.getTime() >= split), /agent=([^;]+)/);
    await settleConversations(store.db, NOW, 4 * 3_600_000);
    channels = (await sql<{ c: string }>`SELECT DISTINCT phone_number_id AS c FROM conversations WHERE phone_number_id IS NOT NULL ORDER BY 1`.execute(store.db)).rows.map((r) => r.c);
    agents = (await sql<{ a: string }>`SELECT DISTINCT agent_id AS a FROM messages WHERE agent_id IS NOT NULL ORDER BY 1`.execute(store.db)).rows.map((r) => r.a);
    teams = (await sql<{ t: string }>`SELECT DISTINCT team AS t FROM agents WHERE team IS NOT NULL ORDER BY 1`.execute(store.db)).rows.map((r) => r.t);
  }, 600_000);
  afterAll(async () => store?.drop());

  it('has compacted rollups and pending deltas of every kind to read', async () => {
    const r = await sql<{ kind: string; rolled: number; deltas: number }>`
      SELECT k.kind, (SELECT count(*) FROM busy_hour_rollups r WHERE r.kind = k.kind)::int AS rolled,
        (SELECT count(*) FROM busy_hour_rollup_deltas d WHERE d.kind = k.kind)::int AS deltas
      FROM (VALUES ('agent_reply'), ('opened'), ('opened_by_contact'), ('closed')) AS k(kind) ORDER BY 1`.execute(store.db);
    for (const row of r.rows) {
      expect(row.rolled, row.kind).toBeGreaterThan(0);
      expect(row.deltas, row.kind).toBeGreaterThan(0);
    }
    expect(channels.length).toBeGreaterThan(1);
    expect(agents.length).toBeGreaterThan(1);
  });

  it('answers random windows exactly as the base rows do, in every zone, aligned or not, filtered or not', async () => {
    const rng = new Rng(database.name === 'postgres' ? 23 : 31);
    const cases = database.name === 'postgres' ? 30 : 10;
    const span = NOW.getTime() - START.getTime();
    for (let i = 0; i < cases; i++) {
      const tz = ZONES[i % ZONES.length]!;
      const unit = i % 2 === 0 ? 15 * 60_000 : 1000;
      const a = START.getTime() - 3_600_000 + Math.floor((rng.next() * span) / unit) * unit;
      const b = a + Math.max(unit, Math.floor((rng.next() * span) / unit) * unit);
      const f = i % 4;
      const filters: ReportFilters =
        f === 0 ? {} : f === 1 ? { channel: channels[i % channels.length]! } : f === 2 || teams.length === 0 ? { agent: agents[i % agents.length]! } : { team: teams[i % teams.length]! };
      const q: ReportQuery = { window: { from: new Date(a), to: new Date(b), tz }, filters };
      const label = JSON.stringify({ ...q.window, filters });
      const [opened, openedRef, ht, htRef, ah, ahRef] = await Promise.all([
        openedMatrices(store.db, q), referenceOpened(store.db, q),
        measuredHandleTime(store.db, q), referenceHandleTime(store.db, q),
        agentHours(store.db, q), referenceAgentHours(store.db, q),
      ]);
      expect(opened, label).toEqual(openedRef);
      expect(ht, label).toEqual(htRef);
      expect(ah, label).toEqual(ahRef);
    }
  }, 600_000);

  it('counts the facts in the partial buckets at both edges (windows cut a second around real facts)', async () => {
    // from = one second before a cycle opened or an agent replied, to = one second after a cycle
    // closed or an agent replied: those facts lie in the edge spans (read from base rows) unless
    // they sit exactly on a quarter hour, so dropping or misplacing the edges changes the counts
    const cycles = (await sql<{ opened_at: Date; closed_at: Date }>`
      SELECT opened_at, closed_at FROM conversations WHERE closed_at IS NOT NULL ORDER BY id LIMIT 12`.execute(store.db)).rows;
    const replies = (await sql<{ at: Date }>`
      SELECT counted_at AS at FROM messages WHERE direction = 'outbound' AND sender_type = 'agent' AND agent_id IS NOT NULL
      ORDER BY wamid LIMIT 12`.execute(store.db)).rows;
    expect(cycles.length).toBeGreaterThan(5);
    expect(replies.length).toBeGreaterThan(5);
    const second = 1000;
    const windows = [
      ...cycles.map((c) => ({ from: c.opened_at.getTime() - second, to: c.closed_at.getTime() + second })),
      ...replies.map((r, i) => {
        const other = replies[(i + 5) % replies.length]!.at.getTime();
        return { from: Math.min(r.at.getTime(), other) - second, to: Math.max(r.at.getTime(), other) + second };
      }),
    ];
    for (const [i, w] of windows.entries()) {
      const q: ReportQuery = { window: { from: new Date(w.from), to: new Date(w.to), tz: ZONES[i % ZONES.length]! }, filters: {} };
      const label = JSON.stringify(q.window);
      const [opened, openedRef, ht, htRef, ah, ahRef] = await Promise.all([
        openedMatrices(store.db, q), referenceOpened(store.db, q),
        measuredHandleTime(store.db, q), referenceHandleTime(store.db, q),
        agentHours(store.db, q), referenceAgentHours(store.db, q),
      ]);
      expect(opened, label).toEqual(openedRef);
      expect(ht, label).toEqual(htRef);
      expect(ah, label).toEqual(ahRef);
    }
  }, 600_000);

  it('covers the whole traffic with something to count (the comparison above is not vacuous)', async () => {
    const q: ReportQuery = { window: { from: START, to: NOW, tz: 'Europe/London' }, filters: {} };
    const [opened, ht] = await Promise.all([openedMatrices(store.db, q), measuredHandleTime(store.db, q)]);
    expect(opened.opened.flat().reduce((x, y) => x + y, 0)).toBeGreaterThan(10);
    expect(ht.activeAgentHours).toBeGreaterThan(5);
    expect(ht.agentCloses).toBeGreaterThan(5);
  });

  it('holds the same counts after compaction and after a rebuild from scratch', async () => {
    const snapshot = async () =>
      (await sql<{ bucket: Date; kind: string; phone_number_id: string | null; agent_id: string | null; n: number }>`
        SELECT bucket, kind, phone_number_id, agent_id, sum(n)::int AS n
        FROM (SELECT bucket, kind, phone_number_id, agent_id, n FROM busy_hour_rollups
              UNION ALL SELECT bucket, kind, phone_number_id, agent_id, n FROM busy_hour_rollup_deltas) x
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3 NULLS FIRST, 4 NULLS FIRST`.execute(store.db)).rows;
    const before = await snapshot();
    await expect(hourlyMismatches(store.db, BUSY_HOURLY)).resolves.toEqual([]);
    await compactBusyHourRollups(store.db);
    const compacted = await snapshot();
    await expect(hourlyMismatches(store.db, BUSY_HOURLY)).resolves.toEqual([]);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM busy_hour_rollup_deltas`.execute(store.db);
    await rebuildBusyHourRollups(store.db);
    const rebuilt = await snapshot();
    expect(left.rows[0]!.n).toBe(0);
    expect(compacted).toEqual(before);
    expect(rebuilt).toEqual(before);
    await expect(hourlyMismatches(store.db, BUSY_HOURLY)).resolves.toEqual([]);
  });

  // migrations/0017: a count added to one hourly row (rolled back after) moves a UTC window's
  // opened matrix; a Kolkata window (+05:30, no UTC hour is a local hour) reads 15-minute rows.
  it('reads the hourly rows for whole local hours only', async () => {
    const total = async (db: typeof store.db, tz: string) =>
      (await openedMatrices(db, { window: { from: START, to: NOW, tz }, filters: {} })).opened.flat().reduce((x, y) => x + y, 0);
    await rolledBack(store.db, async (tx) => {
      const before = { utc: await total(tx, 'UTC'), kolkata: await total(tx, 'Asia/Kolkata') };
      await sql`INSERT INTO busy_hour_rollups_hourly (hour, kind, n) VALUES (${new Date('2026-10-24T10:00:00Z')}, 'opened', 1000)`.execute(tx);
      expect(await total(tx, 'UTC')).toBe(before.utc + 1000);
      expect(await total(tx, 'Asia/Kolkata')).toBe(before.kolkata);
    });
  });
});
