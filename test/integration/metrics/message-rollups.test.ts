import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { failuresReport } from '../../../src/metrics/failures.js';
import {
  and, baseConditions, countedAt, deliveredTime, inWindow, insideServiceWindow, isFailed, isOutbound, isReaction, isReceived,
  outboundAttribution, readTime, touchesWindow,
} from '../../../src/metrics/messages/message-facts.js';
import { messagesReport } from '../../../src/metrics/messages.js';
import type { ReportQuery } from '../../../src/metrics/window.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { Rng } from '../../../src/simulate/prng.js';
import { compactMessageRollups, rebuildMessageRollups, type Database } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { hourlyMismatches, MESSAGE_HOURLY, rolledBack } from '../../helpers/hourly-rollups.js';

/**
 * The rollups (migrations/0009) must give exactly what the base rows give. Two simulated days
 * (seed 5) spanning London's clock change (2026-10-25 01:00 UTC, a 25-hour local day) are
 * stored; the first day's deltas are compacted into message_rollups, the second day's stay as
 * deltas, so reports read both. Then for random windows — some on 15-minute bounds, some on
 * arbitrary seconds — in UTC, Asia/Kolkata (+05:30: local days start at :30 UTC), Europe/London
 * and America/New_York, with and without channel/agent filters, the messages and failures
 * reports from the rollups must equal the same reports read from base rows only, and the
 * totals must equal a reference query written with the message-facts.ts fragments (the
 * definitions the other reports use, including the live 24 h-window EXISTS), so the SQL
 * function of 0009 cannot drift from them.
 */
const START = new Date('2026-10-24T00:00:00Z');
const NOW = new Date('2026-10-27T00:00:00Z');
const ZONES = ['UTC', 'Asia/Kolkata', 'Europe/London', 'America/New_York'];

describe.each(testDatabases)('message rollups on $name', (database) => {
  let store: TestStore;
  let channels: string[] = [];
  let agents: string[] = [];
  beforeAll(async () => {
    store = await database.open();
    const traffic = generateTraffic({ seed: 5, start: START, days: 2, scale: database.name === 'postgres' ? 0.2 : 0.08, tz: 'Europe/London' });
    const split = START.getTime() + 86_400_000;
    await deliverToStore(store.db, traffic.filter((d) => d.at.getTime() < split), /agent=([^;]+)/);
    await compactMessageRollups(store.db);
    await deliverToStore(store.db, traffic.filter((d) => d.at.getTime() >= split), /agent=([^;]+)/);
    await settleConversations(store.db, NOW, 24 * 3_600_000);
    channels = (await sql<{ c: string }>`SELECT DISTINCT phone_number_id AS c FROM messages WHERE phone_number_id IS NOT NULL ORDER BY 1`.execute(store.db)).rows.map((r) => r.c);
    agents = (await sql<{ a: string }>`SELECT DISTINCT agent_id AS a FROM messages WHERE agent_id IS NOT NULL ORDER BY 1`.execute(store.db)).rows.map((r) => r.a);
  }, 600_000);
  afterAll(async () => store?.drop());

  it('has both compacted rollups and pending deltas to read, and facts of every kind', async () => {
    const r = await sql<{ rolled: number; deltas: number; kinds: number }>`
      SELECT (SELECT count(*) FROM message_rollups)::int AS rolled, (SELECT count(*) FROM message_rollup_deltas)::int AS deltas,
        (SELECT count(DISTINCT kind) FROM message_rollups)::int AS kinds`.execute(store.db);
    expect(r.rows[0]!.rolled).toBeGreaterThan(50);
    expect(r.rows[0]!.deltas).toBeGreaterThan(50);
    expect(r.rows[0]!.kinds).toBeGreaterThanOrEqual(9);
    expect(channels.length).toBeGreaterThan(0);
    expect(agents.length).toBeGreaterThan(0);
  });

  it('answers random windows exactly as the base rows do, in every zone, aligned or not, filtered or not', async () => {
    const rng = new Rng(database.name === 'postgres' ? 17 : 29);
    const rand = () => rng.next();
    const cases = database.name === 'postgres' ? 24 : 8;
    for (let i = 0; i < cases; i++) {
      const tz = ZONES[i % ZONES.length]!;
      const unit = i % 2 === 0 ? 15 * 60_000 : 1000; // half on bucket bounds, half on any second
      const span = NOW.getTime() - START.getTime();
      const a = START.getTime() - 3_600_000 + Math.floor((rand() * span) / unit) * unit;
      const b = a + Math.max(unit, Math.floor((rand() * span) / unit) * unit);
      const filters = i % 3 === 0 ? {} : i % 3 === 1 ? { channel: channels[i % channels.length]! } : { agent: agents[i % agents.length]! };
      const q: ReportQuery = { window: { from: new Date(a), to: new Date(b), tz }, filters };
      const label = JSON.stringify({ ...q.window, filters });
      const [m, mBase, f, fBase, ref] = await Promise.all([
        messagesReport(store.db, q), messagesReport(store.db, q, { useRollups: false }),
        failuresReport(store.db, q), failuresReport(store.db, q, { useRollups: false }),
        referenceTotals(store.db, q),
      ]);
      expect(m, label).toEqual(mBase);
      expect(f, label).toEqual(fBase);
      expect(pick(m), label).toEqual(ref);
    }
  }, 300_000);

  // migrations/0016: a trigger on message_rollups keeps the hourly table equal to it summed per
  // UTC hour without the agent, through compaction (inserts and ON CONFLICT updates) and a
  // rebuild (delete all, insert all).
  it('keeps message_rollups_hourly equal to message_rollups per hour, through compaction and rebuild', async () => {
    await expect(hourlyMismatches(store.db, MESSAGE_HOURLY)).resolves.toEqual([]);
    await compactMessageRollups(store.db);
    await expect(hourlyMismatches(store.db, MESSAGE_HOURLY)).resolves.toEqual([]);
    await rebuildMessageRollups(store.db);
    await expect(hourlyMismatches(store.db, MESSAGE_HOURLY)).resolves.toEqual([]);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM message_rollups_hourly WHERE n <> 0`.execute(store.db);
    expect(rows[0]!.n).toBeGreaterThan(20);
  });

  // The hourly rows are read only where an hour is one local hour: a count added to one hourly
  // row (inside a transaction that is rolled back) moves an unfiltered Dubai window's total and
  // that hour's day; a Kolkata window (+05:30) and an agent-filtered one read the 15-minute rows.
  it('reads the hourly rows for whole local hours only, and not under an agent filter', async () => {
    const window = (tz: string) => ({ from: new Date('2026-10-24T00:00:00Z'), to: new Date('2026-10-26T00:00:00Z'), tz });
    const hour = new Date('2026-10-24T10:00:00Z');
    const sentOf = async (db: Kysely<Database>, tz: string, filters = {}) => {
      const m = await messagesReport(db, { window: window(tz), filters });
      return { sent: m.sent, day: m.days.find((d) => d.date === '2026-10-24')?.sent };
    };
    await rolledBack(store.db, async (tx) => {
      const agent = agents[0]!;
      const before = { dubai: await sentOf(tx, 'Asia/Dubai'), kolkata: await sentOf(tx, 'Asia/Kolkata'), agent: await sentOf(tx, 'Asia/Dubai', { agent }) };
      await sql`INSERT INTO message_rollups_hourly (hour, kind, n) VALUES (${hour}, 'sent', 1000)`.execute(tx);
      expect(await sentOf(tx, 'Asia/Dubai')).toEqual({ sent: before.dubai.sent + 1000, day: before.dubai.day! + 1000 });
      expect(await sentOf(tx, 'Asia/Kolkata')).toEqual(before.kolkata);
      expect(await sentOf(tx, 'Asia/Dubai', { agent })).toEqual(before.agent);
    });
  });

  // London's clock goes back at 2026-10-25 01:00 UTC, so the UTC hour [00:00, 01:00) is not one
  // local hour (it starts at 01:00 BST and the next starts at 01:00 GMT): its counts must come
  // from the 15-minute rows. The simulated traffic is asleep then, so 1,000 sent are placed in
  // its 00:15 bucket (the trigger of 0016 adds them to that hour's hourly row too): a London
  // window must count them exactly once, on 25 October (00:15 UTC is 01:15 BST) — not 0, which
  // is what skipping the hours that are not whole gives, nor 2,000 (read from both tables).
  it('counts the hour of a clock change once, from the 15-minute rows', async () => {
    const window = { from: new Date('2026-10-23T23:00:00Z'), to: new Date('2026-10-26T00:00:00Z'), tz: 'Europe/London' };
    const sentOf = async (db: Kysely<Database>) => {
      const m = await messagesReport(db, { window, filters: {} });
      return { sent: m.sent, day: m.days.find((d) => d.date === '2026-10-25')?.sent ?? 0 };
    };
    await rolledBack(store.db, async (tx) => {
      const before = await sentOf(tx);
      await sql`INSERT INTO message_rollups (bucket, kind, n) VALUES ('2026-10-25T00:15:00Z', 'sent', 1000)`.execute(tx);
      expect(await sentOf(tx)).toEqual({ sent: before.sent + 1000, day: before.day + 1000 });
    });
  });
});

type Totals = Record<'received' | 'reactions' | 'sent' | 'delivered' | 'read' | 'failed' | 'cohortDelivered' | 'cohortRead' | 'cohortFailed' | 'inside', number>;

function pick(m: Awaited<ReturnType<typeof messagesReport>>): Totals {
  return {
    received: m.received, reactions: m.reactions, sent: m.sent, delivered: m.delivered, read: m.read, failed: m.failed,
    cohortDelivered: m.deliveryRate.numerator, cohortRead: m.readRate.numerator, cohortFailed: m.failureRate.numerator, inside: m.insideWindow,
  };
}

/** The pre-rollup messages totals, straight from message-facts.ts over the base rows. */
async function referenceTotals(db: Kysely<Database>, q: ReportQuery): Promise<Totals> {
  const w = q.window;
  const sent = sql`(${isOutbound} AND ${inWindow(countedAt, w)})`;
  const { rows } = await sql<Totals>`
    SELECT
      count(*) FILTER (WHERE ${isReceived} AND ${inWindow(countedAt, w)})::int AS received,
      count(*) FILTER (WHERE ${isReaction} AND ${inWindow(countedAt, w)})::int AS reactions,
      count(*) FILTER (WHERE ${sent})::int AS sent,
      count(*) FILTER (WHERE ${isOutbound} AND ${inWindow(deliveredTime, w)})::int AS delivered,
      count(*) FILTER (WHERE ${isOutbound} AND ${inWindow(readTime, w)})::int AS read,
      count(*) FILTER (WHERE ${isOutbound} AND ${isFailed} AND ${inWindow(sql`m.failed_at`, w)})::int AS failed,
      count(*) FILTER (WHERE ${sent} AND ${deliveredTime} IS NOT NULL)::int AS "cohortDelivered",
      count(*) FILTER (WHERE ${sent} AND ${readTime} IS NOT NULL)::int AS "cohortRead",
      count(*) FILTER (WHERE ${sent} AND ${isFailed})::int AS "cohortFailed",
      count(*) FILTER (WHERE ${sent} AND ${insideServiceWindow})::int AS inside
    FROM messages m
    WHERE ${and([...baseConditions(q.filters), outboundAttribution(q.filters), touchesWindow(w)])}`.execute(db);
  return rows[0]!;
}
