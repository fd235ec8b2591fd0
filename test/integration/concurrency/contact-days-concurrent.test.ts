import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVsReturning } from '../../../src/metrics/contacts/new-returning.js';
import { replyRates } from '../../../src/metrics/contacts/reply-rate.js';
import type { ReportQuery } from '../../../src/metrics/window.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { rebuildContactDays, settleContactDaysOnce, type Store } from '../../../src/store/index.js';
import { newVsReturningReference, replyRatesReference } from '../../helpers/contacts-reference.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { HAS_POSTGRES, deliverTwiceShuffled, drainTogether, rowsLeft, secondStore } from './pool.js';

/**
 * Two simulated days (seed 5, scale 0.1), every body twice, shuffled (seed 17): replies often
 * arrive before the message they answer, and inbound and outbound of one contact land in
 * different transactions at once, on two app instances at 16 requests in flight each — while
 * both replicas settle contact days in small batches the whole time. Reports must equal the
 * direct derivation while marks are left, and once both replicas drained them, the stored rows
 * (contact days, and the links, firsts and counts of both made from them) must equal a
 * from-scratch rebuild: no recompute read a snapshot that missed a marked message, and no
 * older recompute overwrote a newer one.
 */
const traffic = generateTraffic({ seed: 5, start: new Date('2026-11-02T00:00:00Z'), days: 2, scale: 0.1, tz: 'Asia/Dubai' });
// Dubai (UTC+4) local day 3 Nov: both edges mid UTC day, no whole UTC day (read from contact
// days); and local 2–4 Nov, whose whole UTC days 2 and 3 Nov are read from the contact links
const QUERIES: ReportQuery[] = [
  { window: { from: new Date('2026-11-02T20:00:00Z'), to: new Date('2026-11-03T20:00:00Z'), tz: 'Asia/Dubai' }, filters: {} },
  { window: { from: new Date('2026-11-01T20:00:00Z'), to: new Date('2026-11-04T20:00:00Z'), tz: 'Asia/Dubai' }, filters: {} },
];

describe.skipIf(!HAS_POSTGRES)('contact days under concurrent ingest and two settling replicas, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  let second: Store;
  let servers: TestServer[] = [];
  let statuses: Record<string, number> = {};
  const reports: { fast: unknown; reference: unknown }[] = [];
  let marksLeft = -1;
  let settled: unknown[] = [];
  let rebuilt: unknown[] = [];

  beforeAll(async () => {
    store = await postgres.open();
    second = secondStore(store);
    servers = await Promise.all([startTestServer(store), startTestServer(second)]);
    let delivering = true;
    const settleLoop = async (s: Store) => {
      while (delivering) {
        await settleContactDaysOnce(s.db, 25);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const loops = [settleLoop(store), settleLoop(second)];
    statuses = await deliverTwiceShuffled(servers.map((s) => s.url), traffic, 17);
    delivering = false;
    await Promise.all(loops);
    const compare = async () => {
      for (const q of QUERIES) {
        reports.push({
          fast: { nvr: await newVsReturning(store.db, q), rr: await replyRates(store.db, q) },
          reference: { nvr: await newVsReturningReference(store.db, q), rr: await replyRatesReference(store.db, q) },
        });
      }
    };
    await compare(); // some keys still marked
    await drainTogether([store, second], (db) => settleContactDaysOnce(db, 30));
    marksLeft = await rowsLeft(store.db, 'contact_day_dirty');
    await compare(); // all stored
    settled = await snapshot(store);
    await rebuildContactDays(store.db);
    rebuilt = await snapshot(store);
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    await second?.close();
    await store?.drop();
  });

  it('answered every request 200', () => expect(statuses).toEqual({ 200: traffic.length * 2 }));
  it('reports equal the direct derivation, marked and settled', () => {
    expect(reports).toHaveLength(4);
    for (const r of reports) expect(r.fast).toEqual(r.reference);
  });
  it('had contacts to classify', () => {
    for (const r of reports) expect((r.reference as { nvr: { active: number } }).nvr.active).toBeGreaterThan(10);
  });
  it('left no mark behind', () => expect(marksLeft).toBe(0));
  it('holds substantial rows', () => expect(rebuilt.length).toBeGreaterThan(50));
  it('stored rows equal a from-scratch rebuild', () => expect(settled).toEqual(rebuilt));
});

/**
 * Contact days, links, firsts, and the counts of links and of firsts (zero counts left by the
 * settle step aside).
 */
async function snapshot(store: Store): Promise<unknown[]> {
  const { rows } = await sql<{ r: unknown }>`
    SELECT to_jsonb(x) AS r FROM (
      SELECT 'days' AS t, to_jsonb(d) AS row FROM contact_days d
      UNION ALL SELECT 'links', to_jsonb(l) FROM contact_links l
      UNION ALL SELECT 'firsts', to_jsonb(f) FROM contact_firsts f
      UNION ALL SELECT 'counts', to_jsonb(c) FROM contact_link_counts c WHERE c.n <> 0 OR c.replied <> 0
      UNION ALL SELECT 'first counts', to_jsonb(k) FROM contact_first_counts k WHERE k.n <> 0
    ) x ORDER BY to_jsonb(x)::text`.execute(store.db);
  return rows.map((x) => x.r);
}
