import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import {
  compactBusyHourRollupsOnce, compactContactCountRollupsOnce, compactCycleCountRollupsOnce, compactMessageRollupsOnce, rebuildBusyHourRollups,
  rebuildContactCountRollups, rebuildCycleCountRollups, rebuildMessageRollups, type Store,
} from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { HAS_POSTGRES, deliverTwiceShuffled, drainTogether, rowsLeft, secondStore } from './pool.js';

/**
 * A simulated day (seed 9, scale 0.15), every body twice, shuffled (seed 13), goes to two app
 * instances at 16 requests in flight each: many transactions insert and update messages and
 * conversations (inbox cycles opened, assigned, closed) at once, appending deltas to the
 * ingest-time rollups — the message counts (migrations/0009), the busy-hours counts (0014) and
 * the conversation counts (0018) — many for the same buckets (a campaign's statuses), while
 * inbound and outbound of one pair race; new contacts, their inbox sources and earlier
 * sightings append to the contact counts (0023). Then settle (derived cycles opened and
 * closed: more deltas), and both instances compact every rollup at once in small batches, so
 * their statements interleave. Each compacted rollup must equal a from-scratch rebuild from the stored
 * rows — every delta folded exactly once, and every inside_window flag repaired.
 */
const NOW = new Date('2026-11-04T00:00:00Z');
const traffic = generateTraffic({ seed: 9, start: new Date('2026-11-02T00:00:00Z'), days: 1, scale: 0.15, tz: 'Asia/Dubai' });

const ROLLUPS = {
  messages: {
    compactOnce: compactMessageRollupsOnce,
    rebuild: rebuildMessageRollups,
    deltas: 'message_rollup_deltas',
    columns: 'bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category, n::int AS n',
    table: 'message_rollups',
  },
  busyHours: {
    compactOnce: compactBusyHourRollupsOnce,
    rebuild: rebuildBusyHourRollups,
    deltas: 'busy_hour_rollup_deltas',
    columns: 'bucket, kind, phone_number_id, agent_id, n::int AS n',
    table: 'busy_hour_rollups',
  },
  cycleCounts: {
    compactOnce: compactCycleCountRollupsOnce,
    rebuild: rebuildCycleCountRollups,
    deltas: 'cycle_count_rollup_deltas',
    columns: 'day, event, opened_by, closed_by, category, unanswered, agent_id, n::int AS n',
    table: 'cycle_count_rollups',
  },
  contactCounts: {
    compactOnce: compactContactCountRollupsOnce,
    rebuild: rebuildContactCountRollups,
    deltas: 'contact_count_rollup_deltas',
    columns: 'event, day, source, n::int AS n',
    table: 'contact_count_rollups',
  },
} as const;
type Name = keyof typeof ROLLUPS;
/** Kept by a trigger on message_rollups (migrations/0016): the compactions' upserts write it too. */
const HOURLY = { table: 'message_rollups_hourly', columns: 'hour, kind, phone_number_id, error_code, error_title, pricing_category, n::int AS n' };
type Outcome = { deltasLeft: number; compacted: unknown[]; rebuilt: unknown[] };

describe.skipIf(!HAS_POSTGRES)('rollups under concurrent ingest and two compacting replicas, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  let second: Store;
  let servers: TestServer[] = [];
  let statuses: Record<string, number> = {};
  const outcome = {} as Record<Name, Outcome>;
  const hourly = { compacted: [] as unknown[], rebuilt: [] as unknown[] };

  beforeAll(async () => {
    store = await postgres.open();
    second = secondStore(store);
    servers = await Promise.all([startTestServer(store), startTestServer(second)]);
    statuses = await deliverTwiceShuffled(servers.map((s) => s.url), traffic, 13);
    await settleConversations(store.db, NOW, 24 * 3_600_000);
    await Promise.all(Object.values(ROLLUPS).map((r) => drainTogether([store, second], (db) => r.compactOnce(db, 40))));
    hourly.compacted = await snapshot(store, HOURLY.table, HOURLY.columns);
    for (const [name, r] of Object.entries(ROLLUPS) as [Name, (typeof ROLLUPS)[Name]][]) {
      const deltasLeft = await rowsLeft(store.db, r.deltas);
      const compacted = await snapshot(store, r.table, r.columns);
      await r.rebuild(store.db);
      outcome[name] = { deltasLeft, compacted, rebuilt: await snapshot(store, r.table, r.columns) };
    }
    hourly.rebuilt = await snapshot(store, HOURLY.table, HOURLY.columns);
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    await second?.close();
    await store?.drop();
  });

  it('answered every request 200', () => expect(statuses).toEqual({ 200: traffic.length * 2 }));
  it('left no delta behind', () => {
    expect(outcome.messages.deltasLeft).toBe(0);
    expect(outcome.busyHours.deltasLeft).toBe(0);
    expect(outcome.cycleCounts.deltasLeft).toBe(0);
    expect(outcome.contactCounts.deltasLeft).toBe(0);
  });
  it('holds substantial rollups, busy-hours of every kind', () => {
    expect(outcome.messages.rebuilt.length).toBeGreaterThan(200);
    expect(outcome.busyHours.rebuilt.length).toBeGreaterThan(100);
    const kinds = new Set(outcome.busyHours.rebuilt.map((r) => (r as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['agent_reply', 'closed', 'opened', 'opened_by_contact']);
    const events = new Set(outcome.cycleCounts.rebuilt.map((r) => (r as { event: string }).event));
    expect([...events].sort()).toEqual(['closed', 'ended', 'opened']);
    // contacts of more than one source label: inbox sources, and contacts with none
    expect(new Set(outcome.contactCounts.rebuilt.map((r) => (r as { source: string }).source)).size).toBeGreaterThan(1);
  });
  it('equals a from-scratch rebuild', () => {
    expect(outcome.messages.compacted).toEqual(outcome.messages.rebuilt);
    expect(outcome.busyHours.compacted).toEqual(outcome.busyHours.rebuilt);
    expect(outcome.cycleCounts.compacted).toEqual(outcome.cycleCounts.rebuilt);
    expect(outcome.contactCounts.compacted).toEqual(outcome.contactCounts.rebuilt);
  });
  it('keeps the hourly message rollups equal to a rebuild, the two replicas compacting at once', () => {
    expect(hourly.rebuilt.length).toBeGreaterThan(50);
    expect(hourly.compacted).toEqual(hourly.rebuilt);
  });
});

/** The rollup's rows with a count (a key whose facts all went away may stay at 0), in a stable order. */
async function snapshot(store: Store, table: string, columns: string): Promise<unknown[]> {
  const { rows } = await sql<{ r: unknown }>`
    SELECT to_jsonb(t) AS r FROM (SELECT ${sql.raw(columns)} FROM ${sql.table(table)} WHERE n <> 0) t
    ORDER BY to_jsonb(t)::text`.execute(store.db);
  return rows.map((x) => x.r);
}
