import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cycleCounts, type CountRow } from '../../../src/metrics/conversations/cycle-counts.js';
import { rolledCycleCounts } from '../../../src/metrics/conversations/rolled-counts.js';
import { conversationsReport } from '../../../src/metrics/conversations.js';
import { durationCtes } from '../../../src/metrics/response-times.js';
import { compactCycleCountRollups, rebuildCycleCountRollups, type Database } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';
import { useSimulatedDays } from '../../helpers/simulated-day.js';

/**
 * The conversation count rollups (migrations/0018, metrics/conversations/rolled-counts.ts)
 * against the pass over the window's cycles they replace (cycleCounts): the same rows, in the
 * same order, for every window, before and after compaction and after a rebuild.
 */

const at = (iso: string) => new Date(iso);
const slow = (db: Kysely<Database>, w: { from: Date; to: Date }) => cycleCounts(db, durationCtes({ window: { ...w, tz: 'UTC' } }), { ...w, tz: 'UTC' });
const fast = (db: Kysely<Database>, w: { from: Date; to: Date }) => rolledCycleCounts(db, w);

describe.each(testDatabases)('conversation count rollups equal the pass over the cycles on simulated traffic, on $name', (database) => {
  // three simulated days in Asia/Dubai (seed 5), settled a day later: inbox cycles opened by
  // contacts and agents, closed by agents and automation under several categories, some never
  // answered, derived cycles auto-closed
  const sim = useSimulatedDays(database, { seed: 5, settleAt: at('2026-11-06T00:00:00Z') });

  // whole UTC days; Dubai days (partial UTC days at both edges); odd edges; inside one UTC day
  // (all edge); ending mid-traffic (cycles still open at `to`); one second; past all data
  const windows = [
    { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-05T00:00:00Z') },
    { from: at('2026-11-01T20:00:00Z'), to: at('2026-11-04T20:00:00Z') },
    { from: at('2026-11-02T07:13:00Z'), to: at('2026-11-04T15:47:30Z') },
    { from: at('2026-11-03T09:00:00Z'), to: at('2026-11-03T11:00:00Z') },
    { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-03T14:30:00Z') },
    { from: at('2026-11-03T03:00:00Z'), to: at('2026-11-03T03:00:01Z') },
    // most of one UTC day: read as that day's rollups minus its first and last hour
    { from: at('2026-11-03T01:00:00Z'), to: at('2026-11-03T23:00:00Z') },
    { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-08T00:00:00Z') },
  ];

  it('holds varied data to compare (guards against comparing two empty results)', async () => {
    const all = await slow(sim.store.db, windows[0]!);
    const keys = (kind: CountRow['kind']) => all.filter((r) => r.kind === kind && r.n > 0).map((r) => r.key);
    expect(keys('opened').length).toBeGreaterThanOrEqual(2);
    expect(keys('closed_by').length).toBeGreaterThanOrEqual(2);
    expect(keys('category').length).toBeGreaterThanOrEqual(3);
    expect(all.find((r) => r.kind === 'closed_without_response')!.n).toBeGreaterThan(0);
    expect((await slow(sim.store.db, windows[4]!)).find((r) => r.kind === 'unresolved')!.n).toBeGreaterThan(0);
  });

  for (const stage of ['uncompacted deltas', 'compacted', 'rebuilt'] as const) {
    it(`matches on every window with ${stage}`, async () => {
      if (stage === 'compacted') await compactCycleCountRollups(sim.store.db);
      if (stage === 'rebuilt') await rebuildCycleCountRollups(sim.store.db);
      for (const w of windows) expect(await fast(sim.store.db, w), w.from.toISOString()).toEqual(await slow(sim.store.db, w));
    });
  }

  it('follows closes, recategorisations, withdrawn answers and deletions through the triggers', async () => {
    // every third closed cycle gets another category, every fifth open-at-14:30 one closes, a
    // few cycles go: each statement appends deltas, and the figures still match
    await sql`UPDATE conversations SET category = 'moved' WHERE closed_at IS NOT NULL AND id % 3 = 0`.execute(sim.store.db);
    await sql`UPDATE conversations SET closed_at = opened_at + interval '5 minutes', closed_by = 'agent'
      WHERE opened_at < ${windows[4]!.to} AND (closed_at IS NULL OR closed_at >= ${windows[4]!.to}) AND id % 5 = 0`.execute(sim.store.db);
    await sql`UPDATE conversations SET first_agent_reply_at = NULL WHERE id % 7 = 0`.execute(sim.store.db);
    await sql`DELETE FROM conversations WHERE id % 11 = 0`.execute(sim.store.db);
    // cycle_durations follow first_agent_reply_at in the store; here the first-response values
    // of the cycles just made unanswered go the same way, so both paths see the same cycles
    await sql`DELETE FROM cycle_durations WHERE metric = 'first_response' AND cycle_id % 7 = 0`.execute(sim.store.db);
    for (const w of windows) expect(await fast(sim.store.db, w), w.from.toISOString()).toEqual(await slow(sim.store.db, w));
    await compactCycleCountRollups(sim.store.db);
    for (const w of windows) expect(await fast(sim.store.db, w), w.from.toISOString()).toEqual(await slow(sim.store.db, w));
  });

  it('gives the conversations report the same counts, unfiltered through the rollups and filtered by channel', async () => {
    const w = { ...windows[1]!, tz: 'Asia/Dubai' };
    const report = await conversationsReport(sim.store.db, { window: w, filters: {} });
    const counts = await slow(sim.store.db, w);
    const sum = (kind: CountRow['kind']) => counts.filter((r) => r.kind === kind).reduce((s, r) => s + r.n, 0);
    expect(report.opened.total).toBe(sum('opened'));
    expect(report.closed.total).toBe(sum('closed_by'));
    expect(report.unresolved).toBe(sum('unresolved'));
    expect(report.closedWithoutResponse).toBe(sum('closed_without_response'));
  });
});

describe.each(testDatabases)('conversation count rollups on hand-placed cycles, on $name', (database) => {
  const channel = '106540352242922';
  const ctx = useFreshStore(database, [channel]);

  it('counts each fact at its own instant, and unresolved as opens minus ends before `to`', async () => {
    const db = ctx.store.db;
    const contact = await seedContact(db, { waId: '971500000001', createdAt: '2026-01-01T00:00:00Z' });
    const cycle = (openedAt: string, more: Partial<Parameters<typeof seedConversation>[1]> = {}) =>
      seedConversation(db, { contactId: contact, channel, openedAt, ...more });
    // A: contact, 1 Nov 23:00 → closed by an agent 2 Nov 01:00 as "billing", ana answers at 23:30
    await cycle('2026-11-01T23:00:00Z', { closedAt: '2026-11-02T01:00:00Z', closedBy: 'agent', category: 'billing' });
    await seedMessage(db, { wamid: 'a-in', direction: 'inbound', contactId: contact, channel, ts: '2026-11-01T23:00:00Z' });
    await seedMessage(db, { wamid: 'a-ana', direction: 'outbound', contactId: contact, channel, sentAt: '2026-11-01T23:30:00Z', senderType: 'agent', agentId: 'ana' });
    // B: contact, 2 Nov 10:00 → auto-closed 3 Nov 10:00, never answered, no category
    await cycle('2026-11-02T10:00:00Z', { closedAt: '2026-11-03T10:00:00Z', closedBy: 'auto_close' });
    // C: agent-opened 2 Nov 12:00, still open
    await cycle('2026-11-02T12:00:00Z', { openedBy: 'agent' });
    // D: contact, 3 Nov 08:00, closed by automation the same minute it opened, category ''
    await cycle('2026-11-03T08:00:00Z', { closedAt: '2026-11-03T08:00:00Z', closedBy: 'automation', category: '' });

    // Window [2 Nov 00:30, 3 Nov 09:00): a partial day at each end, no whole day between.
    // opened in it: B, C (contact 1, agent 1); A opened before it, D at 08:00 inside → contact 2.
    // closed in it: A (01:00, agent, billing), D (08:00, automation, uncategorised); B closes at 10:00, after.
    // closed without a response: D (contact-opened, closed in window, no reply); A was answered.
    // unresolved at 3 Nov 09:00: B (closes later) and C (open) → 2.
    const w1 = { from: at('2026-11-02T00:30:00Z'), to: at('2026-11-03T09:00:00Z') };
    expect(await fast(db, w1)).toEqual([
      { kind: 'category', key: 'billing', n: 1 },
      { kind: 'category', key: 'uncategorised', n: 1 },
      { kind: 'closed_by', key: 'agent', n: 1 },
      { kind: 'closed_by', key: 'automation', n: 1 },
      { kind: 'closed_without_response', key: null, n: 1 },
      { kind: 'opened', key: 'contact', n: 2 },
      { kind: 'opened', key: 'agent', n: 1 },
      { kind: 'unresolved', key: null, n: 2 },
    ]);
    expect(await fast(db, w1)).toEqual(await slow(db, w1));

    // Window [1 Nov, 4 Nov): three whole UTC days, read from the rollups alone.
    // opened: A, B, D contact (3), C agent (1); closed: A agent/billing, B auto_close/uncategorised,
    // D automation/uncategorised; without a response: B and D; unresolved at 4 Nov: C only.
    const w2 = { from: at('2026-11-01T00:00:00Z'), to: at('2026-11-04T00:00:00Z') };
    expect(await fast(db, w2)).toEqual([
      { kind: 'category', key: 'uncategorised', n: 2 },
      { kind: 'category', key: 'billing', n: 1 },
      { kind: 'closed_by', key: 'agent', n: 1 },
      { kind: 'closed_by', key: 'auto_close', n: 1 },
      { kind: 'closed_by', key: 'automation', n: 1 },
      { kind: 'closed_without_response', key: null, n: 2 },
      { kind: 'opened', key: 'contact', n: 3 },
      { kind: 'opened', key: 'agent', n: 1 },
      { kind: 'unresolved', key: null, n: 1 },
    ]);
    expect(await fast(db, w2)).toEqual(await slow(db, w2));

    // C closes on 5 Nov: unresolved at 4 Nov is still 1 (it closed after), and 0 at 6 Nov
    await sql`UPDATE conversations SET closed_at = ${at('2026-11-05T12:00:00Z')}, closed_by = 'agent' WHERE opened_by = 'agent'`.execute(db);
    expect((await fast(db, w2)).find((r) => r.kind === 'unresolved')!.n).toBe(1);
    const w3 = { from: at('2026-11-05T00:00:00Z'), to: at('2026-11-06T00:00:00Z') };
    expect((await fast(db, w3)).find((r) => r.kind === 'unresolved')!.n).toBe(0);
    expect(await fast(db, w3)).toEqual(await slow(db, w3));
  });
});
