import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { maintainPartitionsJob } from '../../../src/jobs/maintain-partitions.js';
import { createLogger } from '../../../src/log.js';
import { applyStatuses, createMonthsAhead, insertRawEvents, monthPartitions, NO_CONTACTS, type StatusInput } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { inParallel, secondStore } from '../concurrency/pool.js';

const silent = createLogger('silent');

const body = (n: string, receivedAt: string) => ({
  source: 'inbox' as const,
  receivedAt: new Date(receivedAt),
  body: Buffer.from(`{"events":[],"n":"${n}"}`),
  signatureOk: true,
  outcome: 'processed' as const,
  problems: [],
});

const status = (wamid: string, s: string, ts: string, rawEventId = 1): StatusInput => ({
  wamid, status: s, ts: new Date(ts), phoneNumberId: 'PN1', contact: null, recipientId: null, recipientUserId: null,
  error: null, pricing: null, conversationId: null, conversationOrigin: null, bizOpaqueCallbackData: null, agentId: null, rawEventId,
});

/** Which partition holds each row, by table name: where the router put it. */
async function partitionOf(db: import('kysely').Kysely<import('../../../src/store/index.js').Database>, table: 'raw_events' | 'message_statuses') {
  const r = await sql<{ part: string }>`SELECT tableoid::regclass::text AS part FROM ${sql.table(table)} ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.part);
}

describe.each(testDatabases)('monthly partitions on $name', (database) => {
  const ctx = useFreshStore(database);

  it('creates this month and the next two, across a year end, once', async () => {
    // now = 2030-11-15: months Nov 2030, Dec 2030 and Jan 2031 (the year rolls over), for both tables.
    const now = new Date('2030-11-15T10:00:00Z');
    expect(await maintainPartitionsJob(ctx.store, now, silent)).toEqual([
      'raw_events_y2030m11', 'raw_events_y2030m12', 'raw_events_y2031m01',
      'message_statuses_y2030m11', 'message_statuses_y2030m12', 'message_statuses_y2031m01',
    ]);
    // A second run finds them all.
    expect(await maintainPartitionsJob(ctx.store, now, silent)).toEqual([]);
    const months = (await monthPartitions(ctx.store.db, 'raw_events')).filter((p) => p.from.getUTCFullYear() >= 2030);
    expect(months.map((p) => [p.name, p.from.toISOString(), p.to.toISOString()])).toEqual([
      ['raw_events_y2030m11', '2030-11-01T00:00:00.000Z', '2030-12-01T00:00:00.000Z'],
      ['raw_events_y2030m12', '2030-12-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z'],
      ['raw_events_y2031m01', '2031-01-01T00:00:00.000Z', '2031-02-01T00:00:00.000Z'],
    ]);
  });

  it('routes rows by UTC month, and moves rows of a new month out of DEFAULT', async () => {
    // In a session on Dubai time (UTC+4), so month bounds that followed the session's zone
    // would show: 2030-03-31T23:30Z is still March in UTC (April 1 in Dubai); 2030-04-01T00:00Z
    // is April, which has no partition yet → DEFAULT. Creating April then moves it there.
    await ctx.store.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL TIME ZONE 'Asia/Dubai'`.execute(tx);
      await createMonthsAhead(tx, 'raw_events', new Date('2030-03-01T00:00:00Z'), 0);
      await insertRawEvents(tx, [body('a', '2030-03-31T23:30:00Z'), body('b', '2030-04-01T00:00:00Z')]);
      expect(await partitionOf(tx, 'raw_events')).toEqual(['raw_events_default', 'raw_events_y2030m03']);
      expect(await createMonthsAhead(tx, 'raw_events', new Date('2030-04-10T00:00:00Z'), 0)).toEqual(['raw_events_y2030m04']);
    });
    expect(await partitionOf(ctx.store.db, 'raw_events')).toEqual(['raw_events_y2030m03', 'raw_events_y2030m04']);
    const april = (await monthPartitions(ctx.store.db, 'raw_events')).find((p) => p.name === 'raw_events_y2030m04');
    const bound = await sql<{ b: string }>`SELECT pg_get_expr(c.relpartbound, c.oid) AS b FROM pg_class c WHERE c.relname = ${april!.name}`.execute(ctx.store.db);
    // the bound as Postgres stores it, read back in UTC
    expect(bound.rows[0]!.b).toMatch(/^FOR VALUES FROM \('2030-04-01 0[04]:00:00\+0[04]'\) TO \('2030-05-01 0[04]:00:00\+0[04]'\)$/);
  });

  it('keeps a body redelivered across a month end a duplicate', async () => {
    await createMonthsAhead(ctx.store.db, 'raw_events', new Date('2030-06-01T00:00:00Z'), 1);
    const [first] = await insertRawEvents(ctx.store.db, [body('same', '2030-06-30T23:59:59Z')]);
    expect(first).toEqual(expect.any(Number));
    // Meta sends the same bytes again two seconds later, in July: another partition, same key.
    expect(await insertRawEvents(ctx.store.db, [body('same', '2030-07-01T00:00:01Z')])).toEqual([null]);
    // …and a third time, together with a new body, in one call.
    const again = await insertRawEvents(ctx.store.db, [body('same', '2030-07-02T00:00:00Z'), body('new', '2030-07-02T00:00:00Z')]);
    expect(again[0]).toBeNull();
    expect(again[1]).toEqual(expect.any(Number));
    expect(await partitionOf(ctx.store.db, 'raw_events')).toEqual(['raw_events_y2030m06', 'raw_events_y2030m07']);
    const keys = await ctx.store.db.selectFrom('raw_event_keys').select('raw_event_id').orderBy('raw_event_id').execute();
    expect(keys.map((k) => k.raw_event_id)).toEqual([first, again[1]]);
  });

  it('stores a status once per (wamid, status) whichever month its times fall in; the rollup takes the earliest', async () => {
    await createMonthsAhead(ctx.store.db, 'message_statuses', new Date('2030-06-01T00:00:00Z'), 1);
    // delivered arrives first with a July time, then again with a June time (another event
    // for the same pair). As before partitioning: the first stored row stays, the rollup takes
    // the earliest time (June 30 23:59).
    await applyStatuses(ctx.store.db, [status('W1', 'delivered', '2030-07-01T00:01:00Z')], NO_CONTACTS);
    await applyStatuses(ctx.store.db, [status('W1', 'delivered', '2030-06-30T23:59:00Z', 2)], NO_CONTACTS);
    // an exact redelivery of the first, and a sent in June with it
    await applyStatuses(ctx.store.db, [status('W1', 'delivered', '2030-07-01T00:01:00Z', 3), status('W1', 'sent', '2030-06-30T23:58:00Z', 3)], NO_CONTACTS);
    const rows = await ctx.store.db.selectFrom('message_statuses').select(['status', 'ts', 'raw_event_id']).orderBy('status').execute();
    expect(rows.map((r) => [r.status, r.ts.toISOString(), r.raw_event_id])).toEqual([
      ['delivered', '2030-07-01T00:01:00.000Z', 1],
      ['sent', '2030-06-30T23:58:00.000Z', 3],
    ]);
    const m = await ctx.store.db.selectFrom('messages').select(['delivered_at', 'sent_at']).where('wamid', '=', 'W1').executeTakeFirstOrThrow();
    expect([m.delivered_at?.toISOString(), m.sent_at?.toISOString()]).toEqual(['2030-06-30T23:59:00.000Z', '2030-06-30T23:58:00.000Z']);
  });

  it.runIf(database.name === 'postgres')('keeps once per (wamid, status) under 40 simultaneous writers with different times', async () => {
    await createMonthsAhead(ctx.store.db, 'message_statuses', new Date('2030-05-01T00:00:00Z'), 2);
    // 40 bodies, each with read and delivered for W2…W5; body i's times are May 1 + i days,
    // so they spread over May and June (i ≥ 31 is June). One row per pair must survive
    // (8 rows), whichever body got there first; the rollup's read_at and delivered_at are the
    // earliest, day 0: 2030-05-01T00:00.
    const replica = secondStore(ctx.store);
    try {
      const wamids = ['W2', 'W3', 'W4', 'W5'];
      await inParallel(Array.from({ length: 40 }, (_, i) => i), 10, (i) => {
        const at = new Date(Date.UTC(2030, 4, 1 + i)).toISOString();
        const db = i % 2 ? replica.db : ctx.store.db;
        return db.transaction().execute((tx) =>
          applyStatuses(tx, wamids.flatMap((w) => [status(w, 'read', at, i), status(w, 'delivered', at, i)]), NO_CONTACTS));
      });
      const pairs = await sql<{ n: number; rows: number }>`SELECT count(DISTINCT (wamid, status))::int AS n, count(*)::int AS rows FROM message_statuses`.execute(ctx.store.db);
      expect(pairs.rows[0]).toEqual({ n: 8, rows: 8 });
      const m = await ctx.store.db.selectFrom('messages').select(['wamid', 'read_at', 'delivered_at']).orderBy('wamid').execute();
      expect(m.map((r) => [r.wamid, r.read_at?.toISOString(), r.delivered_at?.toISOString()])).toEqual(
        wamids.map((w) => [w, '2030-05-01T00:00:00.000Z', '2030-05-01T00:00:00.000Z']));
    } finally {
      await replica.close();
    }
  });

  it.runIf(database.name === 'postgres')('two replicas creating the same months at once both succeed', async () => {
    const replica = secondStore(ctx.store);
    try {
      const now = new Date('2031-02-10T00:00:00Z');
      // Both replicas at once, through the store function (which throws, where the job would only log).
      const both = (db: typeof ctx.store.db) => Promise.all([createMonthsAhead(db, 'raw_events', now), createMonthsAhead(db, 'message_statuses', now)]);
      const [a, b] = await Promise.all([both(ctx.store.db), both(replica.db)]);
      // Feb, Mar, Apr 2031 for two tables: six partitions, each created by exactly one of them.
      expect([...a.flat(), ...b.flat()].sort()).toEqual([
        'message_statuses_y2031m02', 'message_statuses_y2031m03', 'message_statuses_y2031m04',
        'raw_events_y2031m02', 'raw_events_y2031m03', 'raw_events_y2031m04',
      ]);
    } finally {
      await replica.close();
    }
  });
});
