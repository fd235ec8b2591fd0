import { describe, expect, it } from 'vitest';
import { insertRawEvents, pruneRawEvents } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';

/**
 * Seven bodies received on days 1 … 7 of November; pruning before Nov 6 00:00 in batches of 2
 * deletes days 1–5 (batches of 2, 2, 1: the short batch ends the loop) and keeps days 6 and 7.
 */
describe.each(testDatabases)('pruning raw bodies in batches on $name', (database) => {
  const ctx = useFreshStore(database);

  it('deletes exactly the bodies before the cutoff', async () => {
    await insertRawEvents(ctx.store.db, Array.from({ length: 7 }, (_, i) => ({
      source: 'inbox' as const,
      receivedAt: new Date(Date.UTC(2026, 10, i + 1, 12)),
      body: Buffer.from(`{"events":[],"n":${i}}`),
      signatureOk: true,
      outcome: 'processed' as const,
      problems: [],
    })));
    expect(await pruneRawEvents(ctx.store.db, new Date('2026-11-06T00:00:00Z'), 2)).toBe(5);
    const left = await ctx.store.db.selectFrom('raw_events').select('received_at').orderBy('received_at').execute();
    expect(left.map((r) => r.received_at.toISOString())).toEqual(['2026-11-06T12:00:00.000Z', '2026-11-07T12:00:00.000Z']);
    expect(await pruneRawEvents(ctx.store.db, new Date('2026-11-06T00:00:00Z'), 2)).toBe(0);
  });
});
