import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic, summarizeTraffic } from '../../../src/simulate/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { shuffle } from '../../helpers/shuffle.js';

// The group-commit path (many bodies per transaction, facts merged) must store exactly what
// one-body-at-a-time ingest stores — and a shuffled delivery order must too. One simulated
// day (seeded) goes in three ways; every derived table is compared row for row.
const PATTERN = /(?:^|;)\s*agent=([^;]+)/;
const NOW = new Date('2026-11-04T00:00:00Z');
const traffic = generateTraffic({ seed: 5, start: new Date('2026-11-02T00:00:00Z'), days: 1, scale: 0.5 });

async function snapshot(store: TestStore) {
  const db = store.db;
  return {
    messages: await db.selectFrom('messages').select(['wamid', 'direction', 'sender_type', 'agent_id', 'counted_at', 'delivered_at', 'read_at', 'failed_at', 'error_code', 'pricing_category', 'conversation_ref']).orderBy('wamid').execute(),
    statuses: await db.selectFrom('message_statuses').select(['wamid', 'status', 'ts']).orderBy('wamid').orderBy('status').execute(),
    conversations: await db.selectFrom('conversations').select(['external_id', 'cycle', 'opened_at', 'closed_at', 'closed_by', 'assignee_id', 'first_agent_reply_at', 'first_agent_reply_agent_id']).orderBy('external_id').orderBy('cycle').execute(),
    assignments: (await db.selectFrom('assignments').select(['event_id', 'to_agent_id', 'at']).orderBy('event_id').execute()),
    contacts: await db.selectFrom('contacts').select(['wa_id', 'user_id', 'source', 'created_at']).orderBy('wa_id').execute(),
  };
}

describe.each(testDatabases)('group ingest equals one-by-one ingest on $name', (database) => {
  const stores: TestStore[] = [];
  let one: Awaited<ReturnType<typeof snapshot>>;
  let grouped: Awaited<ReturnType<typeof snapshot>>;
  let shuffled: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    for (const [order, group] of [[traffic, 1], [traffic, 250], [shuffle(traffic, 11), 100]] as const) {
      const store = await database.open();
      stores.push(store);
      await deliverToStore(store.db, order, PATTERN, undefined, group);
      await settleConversations(store.db, NOW, 24 * 3_600_000);
    }
    const snaps = await Promise.all(stores.map(snapshot));
    [one, grouped, shuffled] = [snaps[0]!, snaps[1]!, snaps[2]!];
  }, 300_000); // three full ingests of a simulated day: ~20 s alone, several times that on a busy 2-core machine
  afterAll(async () => {
    for (const s of stores) await s.drop();
  });

  it('stored something substantial', () => {
    const summary = summarizeTraffic(traffic);
    // inboundMessages already includes reactions (summarize.ts); every distinct wamid is one row
    expect(one.messages.length).toBe(summary.inboundMessages + summary.outboundWamids);
    expect(one.conversations.length).toBeGreaterThan(20);
  });
  it('gives identical rows grouped', () => expect(grouped).toEqual(one));
  it('gives identical rows shuffled and grouped', () => expect(shuffled).toEqual(one));
});
