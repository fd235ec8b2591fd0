import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postInbox } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { inParallel } from './pool.js';

/**
 * Two inboxes (or an import and a later manual edit) each announce one contact with
 * contact.created: 'import' at 09:00, 'manual' at 11:00. The contact came to be at 09:00 by
 * import, so worked by hand every contact ends with source 'import', source_at 09:00 and
 * created_at 09:00 — whether 'import' is stored first, last, or in the same instant.
 * 10 contacts per order × 3 orders = 30 contacts.
 */
const EARLY = { at: '2026-11-02T09:00:00Z', source: 'import' };
const LATE = { at: '2026-11-02T11:00:00Z', source: 'manual' };
const ORDERS = ['early first', 'late first', 'both at once'] as const;
const PER = 10;

const cases = ORDERS.flatMap((order, o) =>
  Array.from({ length: PER }, (_, i) => ({ order, waId: `9715533${String(o * PER + i).padStart(4, '0')}` })),
);
const created = (waId: string, e: { at: string; source: string }) => ({
  id: `src-${waId}-${e.source}`,
  type: 'contact.created',
  at: e.at,
  contact: { wa_id: waId },
  source: e.source,
});

describe.each(testDatabases)('contact source from two contact.created events on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await database.open();
    server = await startTestServer(store);
    const statuses = await inParallel(cases, 8, async ({ order, waId }) => {
      const post = (e: typeof EARLY) => postInbox(server.url, [created(waId, e)]).then((r) => r.status);
      if (order === 'both at once') return Promise.all([post(EARLY), post(LATE)]);
      const [first, second] = order === 'early first' ? [EARLY, LATE] : [LATE, EARLY];
      return [await post(first), await post(second)];
    });
    expect(statuses.flat().filter((s) => s !== 200)).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it.each(ORDERS)('keeps the earliest statement when delivered %s', async (order) => {
    const waIds = cases.filter((c) => c.order === order).map((c) => c.waId);
    const rows = await store.db.selectFrom('contacts').select(['source', 'source_at', 'created_at']).where('wa_id', 'in', waIds).execute();
    expect(rows).toHaveLength(PER);
    const expected = { source: 'import', source_at: new Date(EARLY.at), created_at: new Date(EARLY.at) };
    expect(rows.filter((r) => JSON.stringify(r) !== JSON.stringify(expected))).toEqual([]);
  });
});
