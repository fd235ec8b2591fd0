import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDerived } from '../../../src/bench/derived.js';
import { seedHistory } from '../../../src/bench/seed.js';
import { seedPlan } from '../../../src/bench/seed-plan.js';
import { REPORT_NAMES, runReport } from '../../../src/metrics/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';

const END = new Date('2026-03-01T00:00:00Z');
// seedPlan(2000): 5·⌊2000/30⌋ = 330 conversations of 1…5 turns (g mod 5 + 1), 66 of each length,
// so 66·(1+2+3+4+5) = 990 turns = 990 inbound + 990 replies = 1,980 messages; ⌊2000/20⌋ = 100
// contacts, each in ⌈330/100⌉ = 4 slots of ⌊90/4⌋ = 22 days. Chunks of 100 conversations make
// the loop run four times (100, 100, 100, 30), so chunk edges are crossed too.
const plan = { ...seedPlan(2000), chunk: 100 };

describe.each(testDatabases)('bench seed on $name', (database) => {
  let store: TestStore;
  // The tests only read, so one seed serves them all.
  beforeAll(async () => {
    store = await database.open();
    await seedHistory(store, plan, END, () => {});
  }, 120_000);
  afterAll(() => store.drop());

  const one = async <T>(q: string) => (await sql.raw<T>(q).execute(store.db)).rows[0]!;

  it('writes the planned counts', async () => {
    expect(plan).toMatchObject({ conversations: 330, messages: 1980, contacts: 100, slotDays: 22 });
    const r = await one<{ inbound: number; outbound: number; conv: number; contacts: number }>(`
      SELECT (SELECT count(*) FROM messages WHERE direction = 'inbound')::int AS inbound,
             (SELECT count(*) FROM messages WHERE direction = 'outbound')::int AS outbound,
             (SELECT count(*) FROM conversations)::int AS conv, (SELECT count(*) FROM contacts)::int AS contacts`);
    expect(r).toEqual({ inbound: 990, outbound: 990, conv: 330, contacts: 100 });
  });

  it('gives every outbound message a sent status row, and each rollup time its status row', async () => {
    const r = await one<{ missing: number; statuses: number; rollups: number; failed: number; delivered_too: number }>(`
      SELECT (SELECT count(*) FROM messages m WHERE direction = 'outbound'
                AND NOT EXISTS (SELECT 1 FROM message_statuses s WHERE s.wamid = m.wamid AND s.status = 'sent' AND s.ts = m.sent_at))::int AS missing,
             (SELECT count(*) FROM message_statuses)::int AS statuses,
             (SELECT count(sent_at) + count(delivered_at) + count(read_at) + count(failed_at) FROM messages)::int AS rollups,
             (SELECT count(*) FROM messages WHERE failed_at IS NOT NULL AND error_code IN (131047, 131026, 130472))::int AS failed,
             (SELECT count(*) FROM messages WHERE failed_at IS NOT NULL AND delivered_at IS NOT NULL)::int AS delivered_too`);
    expect(r.missing).toBe(0);
    expect(r.statuses).toBe(r.rollups);
    expect(r.delivered_too).toBe(0);
    // ≈2 % of 990 replies fail (1 in 50 by hash): about 20; a hash that never or always fires is a bug.
    expect(r.failed).toBeGreaterThan(5);
    expect(r.failed).toBeLessThan(50);
  });

  it('puts every message inside its conversation, alternating, and matches the conversation columns', async () => {
    // Messages whose contact × number has no conversation spanning their time.
    const r = await one<{ orphans: number; bad_first: number; bad_last: number; overlaps: number; inbound_opens: number }>(`
      SELECT (SELECT count(*) FROM messages m WHERE NOT EXISTS (
                SELECT 1 FROM conversations c WHERE c.contact_id = m.contact_id AND c.phone_number_id = m.phone_number_id
                   AND m.counted_at BETWEEN c.opened_at AND c.last_message_at))::int AS orphans,
             (SELECT count(*) FROM conversations c WHERE first_agent_reply_at IS DISTINCT FROM (
                SELECT min(counted_at) FROM messages m WHERE m.contact_id = c.contact_id AND m.phone_number_id = c.phone_number_id
                   AND m.direction = 'outbound' AND m.counted_at BETWEEN c.opened_at AND c.last_message_at))::int AS bad_first,
             (SELECT count(*) FROM conversations c WHERE last_message_at IS DISTINCT FROM (
                SELECT max(counted_at) FROM messages m WHERE m.contact_id = c.contact_id AND m.phone_number_id = c.phone_number_id
                   AND m.counted_at >= c.opened_at AND m.counted_at < c.opened_at + interval '1 day'))::int AS bad_last,
             (SELECT count(*) FROM conversations a JOIN conversations b ON a.contact_id = b.contact_id AND a.id < b.id
                 AND b.opened_at < a.last_message_at + interval '24 hours' AND a.opened_at < b.last_message_at + interval '24 hours')::int AS overlaps,
             (SELECT count(*) FROM conversations c JOIN messages m ON m.contact_id = c.contact_id
                 AND m.counted_at = c.opened_at AND m.direction = 'inbound')::int AS inbound_opens`);
    expect(r).toEqual({ orphans: 0, bad_first: 0, bad_last: 0, overlaps: 0, inbound_opens: 330 });
  });

  it('keeps the history inside the 90 days before the end, and runs every report on it', async () => {
    const span = await one<{ first: Date; last: Date }>('SELECT min(counted_at) AS first, max(counted_at) AS last FROM messages');
    // the first local day starts at most 4 h (Dubai's offset) before end − 90 d; replies at most a day past it
    expect(new Date(span.first).getTime()).toBeGreaterThanOrEqual(END.getTime() - 91 * 86_400_000);
    expect(new Date(span.last).getTime()).toBeLessThan(END.getTime());
    // 91 days: the first local day (Dubai, UTC+4) starts 4 h before END − 90 d
    const q = { window: { from: new Date(END.getTime() - 91 * 86_400_000), to: END, tz: 'Asia/Dubai' }, filters: {} };
    for (const name of REPORT_NAMES) {
      const result = await runReport(store.db, name, q, { now: END, serviceLevel: 0.8, frtTargetSec: 300 });
      expect(result).toHaveProperty('report', name);
    }
    const messages = await runReport(store.db, 'messages', q, { now: END, serviceLevel: 0.8, frtTargetSec: 300 });
    // every message is inside the window: the 990 inbound received, the 990 replies sent
    expect(messages).toMatchObject({ received: 990, sent: 990 });
  });

  it('ends with the messages and the contact days stored in time order, as a live database writes them', async () => {
    // Before: the seeder wrote messages conversation by conversation (each conversation's
    // replies next to its inbound messages, whatever their times), and the derived tables'
    // rebuild rewrites every outbound row: the rows are not in counted_at order.
    const inOrder = async (q: string) => {
      const { rows } = await sql.raw<{ t: Date }>(q).execute(store.db);
      const times = rows.map((r) => new Date(r.t).getTime());
      return { n: times.length, ordered: times.every((t, i) => i === 0 || times[i - 1]! <= t) };
    };
    expect(await inOrder('SELECT counted_at AS t FROM messages ORDER BY ctid')).toEqual({ n: 1980, ordered: false });
    await buildDerived(store.db);
    expect(await inOrder('SELECT counted_at AS t FROM messages ORDER BY ctid')).toEqual({ n: 1980, ordered: true });
    const days = await inOrder('SELECT day AS t FROM contact_days ORDER BY ctid');
    expect(days.ordered).toBe(true);
    expect(days.n).toBeGreaterThan(100); // 100 contacts, each active on several days
  }, 120_000);
});
