import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { newVsReturning } from '../../../src/metrics/contacts/new-returning.js';
import { replyRates } from '../../../src/metrics/contacts/reply-rate.js';
import type { ReportQuery } from '../../../src/metrics/window.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { migrate, rebuildContactDays, settleContactDays, type Database } from '../../../src/store/index.js';
import { newVsReturningReference, replyRatesReference } from '../../helpers/contacts-reference.js';
import { testDatabases } from '../../helpers/databases.js';

/**
 * Migration 0022 on a database whose contact days were stored under 0021 (the first simulated
 * day), with the other days' keys still marked: the links it backfills from the stored days
 * (and the counts of firsts 0024 backfills from those), read with the marked contacts
 * recomputed, must give the direct derivation's figures at once, and after the settle step the
 * links, firsts and both counts must equal a from-scratch rebuild.
 */
const traffic = generateTraffic({ seed: 22, start: new Date('2026-11-02T00:00:00Z'), days: 3, scale: 0.1, tz: 'Asia/Dubai' });
// Dubai local 3–4 Nov: whole UTC day 3 Nov (the links), both edges mid UTC day, and contacts
// who wrote on 2 Nov before it (returning)
const QUERY: ReportQuery = { window: { from: new Date('2026-11-02T20:00:00Z'), to: new Date('2026-11-04T20:00:00Z'), tz: 'Asia/Dubai' }, filters: {} };

describe.each(testDatabases)('contact links backfilled by 0022 on $name', (database) => {
  it('fills links from the stored contact days, exact with marks left, and equal to a rebuild once settled', async () => {
    const store = await database.openBefore('0022');
    try {
      const firstDay = traffic.filter((t) => t.at < new Date('2026-11-03T00:00:00Z'));
      await deliverToStore(store.db, firstDay, /agent=([^;]+)/);
      await storeMarkedDaysAsBefore(store.db);
      await deliverToStore(store.db, traffic.slice(firstDay.length), /agent=([^;]+)/);
      await migrate(store);

      const links = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contact_links`.execute(store.db);
      expect(links.rows[0]!.n).toBeGreaterThan(20);
      const marked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contact_day_dirty`.execute(store.db);
      expect(marked.rows[0]!.n).toBeGreaterThan(20);
      const fast = async () => ({ nvr: await newVsReturning(store.db, QUERY), rr: await replyRates(store.db, QUERY) });
      const reference = { nvr: await newVsReturningReference(store.db, QUERY), rr: await replyRatesReference(store.db, QUERY) };
      expect(reference.nvr.returning).toBeGreaterThan(0);
      expect(await fast()).toEqual(reference);

      await settleContactDays(store.db);
      expect(await fast()).toEqual(reference);
      const settled = await linkSnapshot(store.db);
      await rebuildContactDays(store.db);
      expect(settled).toEqual(await linkSnapshot(store.db));
    } finally {
      await store.drop();
    }
  }, 300_000);
});

/** What the settle step did under 0021: store every marked key's rows, clear the marks. */
async function storeMarkedDaysAsBefore(db: Kysely<Database>): Promise<void> {
  await sql`
    WITH taken AS (DELETE FROM contact_day_dirty RETURNING contact_id, day),
      keys AS (SELECT array_agg(contact_id) AS c, array_agg(day) AS d FROM (SELECT DISTINCT contact_id, day FROM taken) k)
    INSERT INTO contact_days SELECT r.* FROM keys CROSS JOIN LATERAL contact_day_rows(keys.c, keys.d) r`.execute(db);
}

async function linkSnapshot(db: Kysely<Database>): Promise<unknown[]> {
  const { rows } = await sql<{ r: unknown }>`
    SELECT to_jsonb(x) AS r FROM (
      SELECT 'links' AS t, to_jsonb(l) AS row FROM contact_links l
      UNION ALL SELECT 'firsts', to_jsonb(f) FROM contact_firsts f
      UNION ALL SELECT 'counts', to_jsonb(c) FROM contact_link_counts c WHERE c.n <> 0 OR c.replied <> 0
      UNION ALL SELECT 'first counts', to_jsonb(k) FROM contact_first_counts k WHERE k.n <> 0
    ) x ORDER BY to_jsonb(x)::text`.execute(db);
  return rows.map((x) => x.r);
}
