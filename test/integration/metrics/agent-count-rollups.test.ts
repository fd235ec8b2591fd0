import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { agentCounts, agentRowsSql, type CountSource } from '../../../src/metrics/agents/agent-rows.js';
import { durationCtes } from '../../../src/metrics/response-times.js';
import type { ReportFilters } from '../../../src/metrics/window.js';
import { compactBusyHourRollups, compactCycleCountRollups, rebuildBusyHourRollups, rebuildCycleCountRollups } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';
import { useSimulatedDays } from '../../helpers/simulated-day.js';

/**
 * The agents report's messages sent read from the busy-hours rollups (agent_reply facts of
 * migrations/0014 plus exact edges), and its closed counts from the conversation count rollups
 * (closed facts of 0020, with edges), against the scans of the window's messages and cycles
 * they replace (agentRowsSql with `rows`), and the same counts read apart by agentCounts and
 * handed in (as the report does): every column of every agent row equal, order included, for windows with Dubai and odd-minute edges (and edges longer than half their day),
 * each filter, and the rollups uncompacted, compacted and rebuilt.
 */

type Row = Record<string, unknown>;
const at = (iso: string) => new Date(iso);

describe.each(testDatabases)('agents messages sent and closed from the rollups equal the scans, on $name', (database) => {
  const sim = useSimulatedDays(database, { seed: 11, settleAt: at('2026-11-06T00:00:00Z') });

  const windows = [
    { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-05T00:00:00Z'), tz: 'UTC' },
    { from: at('2026-11-01T20:00:00Z'), to: at('2026-11-04T20:00:00Z'), tz: 'Asia/Dubai' },
    { from: at('2026-11-02T07:13:00Z'), to: at('2026-11-03T15:47:30Z'), tz: 'Asia/Dubai' },
    { from: at('2026-11-03T09:05:00Z'), to: at('2026-11-03T09:10:00Z'), tz: 'UTC' },
    { from: at('2026-11-02T01:00:00Z'), to: at('2026-11-02T23:00:00Z'), tz: 'UTC' },
    { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-08T00:00:00Z'), tz: 'UTC' },
  ];

  // `given`: the counts read first by agentCounts (as the report does beside the durations), then
  // handed to the statement that builds the rows
  const rows = async (window: (typeof windows)[number], filters: ReportFilters, counts: CountSource | 'given') => {
    const q = { window, filters };
    const ctes = durationCtes({ window, channel: filters.channel });
    const source = counts === 'given' ? await agentCounts(sim.store.db, q, ctes) : counts;
    return (await sql<Row>`WITH ${ctes}, ${agentRowsSql(q, false, undefined, source)}
      SELECT * FROM ag_ranked ORDER BY position`.execute(sim.store.db)).rows;
  };

  let scopes: ReportFilters[] = [];
  it('holds agents with replies on more than one number (guards against comparing empty results)', async () => {
    const all = await rows(windows[0]!, {}, 'rows');
    expect(all.filter((r) => Number(r.messages_sent) > 0).length).toBeGreaterThan(3);
    expect(all.filter((r) => Number(r.closed) > 0).length).toBeGreaterThan(3);
    const { rows: pick } = await sql<{ channel: string; agent: string; team: string | null }>`
      SELECT m.phone_number_id AS channel, m.agent_id AS agent, a.team FROM messages m JOIN agents a ON a.id = m.agent_id
       WHERE m.sender_type = 'agent' GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 1`.execute(sim.store.db);
    const p = pick[0]!;
    expect(p.team).not.toBeNull();
    scopes = [{}, { channel: p.channel }, { agent: p.agent }, { team: p.team! }];
    const { rows: channels } = await sql<{ n: number }>`SELECT count(DISTINCT phone_number_id)::int AS n FROM messages WHERE sender_type = 'agent'`.execute(sim.store.db);
    expect(channels[0]!.n).toBeGreaterThan(1);
  });

  for (const stage of ['uncompacted deltas', 'compacted', 'rebuilt'] as const) {
    it(`matches on every window and filter with ${stage}`, async () => {
      const { rows: pending } = await sql<{ sent: number; closed: number }>`SELECT
        (SELECT count(*) FROM busy_hour_rollup_deltas WHERE kind = 'agent_reply')::int AS sent,
        (SELECT count(*) FROM cycle_count_rollup_deltas WHERE event = 'closed' AND agent_id IS NOT NULL)::int AS closed`.execute(sim.store.db);
      // the ingest left deltas, so the first stage reads rollups and deltas together
      if (stage === 'uncompacted deltas') expect(Math.min(pending[0]!.sent, pending[0]!.closed)).toBeGreaterThan(0);
      if (stage === 'compacted') await Promise.all([compactBusyHourRollups(sim.store.db), compactCycleCountRollups(sim.store.db)]);
      if (stage === 'rebuilt') await Promise.all([rebuildBusyHourRollups(sim.store.db), rebuildCycleCountRollups(sim.store.db)]);
      expect(scopes.length).toBe(4);
      for (const w of windows) {
        for (const f of scopes) {
          const want = await rows(w, f, 'rows');
          expect(await rows(w, f, 'rollups'), `${w.from.toISOString()} ${JSON.stringify(f)}`).toEqual(want);
          expect(await rows(w, f, 'given'), `given: ${w.from.toISOString()} ${JSON.stringify(f)}`).toEqual(want);
        }
      }
    });
  }
});
