import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newVsReturning } from '../../../src/metrics/contacts/new-returning.js';
import { replyRates } from '../../../src/metrics/contacts/reply-rate.js';
import type { ReportFilters, ReportQuery } from '../../../src/metrics/window.js';
import { rebuildContactDays, settleContactDays, settleContactDaysOnce } from '../../../src/store/index.js';
import { newVsReturningReference, replyRatesReference } from '../../helpers/contacts-reference.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedContact, seedMessage, type SeedMessage } from '../../helpers/seed.js';

/**
 * The contacts report's new-vs-returning and reply-rate read the contact links (migration 0022,
 * built from contact_days, 0013) for whole UTC days and messages at the window's edges (and
 * contact_days for windows with no whole day); they must equal the direct derivation from
 * messages (test/helpers/contacts-reference.ts) for any window and channel — with every key
 * still marked (read through contact_day_rows), partly and wholly settled, after source label
 * changes, and after a rebuild.
 */

// Deterministic pseudo-random numbers (mulberry32), so a failure reproduces.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const BASE = Date.parse('2026-10-27T00:00:00Z');

// Windows: UTC-aligned week; São Paulo (UTC−3) and Kolkata (UTC+5:30) local days, so the edges
// fall mid UTC day; a window inside one UTC day; one across a single UTC midnight (no whole day);
// one starting exactly on a seeded message time (the edge is inclusive at from, exclusive at to).
const WINDOWS: { name: string; from: string; to: string; tz: string }[] = [
  { name: 'UTC week', from: '2026-11-02T00:00:00Z', to: '2026-11-09T00:00:00Z', tz: 'UTC' },
  { name: 'São Paulo week', from: '2026-11-02T03:00:00Z', to: '2026-11-09T03:00:00Z', tz: 'America/Sao_Paulo' },
  { name: 'Kolkata 3 days', from: '2026-11-03T18:30:00Z', to: '2026-11-06T18:30:00Z', tz: 'Asia/Kolkata' },
  { name: 'inside one day', from: '2026-11-04T05:00:00Z', to: '2026-11-04T20:00:00Z', tz: 'UTC' },
  { name: 'across one midnight', from: '2026-11-04T20:00:00Z', to: '2026-11-05T07:00:00Z', tz: 'UTC' },
  { name: 'from on a message', from: '2026-11-03T10:00:00Z', to: '2026-11-07T10:00:00Z', tz: 'UTC' },
  { name: 'all history', from: '2026-10-20T00:00:00Z', to: '2026-11-20T00:00:00Z', tz: 'UTC' },
];
const FILTERS: ReportFilters[] = [{}, { channel: 'pn1' }, { channel: 'pn2' }];

describe.each(testDatabases)('contacts fast path equals the direct derivation on $name', (database) => {
  const ctx = useFreshStore(database, ['pn1', 'pn2']);
  let n = 0;
  const msg = (contactId: number, direction: 'inbound' | 'outbound', channel: string, at: string, more: Partial<SeedMessage> = {}) =>
    seedMessage(ctx.store.db, { wamid: `w${String(++n).padStart(4, '0')}`, direction, contactId, channel, ...(direction === 'inbound' ? { ts: at } : { sentAt: at }), ...more });

  /** Random traffic over 16 days for 40 contacts, plus the cases the edges and rules hinge on. */
  async function seedVaried(): Promise<number[]> {
    const rnd = random(42);
    const sources = ['manual', 'import', 'api', null];
    const ids: number[] = [];
    for (let c = 0; c < 40; c++) ids.push(await seedContact(ctx.store.db, { waId: `c${c}`, createdAt: '2026-10-01T00:00:00Z', source: sources[c % 4]!, via: c % 2 ? 'inbound' : 'outbound' }));
    for (let i = 0; i < 220; i++) {
      const contact = ids[Math.floor(rnd() * ids.length)]!;
      const at = iso(BASE + Math.floor(rnd() * 16 * 24 * 4) * 15 * 60_000); // quarter hours: ties happen
      const channel = rnd() < 0.6 ? 'pn1' : 'pn2';
      const r = rnd();
      if (r < 0.35) await msg(contact, 'inbound', channel, at);
      else if (r < 0.42) await msg(contact, 'inbound', channel, at, { type: 'reaction' });
      else if (r < 0.45) await msg(contact, 'inbound', channel, at, { type: 'system' });
      else if (r < 0.5) await msg(contact, 'inbound', channel, at, { origin: 'history' });
      else if (r < 0.53) await msg(contact, 'outbound', channel, at, { origin: 'history', sentAt: undefined, ts: at });
      else await msg(contact, 'outbound', channel, at);
    }
    const [a, b, c] = ids as [number, number, number];
    // a: outbound at from of 'from on a message', reply exactly +24 h (counts), on the same channel
    await msg(a, 'outbound', 'pn1', '2026-11-03T10:00:00Z');
    await msg(a, 'inbound', 'pn1', '2026-11-04T10:00:00Z');
    // b: reply 1 s after +24 h (does not count); and one on the other channel (does not count)
    await msg(b, 'outbound', 'pn2', '2026-11-05T23:30:00Z');
    await msg(b, 'inbound', 'pn2', '2026-11-06T23:30:01Z');
    await msg(b, 'inbound', 'pn1', '2026-11-06T00:00:00Z');
    // c: two first outbound messages at the same instant on both channels: the lower wamid (pn2) wins
    await msg(c, 'outbound', 'pn2', '2026-11-06T12:00:00Z', { wamid: 'a-first' });
    await msg(c, 'outbound', 'pn1', '2026-11-06T12:00:00Z', { wamid: 'z-second' });
    await msg(c, 'inbound', 'pn1', '2026-11-06T13:00:00Z');
    // edge contacts of the São Paulo week (start edge 2 Nov 03:00–24:00 UTC, end edge 9 Nov
    // 00:00–03:00), whose stored rows the late messages below make stale:
    // d: first sent at the start edge and sent again on a whole day (that first is replaced);
    // e: writes first at the end edge (new there)
    const d = await seedContact(ctx.store.db, { waId: 'edge-d', createdAt: '2026-10-01T00:00:00Z', source: 'manual', via: 'outbound' });
    const e = await seedContact(ctx.store.db, { waId: 'edge-e', createdAt: '2026-10-01T00:00:00Z', source: null, via: 'inbound' });
    await msg(d, 'outbound', 'pn1', '2026-11-02T10:00:00Z');
    await msg(d, 'outbound', 'pn2', '2026-11-05T10:00:00Z');
    await msg(d, 'inbound', 'pn2', '2026-11-05T11:00:00Z');
    await msg(e, 'inbound', 'pn1', '2026-11-09T01:00:00Z');
    return [...ids, d, e];
  }

  async function expectEqual(when: string): Promise<void> {
    for (const w of WINDOWS) {
      for (const filters of FILTERS) {
        const q: ReportQuery = { window: { from: new Date(w.from), to: new Date(w.to), tz: w.tz }, filters };
        const label = `${when} / ${w.name} / ${JSON.stringify(filters)}`;
        expect({ label, nvr: await newVsReturning(ctx.store.db, q) }).toEqual({ label, nvr: await newVsReturningReference(ctx.store.db, q) });
        expect({ label, rr: await replyRates(ctx.store.db, q) }).toEqual({ label, rr: await replyRatesReference(ctx.store.db, q) });
      }
    }
  }

  it('on varied data: unsettled, settled, rebuilt, and after late and moved messages', async () => {
    const ids = await seedVaried();
    // the data is not trivial: the week has new and returning contacts, answered and unanswered firsts
    const week: ReportQuery = { window: { from: new Date(WINDOWS[0]!.from), to: new Date(WINDOWS[0]!.to), tz: 'UTC' }, filters: {} };
    const ref = await newVsReturningReference(ctx.store.db, week);
    const rr = await replyRatesReference(ctx.store.db, week);
    expect(ref.new).toBeGreaterThan(0);
    expect(ref.returning).toBeGreaterThan(0);
    expect(rr.total.numerator).toBeGreaterThan(0);
    expect(rr.total.numerator).toBeLessThan(rr.total.denominator);

    await expectEqual('every key marked');
    expect(await settleContactDays(ctx.store.db)).toBeGreaterThan(0);
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM contact_day_dirty`.execute(ctx.store.db)).rows[0]!.n)).toBe(0);
    await expectEqual('settled');

    // arrival out of order: a reply to a settled day's first outbound arrives later, and an
    // outbound's earliest status arrives, moving its counted_at earlier into another day
    await msg(ids[3]!, 'inbound', 'pn1', '2026-11-05T01:00:00Z');
    await msg(ids[4]!, 'outbound', 'pn2', '2026-11-05T00:30:00Z', { sentAt: undefined, inboxSentAt: '2026-11-05T00:30:00Z' });
    await sql`UPDATE messages SET first_status_at = '2026-11-04T23:59:00Z' WHERE wamid = ${`w${String(n).padStart(4, '0')}`}`.execute(ctx.store.db);
    await sql`DELETE FROM messages WHERE wamid = 'w0005'`.execute(ctx.store.db);
    // the edge contacts d and e (seedVaried) are marked by later messages
    await msg(ids[40]!, 'inbound', 'pn1', '2026-11-07T12:00:00Z');
    await msg(ids[41]!, 'inbound', 'pn1', '2026-11-15T12:00:00Z');
    await expectEqual('late, moved and deleted messages marked');
    // a batch of 2 keys: a contact's links are redone from its stored days while others of its
    // keys are still marked
    expect(await settleContactDaysOnce(ctx.store.db, 2)).toBe(2);
    await expectEqual('late, moved and deleted messages partly settled');
    await settleContactDays(ctx.store.db);
    await expectEqual('late, moved and deleted messages settled');

    // source labels change after the contacts' rows were stored under the old ones, and reply
    // rates by source move with them. Contacts c3, c7, c11 have no inbox source and were first
    // seen inbound (incoming_message): c3 gets 'api', c7 and c11 turn out to have been seen
    // outbound first (unknown). c2 is renamed, which leaves its label ('api') alone.
    const before = await replyRatesReference(ctx.store.db, week);
    await sql`UPDATE contacts SET source = 'api' WHERE id = ${ids[3]!}`.execute(ctx.store.db);
    await sql`UPDATE contacts SET first_seen_via = 'outbound' WHERE id IN (${ids[7]!}, ${ids[11]!})`.execute(ctx.store.db);
    await sql`UPDATE contacts SET profile_name = 'renamed' WHERE id = ${ids[2]!}`.execute(ctx.store.db);
    expect((await replyRatesReference(ctx.store.db, week)).bySource).not.toEqual(before.bySource);
    // the label changes mark their contacts; the rename does not
    expect((await sql<{ id: string }>`SELECT DISTINCT contact_id::text AS id FROM contact_day_dirty`.execute(ctx.store.db)).rows.map((r) => Number(r.id)).sort((x, y) => x - y))
      .toEqual([ids[3]!, ids[7]!, ids[11]!].sort((x, y) => x - y));
    await expectEqual('source changed, marked');
    await settleContactDays(ctx.store.db);
    await expectEqual('source changed, settled');
    await rebuildContactDays(ctx.store.db);
    await expectEqual('rebuilt');
  }, 120_000);

  it('worked by hand: a reply at exactly +24 h counts, one second later does not; history counts as before', async () => {
    // Window: São Paulo (UTC−3) Tue 3 Nov 00:00 .. Thu 5 Nov 00:00 local = 03:00Z 3 Nov .. 03:00Z 5 Nov.
    const c = (w: string) => seedContact(ctx.store.db, { waId: w, createdAt: '2026-10-01T00:00:00Z', source: 'manual' });
    const [p, q, r, s] = [await c('p'), await c('q'), await c('r'), await c('s')];
    await msg(p, 'outbound', 'pn1', '2026-11-03T02:59:59Z'); // before from (01:00 edge of the UTC day): not p's first in window
    await msg(p, 'outbound', 'pn1', '2026-11-03T03:00:00Z'); // p's first in window (from is inclusive)
    await msg(p, 'inbound', 'pn1', '2026-11-04T03:00:00Z'); // exactly +24 h: answered; also p active, first inbound → new
    await msg(q, 'outbound', 'pn2', '2026-11-04T10:00:00Z'); // q's first
    await msg(q, 'inbound', 'pn2', '2026-11-05T10:00:01Z'); // +24 h 1 s: not answered (and after to: not active)
    await msg(r, 'inbound', 'pn1', '2026-10-20T09:00:00Z', { origin: 'history' }); // history before from
    await msg(r, 'inbound', 'pn1', '2026-11-05T02:59:59Z'); // in window (last second, in the edge): r returning
    await msg(s, 'inbound', 'pn1', '2026-11-03T02:00:00Z', { type: 'reaction' }); // only a reaction before from
    await msg(s, 'inbound', 'pn2', '2026-11-04T12:00:00Z'); // in window: s returning overall, new on pn2
    await msg(s, 'outbound', 'pn2', '2026-11-05T03:00:00Z'); // at `to`: not in window
    const window = { from: new Date('2026-11-03T03:00:00Z'), to: new Date('2026-11-05T03:00:00Z'), tz: 'America/Sao_Paulo' };
    for (const settled of [false, true]) {
      if (settled) await settleContactDays(ctx.store.db);
      // active: p (04 Nov 03:00Z), r (05 Nov 02:59:59Z), s (04 Nov 12:00Z) = 3; q's inbound is after `to`.
      // before from: r (history 20 Oct), s (reaction 3 Nov 02:00Z) → returning 2; p → new 1.
      expect(await newVsReturning(ctx.store.db, { window, filters: {} })).toEqual({ active: 3, new: 1, returning: 2 });
      // pn2 only: s is active on pn2 and its earlier reaction was on pn1 → new; p and r wrote on pn1 only.
      expect(await newVsReturning(ctx.store.db, { window, filters: { channel: 'pn2' } })).toEqual({ active: 1, new: 1, returning: 0 });
      // sent in window: p (03:00Z 3 Nov, answered at exactly +24 h) and q (answered 1 s too late) → 1 of 2, both manual.
      const rates = await replyRates(ctx.store.db, { window, filters: {} });
      expect(rates.total).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
      expect(rates.bySource.manual).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    }
  });

  it('the rebuild writes the rows in day order, the order every window reads them in', async () => {
    // Three contacts, each writing on three days, seeded contact by contact: the rows come out
    // of contact_day_rows grouped by contact (c0's three days, then c1's…); stored in that
    // order, one day's rows would sit on as many pages as the day has contacts.
    for (let c = 0; c < 3; c++) {
      const id = await seedContact(ctx.store.db, { waId: `d${c}`, createdAt: '2026-10-01T00:00:00Z', source: 'manual' });
      for (let d = 3; d >= 1; d--) await msg(id, 'inbound', 'pn1', `2026-11-0${d}T1${c}:00:00Z`);
    }
    await rebuildContactDays(ctx.store.db);
    const { rows } = await sql<{ day: Date }>`SELECT day FROM contact_days ORDER BY ctid`.execute(ctx.store.db);
    const days = rows.map((r) => new Date(r.day).toISOString().slice(0, 10));
    // 9 rows: 1 Nov × 3 contacts, then 2 Nov × 3, then 3 Nov × 3
    expect(days).toEqual([...Array(3).fill('2026-11-01'), ...Array(3).fill('2026-11-02'), ...Array(3).fill('2026-11-03')]);
  });
});
