import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cycleCounts } from '../../../src/metrics/conversations/cycle-counts.js';
import { rolledCycleCounts } from '../../../src/metrics/conversations/rolled-counts.js';
import { durationCtes, type CycleScope } from '../../../src/metrics/response-times.js';
import { referenceCycleCounts } from '../../helpers/conversation-counts-reference.js';
import { testDatabases } from '../../helpers/databases.js';
import { useSimulatedDays } from '../../helpers/simulated-day.js';

/**
 * The one-pass counts of the conversations report (metrics/conversations/cycle-counts.ts)
 * against the per-figure queries they replace (test/helpers/conversation-counts-reference.ts),
 * on simulated traffic: the same rows in the same order, for windows with local-zone edges, a
 * `to` in the past (cycles still open then, closed since), and each filter. Unfiltered, the
 * report reads the count rollups (metrics/conversations/rolled-counts.ts): held to the same
 * reference.
 */

const at = (iso: string) => new Date(iso);

describe.each(testDatabases)('conversation counts equal the per-figure derivation on simulated traffic, on $name', (database) => {
  // settled up to the middle of day 3, so cycles of the last day and a half are still open
  const sim = useSimulatedDays(database, { seed: 7, settleAt: at('2026-11-04T12:00:00Z') });

  const windows = [
    // whole UTC days; Dubai days (UTC+4); odd edges with a `to` in the past of later closes;
    // a short window; an empty one; one past all data
    { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-05T00:00:00Z'), tz: 'UTC' },
    { from: at('2026-11-01T20:00:00Z'), to: at('2026-11-04T20:00:00Z'), tz: 'Asia/Dubai' },
    { from: at('2026-11-02T07:13:00Z'), to: at('2026-11-03T15:47:30Z'), tz: 'Asia/Dubai' },
    { from: at('2026-11-03T09:00:00Z'), to: at('2026-11-03T11:00:00Z'), tz: 'Asia/Dubai' },
    { from: at('2026-11-03T03:00:00Z'), to: at('2026-11-03T03:00:01Z'), tz: 'UTC' },
    { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-08T00:00:00Z'), tz: 'UTC' },
  ];

  const both = async (scope: CycleScope) => ({
    fast: await cycleCounts(sim.store.db, durationCtes(scope), scope.window),
    reference: await referenceCycleCounts(sim.store.db, scope),
  });

  it('holds data that exercises every figure (guards against comparing two empty results)', async () => {
    const { reference } = await both({ window: windows[0]! });
    const n = (kind: string) => reference.filter((r) => r.kind === kind).reduce((s, r) => s + r.n, 0);
    expect(n('opened')).toBeGreaterThan(50);
    expect(n('closed_by')).toBeGreaterThan(20);
    expect(reference.filter((r) => r.kind === 'category').length).toBeGreaterThan(1);
    expect(reference.filter((r) => r.kind === 'opened').length).toBeGreaterThan(1);
    expect(reference.filter((r) => r.kind === 'closed_by').length).toBeGreaterThan(1);
    expect(n('closed_without_response')).toBeGreaterThan(0);
    // cycles open at the past `to` of windows[2], so unresolved is not trivially zero
    const past = await both({ window: windows[2]! });
    expect(past.reference.find((r) => r.kind === 'unresolved')!.n).toBeGreaterThan(0);
  });

  it('matches on every window, unscoped and under each filter', async () => {
    const { rows } = await sql<{ channel: string; agent: string; team: string | null }>`
      SELECT c.phone_number_id AS channel, c.assignee_id AS agent, a.team FROM conversations c JOIN agents a ON a.id = c.assignee_id
       GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 1`.execute(sim.store.db);
    const pick = rows[0]!;
    const scopes = [{}, { channel: pick.channel }, { assignee: pick.agent }, ...(pick.team === null ? [] : [{ assigneeTeam: pick.team }])];
    expect(scopes.length).toBe(4);
    for (const w of windows) {
      for (const s of scopes) {
        const { fast, reference } = await both({ window: w, ...s });
        expect(fast, `${w.from.toISOString()} ${JSON.stringify(s)}`).toEqual(reference);
      }
    }
  });

  it('matches through the count rollups on every window, unfiltered', async () => {
    for (const w of windows) {
      expect(await rolledCycleCounts(sim.store.db, w), w.from.toISOString()).toEqual(await referenceCycleCounts(sim.store.db, { window: w }));
    }
  });
});
