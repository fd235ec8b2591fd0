import { describe, expect, it } from 'vitest';
import { pruneMessagesJob } from '../../../src/jobs/prune-messages.js';
import { createLogger } from '../../../src/log.js';
import { applyStatuses, createMonthsAhead, NO_CONTACTS, pruneMessageHistory, type StatusInput } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedAssignment, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';
import { secondStore } from '../concurrency/pool.js';

const status = (wamid: string, s: string, ts: string): StatusInput => ({
  wamid, status: s, ts: new Date(ts), phoneNumberId: 'PN1', contact: null, recipientId: null, recipientUserId: null,
  error: null, pricing: null, conversationId: null, conversationOrigin: null, bizOpaqueCallbackData: null, agentId: null, rawEventId: 1,
});

/**
 * MESSAGE_RETENTION_DAYS 30 run on 2020-12-15 00:00 → cutoff 2020-11-15 00:00 (Dec 15 − 30 d).
 * message_statuses has months Sep – Dec 2020.
 *
 * statuses: OLD sent Sep 20 and delivered Oct 2 (months Sep and Oct end before the cutoff:
 *   dropped whole); MID sent Nov 10 (Nov month kept, row deleted in the batch); NEW sent
 *   Nov 20 and read Dec 1 (kept); STRAY sent 2019-01-01 (DEFAULT: deleted in the batch).
 *   → partitions [Sep, Oct], statuses deleted 2, left: NEW's two.
 * messages by counted_at: OLD (sent Sep 20), MID (sent Nov 10), STRAY (sent 2019-01-01) and
 *   HIST (history, ts 2019-01-01) are older → 4 deleted; NEW (sent Nov 20) and IN (inbound,
 *   ts Nov 15 00:00: exactly the cutoff, kept — "older than" is strict) stay.
 * conversations: A closed Oct 5 → deleted, its assignment with it; B opened Oct 1, closed
 *   Nov 20 → kept; C opened Sep 1, still open → kept.
 * webhook_errors: observed Oct 2 → deleted; Nov 20 → kept.
 */
describe.each(testDatabases)('pruning message history on $name', (database) => {
  const ctx = useFreshStore(database, ['PN1']);

  const seed = async () => {
    const db = ctx.store.db;
    await createMonthsAhead(db, 'message_statuses', new Date('2020-09-01T00:00:00Z'), 3);
    await applyStatuses(db, [
      status('OLD', 'sent', '2020-09-20T00:00:00Z'), status('OLD', 'delivered', '2020-10-02T00:00:00Z'),
      status('MID', 'sent', '2020-11-10T00:00:00Z'),
      status('NEW', 'sent', '2020-11-20T00:00:00Z'), status('NEW', 'read', '2020-12-01T00:00:00Z'),
      status('STRAY', 'sent', '2019-01-01T00:00:00Z'),
    ], NO_CONTACTS);
    const contact = await seedContact(db, { waId: '971500000001', createdAt: '2019-01-01T00:00:00Z' });
    await seedMessage(db, { wamid: 'HIST', direction: 'inbound', origin: 'history', contactId: contact, channel: 'PN1', ts: '2019-01-01T00:00:00Z' });
    await seedMessage(db, { wamid: 'IN', direction: 'inbound', contactId: contact, channel: 'PN1', ts: '2020-11-15T00:00:00Z' });
    const a = await seedConversation(db, { contactId: contact, channel: 'PN1', openedAt: '2020-10-01T00:00:00Z', closedAt: '2020-10-05T00:00:00Z', externalId: 'A' });
    await seedAssignment(db, { conversationId: a, to: 'agent-1', at: '2020-10-01T01:00:00Z' });
    await seedConversation(db, { contactId: contact, channel: 'PN1', openedAt: '2020-10-01T00:00:00Z', closedAt: '2020-11-20T00:00:00Z', externalId: 'B' });
    await seedConversation(db, { contactId: contact, channel: 'PN1', openedAt: '2020-09-01T00:00:00Z', externalId: 'C' });
    await db.insertInto('webhook_errors').values([
      { raw_event_id: 1, phone_number_id: 'PN1', code: 1, title: 'old', details: null, observed_at: new Date('2020-10-02T00:00:00Z') },
      { raw_event_id: 1, phone_number_id: 'PN1', code: 2, title: 'new', details: null, observed_at: new Date('2020-11-20T00:00:00Z') },
    ]).execute();
  };

  const left = async () => {
    const db = ctx.store.db;
    return {
      statuses: (await db.selectFrom('message_statuses').select(['wamid', 'status']).orderBy('wamid').orderBy('status').execute()).map((r) => `${r.wamid}/${r.status}`),
      messages: (await db.selectFrom('messages').select('wamid').orderBy('wamid').execute()).map((r) => r.wamid),
      conversations: (await db.selectFrom('conversations').select('external_id').orderBy('external_id').execute()).map((r) => r.external_id),
      assignments: (await db.selectFrom('assignments').select('id').execute()).length,
      webhookErrors: (await db.selectFrom('webhook_errors').select('title').execute()).map((r) => r.title),
    };
  };

  const expectedLeft = {
    statuses: ['NEW/read', 'NEW/sent'],
    messages: ['IN', 'NEW'],
    conversations: ['B', 'C'],
    assignments: 0,
    webhookErrors: ['new'],
  };

  it('drops whole months, deletes the rest before the cutoff, and keeps what ends after it', async () => {
    await seed();
    const r = await pruneMessageHistory(ctx.store.db, new Date('2020-11-15T00:00:00Z'), 2);
    expect(r).toEqual({
      partitions: ['message_statuses_y2020m09', 'message_statuses_y2020m10'],
      statuses: 2, messages: 4, conversations: 1, webhookErrors: 1,
    });
    expect(await left()).toEqual(expectedLeft);
  });

  it('the job works out the cutoff from the retention in days', async () => {
    await seed();
    await pruneMessagesJob(ctx.store, 30, new Date('2020-12-15T00:00:00Z'), createLogger('silent'));
    expect(await left()).toEqual(expectedLeft);
  });

  it.runIf(database.name === 'postgres')('two replicas at once both succeed and leave the same rows', async () => {
    await seed();
    const replica = secondStore(ctx.store);
    try {
      const cutoff = new Date('2020-11-15T00:00:00Z');
      const [a, b] = await Promise.all([pruneMessageHistory(ctx.store.db, cutoff, 1), pruneMessageHistory(replica.db, cutoff, 1)]);
      expect([...a.partitions, ...b.partitions].sort()).toEqual(['message_statuses_y2020m09', 'message_statuses_y2020m10']);
      expect(a.messages + b.messages).toBe(4);
      expect(await left()).toEqual(expectedLeft);
    } finally {
      await replica.close();
    }
  });
});
