import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestStore } from '../../helpers/databases.js';

/**
 * The 24 h-window lookup as migration 0015 writes it: the same answers as 0009's (the window is
 * (c − 24 h, c] on the same contact and channel, from live non-system inbound rows), and a plan
 * that does not depend on statistics — on a never-analysed database (PGlite always is) it used to
 * walk messages_counted, every message of the day, once per outbound row written.
 */
describe.each(testDatabases)('inside-window lookup (0015) on $name', (database) => {
  let store: TestStore;
  let contact = 0;
  let other = 0;
  const at = (contactId: number | null, phone: string | null, iso: string | null) =>
    sql<{ v: boolean }>`SELECT message_inside_window_at(${contactId}::bigint, ${phone}::text, ${iso}::timestamptz) AS v`
      .execute(store.db).then((r) => r.rows[0]!.v);

  beforeAll(async () => {
    store = await database.open();
    const c = await sql<{ id: string }>`INSERT INTO contacts (wa_id, first_seen_via, created_at) VALUES ('971500000101', 'inbound', now()), ('971500000102', 'inbound', now()) RETURNING id`.execute(store.db);
    [contact, other] = c.rows.map((r) => Number(r.id)) as [number, number];
    // The contact wrote on channel P1 at 10:00 on 1 June; a `system` row at 20:00 and a history
    // row at 21:00 on 2 June, which never open the window.
    await sql`INSERT INTO messages (wamid, direction, origin, type, phone_number_id, contact_id, ts) VALUES
      ('in.1', 'inbound', 'live', 'text', 'P1', ${contact}, '2026-06-01T10:00:00Z'),
      ('in.sys', 'inbound', 'live', 'system', 'P1', ${contact}, '2026-06-02T20:00:00Z'),
      ('in.hist', 'inbound', 'history', 'text', 'P1', ${contact}, '2026-06-02T21:00:00Z')`.execute(store.db);
  });
  afterAll(() => store.drop());

  it('is true in (inbound, inbound + 24 h] on the same contact and channel, false elsewhere', async () => {
    // at the inbound itself: inside (the bound at c is inclusive)
    expect(await at(contact, 'P1', '2026-06-01T10:00:00Z')).toBe(true);
    // 23:59:59 later: inside; exactly 24 h later: outside (c − 24 h is excluded)
    expect(await at(contact, 'P1', '2026-06-02T09:59:59Z')).toBe(true);
    expect(await at(contact, 'P1', '2026-06-02T10:00:00Z')).toBe(false);
    // a second before it: nothing yet
    expect(await at(contact, 'P1', '2026-06-01T09:59:59Z')).toBe(false);
    // another channel, another contact
    expect(await at(contact, 'P2', '2026-06-01T12:00:00Z')).toBe(false);
    expect(await at(other, 'P1', '2026-06-01T12:00:00Z')).toBe(false);
    // only the system and history rows are within 24 h of 3 June 08:00: neither counts
    expect(await at(contact, 'P1', '2026-06-03T08:00:00Z')).toBe(false);
  });

  it('is false for a null contact, channel or time (no inbound can match them)', async () => {
    expect(await at(null, 'P1', '2026-06-01T12:00:00Z')).toBe(false);
    expect(await at(contact, null, '2026-06-01T12:00:00Z')).toBe(false);
    expect(await at(contact, 'P1', null)).toBe(false);
  });

  it('sets inside_window on written rows without reading messages_counted', async () => {
    // 2,000 outbound rows in one statement, all counted at the same instant (a campaign): each
    // row's BEFORE trigger looks its window up. Through messages_counted every lookup would read
    // the rows of that day; through messages_contact_channel it reads only the contact's own.
    // Row i goes to `contact` when i is even (inside: 1 June 12:00 is 2 h after its inbound) and
    // to `other` when odd (outside: that contact never wrote): 1,000 of each.
    const reads = () => store.db.connection().execute(async (conn) => {
      await sql`SELECT pg_stat_force_next_flush()`.execute(conn);
      await sql`SELECT 1`.execute(conn);
      return Number((await sql<{ n: string }>`SELECT coalesce(sum(idx_tup_read), 0) AS n FROM pg_stat_user_indexes WHERE indexrelname = 'messages_counted'`.execute(conn)).rows[0]!.n);
    });
    const before = await reads();
    await store.db.connection().execute(async (conn) => {
      await sql`INSERT INTO messages (wamid, direction, origin, phone_number_id, contact_id, sent_at)
        SELECT 'out.' || i, 'outbound', 'live', 'P1', CASE WHEN i % 2 = 0 THEN ${contact}::bigint ELSE ${other}::bigint END, '2026-06-01T12:00:00Z'
        FROM generate_series(0, 1999) AS i`.execute(conn);
      await sql`SELECT pg_stat_force_next_flush()`.execute(conn);
    });
    expect(await reads()).toBe(before);
    const r = await sql<{ inside: number; outside: number }>`
      SELECT count(*) FILTER (WHERE inside_window)::int AS inside, count(*) FILTER (WHERE NOT inside_window)::int AS outside
      FROM messages WHERE wamid LIKE 'out.%'`.execute(store.db);
    expect(r.rows[0]).toEqual({ inside: 1000, outside: 1000 });
  });
});
