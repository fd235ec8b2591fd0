import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../../src/cli/format/render.js';
import { REPORT_SECTIONS } from '../../../src/tables/index.js';
import { REPORT_NAMES, runReport, type ReportResult } from '../../../src/metrics/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { simulatedDayReports } from '../../helpers/simulated-day.js';
import { seedAgent, seedChannel, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';
import { csvObjects } from '../../unit/format/parse-csv.js';

const CTX = { serviceLevel: 0.8, frtTargetSec: 300 };

// Real results rendered: a small seeded day whose figures are worked out by hand, and a
// simulated day that reaches every branch of every report for the shape checks.
describe.each(testDatabases)('report output on $name', (database) => {
  describe('a seeded day', () => {
    const CH = '106540352242922';
    const DAY = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' };
    const at = (hour: number, seconds = 0) => new Date(Date.parse('2026-11-02T00:00:00Z') + hour * 3_600_000 + seconds * 1000).toISOString();
    let store: TestStore;
    let n = 0;
    // one contact-opened cycle at hour h: the agent replies after frt s and closes after res s
    const cycle = async (agent: string, h: number, frt: number, res: number) => {
      const c = await seedContact(store.db, { waId: `97150000${String(++n).padStart(4, '0')}`, createdAt: '2026-01-01T00:00:00Z' });
      await seedConversation(store.db, { contactId: c, channel: CH, openedAt: at(h), closedAt: at(h, res), closedBy: 'agent', closerAgentId: agent, assigneeId: agent, assignedAt: at(h, 10) });
      await seedMessage(store.db, { wamid: `in-${n}`, direction: 'inbound', contactId: c, channel: CH, ts: at(h) });
      await seedMessage(store.db, { wamid: `out-${n}`, direction: 'outbound', contactId: c, channel: CH, sentAt: at(h, frt), senderType: 'agent', agentId: agent });
    };
    beforeAll(async () => {
      store = await database.open();
      await seedChannel(store.db, CH);
      await seedAgent(store.db, { id: 'ana', name: 'Ana Lima', team: 'Support' });
      await seedAgent(store.db, { id: 'omar', name: 'Omar', team: 'Support' });
      // Ana: first responses 60, 120, 252, 300, 600 s, each closed after 1 h
      for (const [i, frt] of [60, 120, 252, 300, 600].entries()) await cycle('ana', 9 + i, frt, 3600);
      // Omar: one first response of 30 s, closed after 2 h
      await cycle('omar', 15, 30, 7200);
    });
    afterAll(async () => store.drop());
    const report = (name: 'agents' | 'conversations') => runReport(store.db, name, { window: DAY, filters: {} }, { now: DAY.to, ...CTX });

    it('agents: median and p90 side by side, humanised in the table, in seconds in the CSV', async () => {
      const result = await report('agents');
      // Ana's median = 252 s; p90 = percentile_cont(0.9) over 5 values: position 0.9 × 4 = 3.6,
      // between 300 and 600 → 300 + 0.6 × 300 = 480 s. Resolution: 3600 s each.
      const { rows } = csvObjects(String(await render(result, 'csv')));
      expect(rows.map((r) => [r.id, r.name, r.rank, r.firstResponseCount, r.firstResponseMedianSec, r.firstResponseP90Sec, r.resolutionMedianSec])).toEqual([
        ['ana', 'Ana Lima', '1', '5', '252', '480', '3600'],
        // one value: shown, never ranked
        ['omar', 'Omar', '', '1', '30', '30', '7200'],
      ]);
      const table = String(await render(result, 'table'));
      expect(table).toContain('window: Mon 2 Nov 2026 (1 day, UTC)');
      // rank, assigned (no assignment events seeded: 0), closed, sent, first response, resolution, note
      expect(table).toMatch(/^ {2}Ana Lima +Support +1 +0 +5 +5 +4m 12s \/ 8m +1h \/ 1h *$/m);
      expect(table).toMatch(/^ {2}Omar +Support +– +0 +1 +1 +30s \/ 30s +2h \/ 2h +few data$/m);
    });

    it('conversations: durations as rows per metric', async () => {
      const result = await report('conversations');
      // all six first responses: 30, 60, 120, 252, 300, 600 → median (120 + 252) / 2 = 186 s = 3m 6s
      const { header, rows } = csvObjects(String(await render(result, 'csv', { section: 'durations' })));
      expect(header).toEqual(['metric', 'clock', 'count', 'avgSec', 'medianSec', 'p90Sec', 'maxSec']);
      expect(rows.find((r) => r.metric === 'firstResponse')).toMatchObject({ clock: 'wall', count: '6', medianSec: '186', maxSec: '600' });
      const table = String(await render(result, 'table'));
      expect(table).toMatch(/^ {2}firstResponse +wall +3m 6s \/ /m);
      // six opened, six closed by agents
      expect(table).toMatch(/^ {2}opened: +6$/m);
    });
  });

  describe('a simulated day', () => {
    let store: TestStore;
    let results: Map<string, ReportResult>;
    beforeAll(async () => {
      store = await database.open();
      results = await simulatedDayReports(store, CTX);
    }, 120_000);
    afterAll(async () => store.drop());

    it.each([...REPORT_NAMES])('%s: every CSV section is a tidy table of named columns', async (name) => {
      const result = results.get(name)!;
      for (const section of Object.keys(REPORT_SECTIONS[name].sections)) {
        const { header } = csvObjects(String(await render(result, 'csv', { section })));
        // plain names: no positional indexes (byCategory[0]) nor dotted paths
        for (const column of header) expect(column, `${name} ${section}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
      }
    });

    it.each([...REPORT_NAMES])('%s: the table is text for people', async (name) => {
      const table = String(await render(results.get(name)!, 'table', { tz: 'Asia/Dubai' }));
      const lines = table.split('\n');
      // 2 Nov 00:00Z = 04:00 in Dubai; 3 Nov 06:00Z = 10:00
      expect(lines[1]).toMatch(name === 'live' ? /^at: Tue 3 Nov 2026 10:00 \(Asia\/Dubai\)$/ : /^window: Mon 2 Nov 2026 04:00 → Tue 3 Nov 2026 10:00, end excluded \(Asia\/Dubai\)$/);
      expect(Math.max(...lines.map((l) => [...l].length)), name).toBeLessThanOrEqual(120);
      // no raw JSON, no object dumps, no raw ISO instants
      expect(table).not.toMatch(/\{"|\[object|\d{4}-\d{2}-\d{2}T\d{2}:/);
    });
  });
});
