import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { applyStatuses, insertRawEvents, migrate, monthPartitions, monthStart, NO_CONTACTS } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';

/**
 * Migration 0007 on a database that already holds rows in the 0006 schema: every row must
 * survive with its id, in the partition of its month, and idempotency must carry over (an old
 * body redelivered is still a duplicate; an old status is still the one kept).
 */
const sha = (bytes: number[]) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');
const [h1, h2, h3] = [sha([1]), sha([2]), sha([3])];

const rawBody = (n: string, receivedAt: string) => ({
  source: 'whatsapp' as const, receivedAt: new Date(receivedAt), body: Buffer.from(`{"n":"${n}"}`), signatureOk: true, outcome: 'processed' as const, problems: [],
});

describe.each(testDatabases)('migration 0007 over existing rows on $name', (database) => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('keeps every row, puts each in its month, and keeps idempotency', async () => {
    // the schema as the last release before 0007 left it
    const store = await database.openBefore('0007');
    cleanup.push(() => store.drop());
    const db = store.db;

    // The 0006 schema, written to directly (today's code speaks 0007): three bodies (Sep 15
    // and Oct 31 23:00 2020, and one 2019 body whose month becomes a partition too), two
    // statuses of W1 (sent Sep 15, delivered Oct 2) and their message.
    await sql`INSERT INTO raw_events (source, received_at, body, body_sha256, signature_ok, outcome)
      VALUES ('whatsapp', '2020-09-15T00:00:00Z', '\\x01', ${h1}, true, 'processed'),
             ('whatsapp', '2020-10-31T23:00:00Z', '\\x02', ${h2}, true, 'processed'),
             ('inbox',    '2019-03-03T00:00:00Z', '\\x03', ${h3}, null, 'rejected')`.execute(db);
    await sql`INSERT INTO message_statuses (wamid, status, ts, raw_event_id)
      VALUES ('W1', 'sent', '2020-09-15T00:00:00Z', 1), ('W1', 'delivered', '2020-10-02T00:00:00Z', 2)`.execute(db);
    await sql`INSERT INTO messages (wamid, direction, origin, sent_at, delivered_at, first_status_at)
      VALUES ('W1', 'outbound', 'live', '2020-09-15T00:00:00Z', '2020-10-02T00:00:00Z', '2020-09-15T00:00:00Z')`.execute(db);

    // 0007 first, then every later migration over the same rows
    expect((await migrate(store)).applied[0]).toBe('0007_partitions.sql');

    const raw = await sql<{ id: number; part: string; body_sha256: string }>`
      SELECT id, tableoid::regclass::text AS part, body_sha256 FROM raw_events ORDER BY id`.execute(db);
    expect(raw.rows).toEqual([
      { id: 1, part: 'raw_events_y2020m09', body_sha256: h1 },
      { id: 2, part: 'raw_events_y2020m10', body_sha256: h2 },
      { id: 3, part: 'raw_events_y2019m03', body_sha256: h3 },
    ]);
    const keys = await db.selectFrom('raw_event_keys').select(['source', 'body_sha256', 'raw_event_id']).orderBy('raw_event_id').execute();
    expect(keys).toEqual([
      { source: 'whatsapp', body_sha256: h1, raw_event_id: 1 },
      { source: 'whatsapp', body_sha256: h2, raw_event_id: 2 },
      { source: 'inbox', body_sha256: h3, raw_event_id: 3 },
    ]);
    const statuses = await sql<{ status: string; part: string }>`
      SELECT status, tableoid::regclass::text AS part FROM message_statuses ORDER BY ts`.execute(db);
    expect(statuses.rows).toEqual([
      { status: 'sent', part: 'message_statuses_y2020m09' },
      { status: 'delivered', part: 'message_statuses_y2020m10' },
    ]);

    // Months ahead: this month and the next two exist for both tables (the migration ran now).
    const now = new Date();
    const ahead = [0, 1, 2].map((k) => monthStart(now, k).toISOString());
    for (const table of ['raw_events', 'message_statuses'] as const) {
      const froms = (await monthPartitions(db, table)).map((p) => p.from.toISOString());
      expect(froms).toEqual(expect.arrayContaining(ahead));
    }

    // The sequence carries on past the old ids; an old body redelivered is still a duplicate.
    const [next, dup] = await insertRawEvents(db, [rawBody('new', now.toISOString()), { ...rawBody('x', now.toISOString()), body: Buffer.from([1]) }]);
    expect(next).toBe(4);
    expect(dup).toBeNull();
    // A second delivered for W1 (another time, this month) leaves the old row the one kept.
    await applyStatuses(db, [{
      wamid: 'W1', status: 'delivered', ts: now, phoneNumberId: null, contact: null, recipientId: null, recipientUserId: null, error: null,
      pricing: null, conversationId: null, conversationOrigin: null, bizOpaqueCallbackData: null, agentId: null, rawEventId: 4,
    }], NO_CONTACTS);
    const w1 = await db.selectFrom('message_statuses').select(['status', 'raw_event_id']).orderBy('status').execute();
    expect(w1).toEqual([{ status: 'delivered', raw_event_id: 2 }, { status: 'sent', raw_event_id: 1 }]);
  }, 120_000); // opens its database in the test: an embedded one is initdb and six migrations first
});
