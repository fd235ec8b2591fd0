import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { contactsReport } from '../../../src/metrics/contacts.js';
import { contactsBySource, rolledContactCounts } from '../../../src/metrics/contacts/counts.js';
import { Rng } from '../../../src/simulate/prng.js';
import { compactContactCountRollups, rebuildContactCountRollups, type Database } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedContact } from '../../helpers/seed.js';

/**
 * New and deleted contacts by source from the contact count rollups (migrations/0023,
 * metrics/contacts/counts.ts) against a count worked out here from the contact rows themselves
 * (the source label as METRICS defines it, in TypeScript): the same figures for every window —
 * whole UTC days, partial days read as added edges or as a day minus its rest, no whole day —
 * with uncompacted deltas, compacted, rebuilt, and after the writes the triggers must follow.
 */

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-01T00:00:00Z');

// whole UTC days; Kolkata local days (edges at 18:30: the first edge, 5.5 hours, is added; the
// last, 18.5 hours, is read as its day minus the 5.5 hours after it); short edges both sides;
// inside one UTC day (added); most of one day (the day minus its first and last hour); across
// one midnight (two added edges, no whole day); all history; past all data
const WINDOWS = [
  { from: at('2026-11-03T00:00:00Z'), to: at('2026-11-10T00:00:00Z') },
  { from: at('2026-11-02T18:30:00Z'), to: at('2026-11-09T18:30:00Z') },
  { from: at('2026-11-02T21:13:00Z'), to: at('2026-11-08T02:47:30Z') },
  { from: at('2026-11-05T09:00:00Z'), to: at('2026-11-05T11:00:00Z') },
  { from: at('2026-11-06T01:00:00Z'), to: at('2026-11-06T23:00:00Z') },
  { from: at('2026-11-04T20:00:00Z'), to: at('2026-11-05T07:00:00Z') },
  { from: at('2026-10-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') },
  { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-08T00:00:00Z') },
];
const EVENTS = ['created', 'deleted'] as const;
type Counts = { source: string; n: number }[];

/** METRICS' source label: the inbox's source, else incoming_message if first seen inbound, else unknown. */
const label = (source: string | null, via: string) => source ?? (via === 'inbound' ? 'incoming_message' : 'unknown');

/** The expected counts, from the contact rows (not through any SQL the product defines). */
async function expected(db: Kysely<Database>, w: { from: Date; to: Date }, event: (typeof EVENTS)[number]): Promise<Counts> {
  const rows = await db.selectFrom('contacts').select(['source', 'first_seen_via', 'created_at', 'deleted_at']).execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const t = event === 'created' ? r.created_at : r.deleted_at;
    if (t === null || t < w.from || t >= w.to) continue;
    const key = label(r.source, r.first_seen_via);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return sorted([...counts].map(([source, n]) => ({ source, n })));
}
const sorted = (rows: Counts) => [...rows].map((r) => ({ source: r.source, n: Number(r.n) })).sort((a, b) => a.source.localeCompare(b.source));

async function expectAllMatch(db: Kysely<Database>): Promise<void> {
  for (const w of WINDOWS) {
    for (const event of EVENTS) {
      expect(sorted(await rolledContactCounts(db, w, event)), `${event} ${w.from.toISOString()}`).toEqual(await expected(db, w, event));
    }
  }
}

describe.each(testDatabases)('contact count rollups equal a count over the contacts, on $name', (database) => {
  const ctx = useFreshStore(database);

  /** 300 contacts created over 14 days from 1 Nov, every source and first sighting, a fifth deleted later. */
  async function seedVaried(): Promise<void> {
    // seeded, so a failure reproduces
    const rnd = new Rng(23);
    const sources = ['manual', 'import', 'api', 'incoming_message', null, null];
    const vias = ['inbound', 'outbound', 'inbox'] as const;
    for (let c = 0; c < 300; c++) {
      const created = BASE + rnd.int(0, 14 * 24 - 1) * HOUR + rnd.int(0, HOUR - 1);
      await seedContact(ctx.store.db, {
        waId: `c${c}`, createdAt: new Date(created).toISOString(), source: rnd.pick(sources), via: rnd.pick(vias),
        ...(rnd.chance(0.2) ? { deletedAt: new Date(created + rnd.int(0, 5 * 24 * HOUR - 1)).toISOString() } : {}),
      });
    }
  }

  it('holds varied data to compare (guards against comparing two empty results)', async () => {
    await seedVaried();
    const all = await expected(ctx.store.db, WINDOWS[6]!, 'created');
    expect(all.map((r) => r.source)).toEqual(['api', 'import', 'incoming_message', 'manual', 'unknown']);
    expect((await expected(ctx.store.db, WINDOWS[6]!, 'deleted')).reduce((s, r) => s + r.n, 0)).toBeGreaterThan(30);
    // every window but the one past all data has contacts created in it
    for (const w of WINDOWS.slice(0, 7)) expect((await expected(ctx.store.db, w, 'created')).length, w.from.toISOString()).toBeGreaterThan(0);
  });

  it('matches on every window with uncompacted deltas, compacted, and rebuilt', async () => {
    await seedVaried();
    await expectAllMatch(ctx.store.db);
    expect(await compactContactCountRollups(ctx.store.db)).toBeGreaterThan(0);
    await expectAllMatch(ctx.store.db);
    await rebuildContactCountRollups(ctx.store.db);
    await expectAllMatch(ctx.store.db);
  });

  it('follows source label changes, earlier sightings, deletions and removed rows through the triggers', async () => {
    await seedVaried();
    await compactContactCountRollups(ctx.store.db);
    const db = ctx.store.db;
    // an inbox names the source of every fifth contact; every seventh was first seen earlier,
    // inbound (moves its day, and its label where it had no source); every eleventh is deleted
    // now, every thirteenth undeleted; a few rows go; a profile name change counts nothing
    await sql`UPDATE contacts SET source = 'import' WHERE id % 5 = 0`.execute(db);
    await sql`UPDATE contacts SET created_at = created_at - interval '30 hours', first_seen_via = 'inbound' WHERE id % 7 = 0`.execute(db);
    await sql`UPDATE contacts SET deleted_at = created_at + interval '2 days' WHERE id % 11 = 0`.execute(db);
    await sql`UPDATE contacts SET deleted_at = NULL WHERE id % 13 = 0`.execute(db);
    await sql`DELETE FROM contacts WHERE id % 17 = 0`.execute(db);
    const before = await db.selectFrom('contact_count_rollup_deltas').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await sql`UPDATE contacts SET profile_name = 'renamed'`.execute(db);
    const after = await db.selectFrom('contact_count_rollup_deltas').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await expectAllMatch(db);
    await compactContactCountRollups(db);
    await expectAllMatch(db);
  });
});

describe.each(testDatabases)('contact count rollups on hand-placed contacts, on $name', (database) => {
  const ctx = useFreshStore(database, ['pn1']);

  it('counts each contact at its own instant under its current label, in the report too', async () => {
    const db = ctx.store.db;
    // A: manual, 2 Nov 23:30; B: no source, first seen inbound, 3 Nov 10:00 (incoming_message);
    // C: no source, first seen outbound, 3 Nov 22:00 (unknown), deleted 4 Nov 01:00;
    // D: api, 5 Nov 12:00, deleted 5 Nov 13:00
    await seedContact(db, { waId: 'a', createdAt: '2026-11-02T23:30:00Z', source: 'manual' });
    const b = await seedContact(db, { waId: 'b', createdAt: '2026-11-03T10:00:00Z', via: 'inbound' });
    await seedContact(db, { waId: 'c', createdAt: '2026-11-03T22:00:00Z', via: 'outbound', deletedAt: '2026-11-04T01:00:00Z' });
    await seedContact(db, { waId: 'd', createdAt: '2026-11-05T12:00:00Z', source: 'api', deletedAt: '2026-11-05T13:00:00Z' });

    // [2 Nov 23:00, 4 Nov 00:00): an added edge (23:00–24:00 of 2 Nov, holding A) and 3 Nov whole
    // (B, C) → manual 1, incoming_message 1, unknown 1; deleted: none (C goes on 4 Nov)
    const w1 = { from: at('2026-11-02T23:00:00Z'), to: at('2026-11-04T00:00:00Z') };
    expect(sorted(await rolledContactCounts(db, w1, 'created'))).toEqual([
      { source: 'incoming_message', n: 1 }, { source: 'manual', n: 1 }, { source: 'unknown', n: 1 },
    ]);
    expect(await rolledContactCounts(db, w1, 'deleted')).toEqual([]);
    // [3 Nov 12:00, 5 Nov 12:30): 3 Nov read as the day minus its first 12 hours (drops B), 4 Nov
    // whole (nothing created), 5 Nov's first half hour added (D at 12:00) → unknown 1, api 1;
    // deleted: C (4 Nov 01:00, unknown); D's 13:00 is after the window
    const w2 = { from: at('2026-11-03T12:00:00Z'), to: at('2026-11-05T12:30:00Z') };
    expect(sorted(await rolledContactCounts(db, w2, 'created'))).toEqual([{ source: 'api', n: 1 }, { source: 'unknown', n: 1 }]);
    expect(sorted(await rolledContactCounts(db, w2, 'deleted'))).toEqual([{ source: 'unknown', n: 1 }]);

    // the inbox later says B came from an import: B moves from incoming_message to import
    await sql`UPDATE contacts SET source = 'import' WHERE id = ${b}`.execute(db);
    expect(sorted(await rolledContactCounts(db, w1, 'created'))).toEqual([
      { source: 'import', n: 1 }, { source: 'manual', n: 1 }, { source: 'unknown', n: 1 },
    ]);

    // the report, unfiltered (rollups) and on a channel (contacts' first message: none has one)
    const q = { window: { ...w1, tz: 'UTC' }, filters: {} };
    expect((await contactsBySource(db, q, 'created_at')).total).toBe(3);
    expect((await contactsBySource(db, { ...q, filters: { channel: 'pn1' } }, 'created_at')).total).toBe(0);
    const report = await contactsReport(db, q);
    expect(report.new.total).toBe(3);
    expect(report.new.bySource).toMatchObject({ import: 1, manual: 1, unknown: 1, incoming_message: 0, api: 0 });
  });
});
