import { describe, expect, it } from 'vitest';
import { createMonthsAhead, insertRawEvents, pruneRawEvents, type Database } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { secondStore } from '../concurrency/pool.js';
import type { Kysely } from 'kysely';

const body = (n: string, receivedAt: Date) => ({
  source: 'inbox' as const,
  receivedAt,
  body: Buffer.from(`{"events":[],"n":"${n}"}`),
  signatureOk: true,
  outcome: 'processed' as const,
  problems: [],
});

const receivedTimes = async (db: Kysely<Database>) =>
  (await db.selectFrom('raw_events').select('received_at').orderBy('received_at').execute()).map((r) => r.received_at.toISOString());

describe.each(testDatabases)('pruning raw bodies on $name', (database) => {
  const ctx = useFreshStore(database);

  /**
   * Seven bodies received on days 1 … 7 of November 2020, a month with no partition of its own
   * (they sit in DEFAULT); pruning before Nov 6 00:00 in batches of 2 deletes days 1–5 (batches
   * of 2, 2, 1: the short batch ends the loop) and keeps days 6 and 7.
   */
  it('deletes exactly the bodies before the cutoff, in batches', async () => {
    await insertRawEvents(ctx.store.db, Array.from({ length: 7 }, (_, i) => body(`d${i}`, new Date(Date.UTC(2020, 10, i + 1, 12)))));
    expect(await pruneRawEvents(ctx.store.db, new Date('2020-11-06T00:00:00Z'), 2)).toEqual({ partitions: [], rows: 5 });
    expect(await receivedTimes(ctx.store.db)).toEqual(['2020-11-06T12:00:00.000Z', '2020-11-07T12:00:00.000Z']);
    expect(await pruneRawEvents(ctx.store.db, new Date('2020-11-06T00:00:00Z'), 2)).toEqual({ partitions: [], rows: 0 });
  });

  /**
   * Months Sep – Dec 2020 exist. Bodies: 2019-05-01 (no month: DEFAULT), Sep 15, Oct 31 23:00,
   * Nov 10, Nov 20, Dec 5. RAW_RETENTION_DAYS 30 on Dec 15 00:00 → cutoff Dec 15 − 30 d =
   * Nov 15 00:00. Sep (ends Oct 1) and Oct (ends Nov 1) end before it: dropped whole, with
   * their 2 bodies. Nov ends Dec 1, after it: kept, its Nov 10 body deleted by the batch, as is
   * the 2019 one in DEFAULT (2 rows). Left: Nov 20, Dec 5, and their 2 keys. The Sep body,
   * redelivered after pruning, is stored again (its key went with it).
   */
  it('drops the months wholly before the cutoff and deletes the rest of the older rows', async () => {
    await createMonthsAhead(ctx.store.db, 'raw_events', new Date('2020-09-01T00:00:00Z'), 3);
    const times = ['2019-05-01T00:00:00Z', '2020-09-15T00:00:00Z', '2020-10-31T23:00:00Z', '2020-11-10T00:00:00Z', '2020-11-20T00:00:00Z', '2020-12-05T00:00:00Z'];
    await insertRawEvents(ctx.store.db, times.map((t) => body(t, new Date(t))));
    const cutoff = new Date(new Date('2020-12-15T00:00:00Z').getTime() - 30 * 86_400_000);
    expect(cutoff.toISOString()).toBe('2020-11-15T00:00:00.000Z');
    expect(await pruneRawEvents(ctx.store.db, cutoff)).toEqual({ partitions: ['raw_events_y2020m09', 'raw_events_y2020m10'], rows: 2 });
    expect(await receivedTimes(ctx.store.db)).toEqual(['2020-11-20T00:00:00.000Z', '2020-12-05T00:00:00.000Z']);
    expect(await ctx.store.db.selectFrom('raw_event_keys').select('received_at').orderBy('received_at').execute())
      .toEqual([{ received_at: new Date('2020-11-20T00:00:00Z') }, { received_at: new Date('2020-12-05T00:00:00Z') }]);
    const [again] = await insertRawEvents(ctx.store.db, [body(times[1]!, new Date('2020-12-16T00:00:00Z'))]);
    expect(again).toEqual(expect.any(Number));
  });

  it.runIf(database.name === 'postgres')('two replicas pruning at once both succeed and split the work', async () => {
    // Months Sep – Nov 2020; 30 bodies on each of Sep 10, Oct 10 and Nov 10. Cutoff Nov 15:
    // Sep and Oct are dropped (each by one replica or the other), the 30 Nov bodies deleted in
    // batches of 7 by both (SKIP LOCKED): 30 rows and 2 months between them, nothing left.
    await createMonthsAhead(ctx.store.db, 'raw_events', new Date('2020-09-01T00:00:00Z'), 2);
    await insertRawEvents(ctx.store.db, ['09', '10', '11'].flatMap((m) =>
      Array.from({ length: 30 }, (_, i) => body(`${m}-${i}`, new Date(`2020-${m}-10T00:00:00Z`)))));
    const replica = secondStore(ctx.store);
    try {
      const cutoff = new Date('2020-11-15T00:00:00Z');
      const [a, b] = await Promise.all([pruneRawEvents(ctx.store.db, cutoff, 7), pruneRawEvents(replica.db, cutoff, 7)]);
      expect(a.rows + b.rows).toBe(30);
      expect([...a.partitions, ...b.partitions].sort()).toEqual(['raw_events_y2020m09', 'raw_events_y2020m10']);
      expect(await receivedTimes(ctx.store.db)).toEqual([]);
      expect(await ctx.store.db.selectFrom('raw_event_keys').select('source').execute()).toEqual([]);
    } finally {
      await replica.close();
    }
  });
});
