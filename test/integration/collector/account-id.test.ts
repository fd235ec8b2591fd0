import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postInbox, postWhatsApp } from '../../helpers/fixtures.js';
import { useTestServer } from '../../helpers/server.js';

/**
 * waba_id (migrations/0010): every fact carries the WABA of the entry it came from.
 *
 * The body below holds two entries, as Meta may batch several WABAs into one delivery:
 *   entry[0] id WABA_A, number 111: inbound wamid.A1 from 971500000001, status sent for
 *            wamid.A2 to 971500000002, one out-of-band error;
 *   entry[1] id WABA_B, number 222: status delivered for wamid.B1 to 971500000003, inbound
 *            wamid.B2 from 971500000004.
 * So by hand: A1, A2 and the error are WABA_A; B1, B2 are WABA_B; each contact takes the WABA
 * of the entry it appeared in; the channels map 111 → WABA_A and 222 → WABA_B.
 */
const change = (phone: string, value: Record<string, unknown>) => ({
  field: 'messages',
  value: { messaging_product: 'whatsapp', metadata: { display_phone_number: `1555${phone}`, phone_number_id: phone }, ...value },
});
const TWO_WABAS = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA_A',
      changes: [
        change('111', {
          contacts: [{ profile: { name: 'One' }, wa_id: '971500000001' }],
          messages: [{ from: '971500000001', id: 'wamid.A1', timestamp: '1764576000', type: 'text', text: { body: 'hi' } }],
          statuses: [{ id: 'wamid.A2', status: 'sent', timestamp: '1764576010', recipient_id: '971500000002' }],
          errors: [{ code: 131056, title: 'Pair rate limit hit' }],
        }),
      ],
    },
    {
      id: 'WABA_B',
      changes: [
        change('222', {
          statuses: [{ id: 'wamid.B1', status: 'delivered', timestamp: '1764576020', recipient_id: '971500000003' }],
          messages: [{ from: '971500000004', id: 'wamid.B2', timestamp: '1764576030', type: 'text', text: { body: 'yo' } }],
        }),
      ],
    },
  ],
});

describe.each(testDatabases)('the WABA id on every fact, on $name', (database) => {
  const ctx = useTestServer(database);

  it('puts each fact of a two-WABA body under its own entry id', async () => {
    expect((await postWhatsApp(ctx.server.url, TWO_WABAS)).status).toBe(200);
    const db = ctx.store.db;
    const messages = await db.selectFrom('messages').select(['wamid', 'waba_id']).orderBy('wamid').execute();
    expect(messages).toEqual([
      { wamid: 'wamid.A1', waba_id: 'WABA_A' },
      { wamid: 'wamid.A2', waba_id: 'WABA_A' },
      { wamid: 'wamid.B1', waba_id: 'WABA_B' },
      { wamid: 'wamid.B2', waba_id: 'WABA_B' },
    ]);
    const statuses = await db.selectFrom('message_statuses').select(['wamid', 'waba_id']).orderBy('wamid').execute();
    expect(statuses).toEqual([
      { wamid: 'wamid.A2', waba_id: 'WABA_A' },
      { wamid: 'wamid.B1', waba_id: 'WABA_B' },
    ]);
    const contacts = await db.selectFrom('contacts').select(['wa_id', 'waba_id']).orderBy('wa_id').execute();
    expect(contacts).toEqual([
      { wa_id: '971500000001', waba_id: 'WABA_A' },
      { wa_id: '971500000002', waba_id: 'WABA_A' },
      { wa_id: '971500000003', waba_id: 'WABA_B' },
      { wa_id: '971500000004', waba_id: 'WABA_B' },
    ]);
    const errors = await db.selectFrom('webhook_errors').select(['phone_number_id', 'waba_id']).execute();
    expect(errors).toEqual([{ phone_number_id: '111', waba_id: 'WABA_A' }]);
    const channels = await db.selectFrom('channels').select(['phone_number_id', 'waba_id']).orderBy('phone_number_id').execute();
    expect(channels).toEqual([
      { phone_number_id: '111', waba_id: 'WABA_A' },
      { phone_number_id: '222', waba_id: 'WABA_B' },
    ]);
  });

  it('gives inbox conversations, their assignments and sent messages the WABA of their number', async () => {
    // WhatsApp names number 222's WABA (WABA_B; a redelivery when the first test ran, so a no-op).
    // The inbox names only the number; the WABA comes from channels.
    expect((await postWhatsApp(ctx.server.url, TWO_WABAS)).status).toBe(200);
    const at = (s: string) => `2025-12-01T08:${s}Z`;
    const events = [
      { id: 'c9-open', type: 'conversation.opened', at: at('01:00'), conversation_id: 'c9', contact: { wa_id: '971500000004' }, phone_number_id: '222', opened_by: 'contact' },
      { id: 'c9-assign', type: 'conversation.assigned', at: at('02:00'), conversation_id: 'c9', agent_id: 'ana' },
      { id: 'c9-reply', type: 'message.sent', at: at('03:00'), wa_message_id: 'wamid.C9', conversation_id: 'c9', sender: 'agent', agent_id: 'ana' },
      { id: 'c9-note', type: 'comment.created', at: at('04:00'), conversation_id: 'c9', agent_id: 'ana', text: 'vip' },
    ];
    expect((await postInbox(ctx.server.url, events)).status).toBe(200);
    const db = ctx.store.db;
    expect(await db.selectFrom('conversations').select(['external_id', 'waba_id']).where('external_id', '=', 'c9').execute()).toEqual([
      { external_id: 'c9', waba_id: 'WABA_B' },
    ]);
    expect(await db.selectFrom('assignments').select(['to_agent_id', 'waba_id']).execute()).toEqual([{ to_agent_id: 'ana', waba_id: 'WABA_B' }]);
    expect(await db.selectFrom('messages').select('waba_id').where('wamid', '=', 'wamid.C9').executeTakeFirst()).toEqual({ waba_id: 'WABA_B' });
  });
});

describe.each(testDatabases)('migration 0010 backfills the WABA id from channels, on $name', (database) => {
  it('fills rows stored before it from their number, and leaves unknown numbers NULL', async () => {
    // A database migrated up to 0009, with rows of two numbers: 111 (WABA_A) and 333 (no WABA known).
    const fresh = await database.openBefore('0010');
    try {
      await seedPre0010(fresh);
      await migrate(fresh);
      const db = fresh.db;
      expect(await db.selectFrom('messages').select(['wamid', 'waba_id']).orderBy('wamid').execute()).toEqual([
        { wamid: 'wamid.old1', waba_id: 'WABA_A' },
        { wamid: 'wamid.old2', waba_id: null },
      ]);
      expect(await db.selectFrom('message_statuses').select(['wamid', 'waba_id']).execute()).toEqual([{ wamid: 'wamid.old1', waba_id: 'WABA_A' }]);
      expect(await db.selectFrom('webhook_errors').select('waba_id').execute()).toEqual([{ waba_id: 'WABA_A' }]);
      // contact 1 wrote on 111 (WABA_A); contact 2 only on 333, whose WABA nobody named: unknown
      expect(await db.selectFrom('contacts').select(['wa_id', 'waba_id']).orderBy('wa_id').execute()).toEqual([
        { wa_id: '971500000011', waba_id: 'WABA_A' },
        { wa_id: '971500000012', waba_id: null },
      ]);
      expect(await db.selectFrom('conversations').select('waba_id').execute()).toEqual([{ waba_id: 'WABA_A' }]);
    } finally {
      await fresh.drop();
    }
  }, 120_000); // opens its database in the test: an embedded one is initdb and nine migrations first
});


// Rows as the pre-0010 schema holds them, written with plain SQL so no 0010 column is named.
async function seedPre0010(store: TestStore): Promise<void> {
  await store.execScript(`
    INSERT INTO channels (phone_number_id, waba_id, first_seen_at) VALUES ('111', 'WABA_A', '2025-01-01Z'), ('333', NULL, '2025-01-01Z');
    INSERT INTO contacts (id, wa_id, first_seen_via, created_at) VALUES (1, '971500000011', 'inbound', '2025-01-01Z'), (2, '971500000012', 'inbound', '2025-01-01Z');
    INSERT INTO messages (wamid, direction, origin, phone_number_id, contact_id, ts) VALUES
      ('wamid.old1', 'inbound', 'live', '111', 1, '2025-01-02T10:00Z'),
      ('wamid.old2', 'inbound', 'live', '333', 2, '2025-01-02T11:00Z');
    INSERT INTO message_statuses (wamid, status, ts, raw_event_id) VALUES ('wamid.old1', 'read', '2025-01-02T10:01Z', 1);
    INSERT INTO webhook_errors (raw_event_id, phone_number_id, observed_at) VALUES (1, '111', '2025-01-02Z');
    INSERT INTO conversations (source, external_id, cycle, contact_id, phone_number_id, opened_at, opened_by)
      VALUES ('inbox', 'c1', 1, 1, '111', '2025-01-02T10:00Z', 'contact');
  `);
}
