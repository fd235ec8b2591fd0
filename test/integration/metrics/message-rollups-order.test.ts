import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { messagesReport } from '../../../src/metrics/messages.js';
import { compactMessageRollups, rebuildMessageRollups, type Database } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedChannel, seedContact, seedMessage } from '../../helpers/seed.js';

/**
 * One outbound message whose statuses arrive out of order, each written as the collector does
 * (an UPDATE of the message row); the 15-minute buckets its facts sit in move with them.
 *
 *   1. sent 10:05                 → sent @10:00
 *   2. read 11:10 (before delivered arrives)
 *      delivery time = least(read) = 11:10 → delivered @11:00, read @11:00;
 *      the sent cohort gains sent_delivered and sent_read @10:00
 *   3. delivered 10:50            → delivered moves 11:00 → 10:45 (−1 @11:00, +1 @10:45); read stays
 *   4. failed 10:20, code 131026  → delivery beats a failure: nothing counted changes, no delta row
 *   5. a reply inbound 10:00 from the contact arrives last: the message (sent 10:05) was inside
 *      the 24 h window after all → sent_inside @10:00, and received @10:00
 *
 * So after compaction the rollups hold, per bucket (UTC, 2026-03-02):
 *   10:00 received 1, sent 1, sent_delivered 1, sent_read 1, sent_inside 1
 *   10:45 delivered 1
 *   11:00 read 1
 * and nothing else with a non-zero count.
 */
describe.each(testDatabases)('message rollups follow out-of-order statuses on $name', (database) => {
  const ctx = useFreshStore(database);

  it('moves each fact to the bucket of its final time, and writes no delta when nothing counted changed', async () => {
    const db = ctx.store.db;
    await seedChannel(db, 'P1');
    const c = await seedContact(db, { waId: '971500000001', createdAt: '2026-03-01T00:00:00Z' });
    await seedMessage(db, { wamid: 'w1', direction: 'outbound', contactId: c, channel: 'P1', sentAt: '2026-03-02T10:05:00Z' });
    const at = (iso: string) => new Date(iso);
    await db.updateTable('messages').set({ read_at: at('2026-03-02T11:10:00Z') }).where('wamid', '=', 'w1').execute();
    await db.updateTable('messages').set({ delivered_at: at('2026-03-02T10:50:00Z') }).where('wamid', '=', 'w1').execute();
    const before = await deltaCount(db);
    await db.updateTable('messages').set({ failed_at: at('2026-03-02T10:20:00Z'), error_code: 131026 }).where('wamid', '=', 'w1').execute();
    expect(await deltaCount(db)).toBe(before);
    await seedMessage(db, { wamid: 'in1', direction: 'inbound', contactId: c, channel: 'P1', ts: '2026-03-02T10:00:00Z' });

    await compactMessageRollups(db);
    const expected = [
      ['10:00', 'received'], ['10:00', 'sent'], ['10:00', 'sent_delivered'], ['10:00', 'sent_inside'], ['10:00', 'sent_read'],
      ['10:45', 'delivered'], ['11:00', 'read'],
    ].map(([hm, kind]) => ({ bucket: `2026-03-02T${hm}:00.000Z`, kind, n: 1 }));
    expect(await rollups(db)).toEqual(expected);
    expect(await deltaCount(db)).toBe(0);

    // A rebuild from the rows lands on the same counts.
    await rebuildMessageRollups(db);
    expect(await rollups(db)).toEqual(expected);

    // A window off the bucket bounds, [10:50, 11:05): read from base rows at both edges.
    // Only the delivery at 10:50 is inside; read 11:10, sent 10:05 and the inbound 10:00 are not.
    const r = await messagesReport(db, { window: { from: at('2026-03-02T10:50:00Z'), to: at('2026-03-02T11:05:00Z'), tz: 'Asia/Kolkata' }, filters: {} });
    expect([r.sent, r.delivered, r.read, r.received]).toEqual([0, 1, 0, 0]);
    // The day in Kolkata (+05:30) is [2026-03-01T18:30Z, 2026-03-02T18:30Z): all of it, inside window 1 of 1 sent.
    const day = await messagesReport(db, { window: { from: at('2026-03-01T18:30:00Z'), to: at('2026-03-02T18:30:00Z'), tz: 'Asia/Kolkata' }, filters: {} });
    expect([day.sent, day.delivered, day.read, day.received, day.insideWindow, day.outsideWindow]).toEqual([1, 1, 1, 1, 1, 0]);
    expect(day.days).toEqual([{ date: '2026-03-02', sent: 1, delivered: 1, read: 1, received: 1 }]);
  });
});

async function deltaCount(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM message_rollup_deltas`.execute(db);
  return Number(r.rows[0]!.n);
}

async function rollups(db: Kysely<Database>) {
  const r = await sql<{ bucket: Date; kind: string; n: number }>`
    SELECT bucket, kind, n::int AS n FROM message_rollups WHERE n <> 0 ORDER BY bucket, kind`.execute(db);
  return r.rows.map((x) => ({ bucket: new Date(x.bucket).toISOString(), kind: x.kind, n: Number(x.n) }));
}
