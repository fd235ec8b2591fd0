import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

// Every WhatsApp fixture posted through the real server with a real signature. Expected rows
// are read off the fixture files by hand; times converted with `date -u -d @<seconds>`.
const ORDER = [
  'inbound-text.json',
  'inbound-button-reply.json',
  'inbound-unsupported.json',
  'inbound-username-only.json',
  'status-sent-marketing.json',
  'status-delivered-pricing.json',
  'status-read.json',
  'status-failed-131047.json',
  'status-played-voice.json',
  'batched-two-numbers.json',
  'smb-message-echo.json',
  'smb-echo-edit-and-revoke.json',
  'history-backfill.json',
  'errors-only-change.json',
  'unknown-field-user-preferences.json',
];

const W = {
  inboundText: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
  button: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=',
  unsupported: 'wamid.HBgMOTcxNTAxMTEyMjMzFQIAEhgUVU5TVVBQT1JURUQwMDAwMDAwMQA=',
  usernameOnly: 'wamid.HBgSQUUuOTkxMjAwMzEyMzQ1Njc4OTEVAgASGBRVU0VSTkFNRTAwMDAwMDAwMDEA',
  marketing: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
  service: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
  failed: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA',
  voice: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJWT0lDRTAwMDAwMDAwMDAwMQA=',
  batchRead: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJBQUFBQUFBQUFBQUFBQUFBAA==',
  batchDelivered: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCQkJCQkJCQkJCQkJCQkJCAA==',
  reaction: 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQzc1RjE4QjY4QTQ5MjBGNzc1AA==',
  location: 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBOUM0RDBGRTg1MkZCMjY0RTMyAA==',
  echo: 'wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA',
  history: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBJISVNUT1JZMDAwMDAwMDAwMQA=',
};

describe.each(testDatabases)('every WhatsApp fixture through HTTP on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  const statuses: Record<string, number> = {};

  beforeAll(async () => {
    store = await database.open();
    server = await startTestServer(store);
    for (const name of ORDER) statuses[name] = (await postWhatsApp(server.url, fixtureBytes(`whatsapp/${name}`))).status;
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  const db = () => store.db;
  const message = (wamid: string) => db().selectFrom('messages').selectAll().where('wamid', '=', wamid).executeTakeFirstOrThrow();

  it('answers 200 to each and keeps each raw body once, as processed', async () => {
    expect(Object.values(statuses)).toEqual(ORDER.map(() => 200));
    const raw = await db().selectFrom('raw_events').select(['source', 'outcome', 'signature_ok']).execute();
    expect(raw).toHaveLength(15);
    expect(raw.every((r) => r.source === 'whatsapp' && r.outcome === 'processed' && r.signature_ok === true)).toBe(true);
  });

  it('stores the raw bytes verbatim', async () => {
    const row = await db().selectFrom('raw_events').select('body').orderBy('id').executeTakeFirstOrThrow();
    expect(Buffer.from(row.body).equals(fixtureBytes('whatsapp/inbound-text.json'))).toBe(true);
  });

  it('counts rows by hand: 14 messages, 7 statuses, 5 contacts, 2 channels', async () => {
    // messages: 4 inbound fixtures + 5 status-only wamids (marketing, service, failed, voice and
    // the two batched statuses = 6) + 2 batched inbound (reaction, location) + 1 echo + 1 history
    // = 4 + 6 + 2 + 1 + 1 = 14; the edit/revoke echoes are not new messages.
    const count = async (t: 'messages' | 'message_statuses' | 'contacts' | 'channels') =>
      (await db().selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(await count('messages'))).toBe(14);
    // statuses: sent, delivered, read (one wamid), failed, played, batch read + batch delivered = 7
    expect(Number(await count('message_statuses'))).toBe(7);
    // contacts: 16505551234 (= US.1349…), 971501112233 (= AE.8812…), AE.9912… (username only),
    // 447700900123 (batched delivered recipient), 5511987654321 (Jon Doe) = 5
    expect(Number(await count('contacts'))).toBe(5);
    expect(Number(await count('channels'))).toBe(2);
  });

  it('keeps both channels with display number and WABA id', async () => {
    const channels = await db().selectFrom('channels').select(['phone_number_id', 'display_phone_number', 'waba_id']).orderBy('phone_number_id').execute();
    expect(channels).toEqual([
      { phone_number_id: '106540352242922', display_phone_number: '15550783881', waba_id: '102290129340398' },
      { phone_number_id: '106540352242923', display_phone_number: '15550783882', waba_id: '102290129340398' },
    ]);
  });

  it('merges the contact known by wa_id and by BSUID into one row', async () => {
    const sheena = await db().selectFrom('contacts').selectAll().where('wa_id', '=', '16505551234').executeTakeFirstOrThrow();
    expect(sheena.user_id).toBe('US.13491208655302741918');
    expect(sheena.profile_name).toBe('Sheena Nelson');
    // first seen: the history backfill message at 1730000000 = 2024-10-27T03:33:20Z (earliest of all)
    expect(sheena.created_at.toISOString()).toBe('2024-10-27T03:33:20.000Z');
    const noor = await db().selectFrom('contacts').selectAll().where('user_id', '=', 'AE.99120031234567891').executeTakeFirstOrThrow();
    expect(noor).toMatchObject({ wa_id: null, profile_name: 'نور الهدى', username: 'noor.h', first_seen_via: 'inbound' });
    const recipient = await db().selectFrom('contacts').selectAll().where('wa_id', '=', '447700900123').executeTakeFirstOrThrow();
    expect(recipient.first_seen_via).toBe('outbound');
  });

  it('stores inbound messages with their own timestamps, previews and replies', async () => {
    const text = await message(W.inboundText);
    expect(text).toMatchObject({ direction: 'inbound', origin: 'live', type: 'text', phone_number_id: '106540352242922', preview: 'Does it come in another color?' });
    expect(text.ts?.toISOString()).toBe('2025-06-08T20:59:43.000Z'); // 1749416383
    const button = await message(W.button);
    expect(button).toMatchObject({ type: 'interactive', preview: 'Cancel', reply_to_wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA' });
    expect(button.contact_id).toBe(text.contact_id);
    expect(await message(W.unsupported)).toMatchObject({ type: 'unsupported', preview: '[unsupported]' });
    expect((await message(W.usernameOnly)).preview).toBe('مرحبا 👋 هل الطلب جاهز؟');
    expect(await message(W.reaction)).toMatchObject({ type: 'reaction', preview: '👍', phone_number_id: '106540352242923' });
    expect((await message(W.location)).ts?.toISOString()).toBe('2025-06-15T23:43:25.000Z'); // 1750031005
  });

  it('rolls statuses up per message, pricing from the earliest status that had one', async () => {
    const marketing = await message(W.marketing);
    expect(marketing).toMatchObject({ direction: 'outbound', pricing_type: 'regular', pricing_category: 'marketing', billable: true, delivery_state: 'sent' });
    expect(marketing.sent_at?.toISOString()).toBe('2025-06-15T23:27:53.000Z'); // 1750030073
    const service = await message(W.service);
    // delivered 1750030091 (23:28:11) with free_customer_service pricing; read 1750030412 (23:33:32) without
    expect(service.delivered_at?.toISOString()).toBe('2025-06-15T23:28:11.000Z');
    expect(service.read_at?.toISOString()).toBe('2025-06-15T23:33:32.000Z');
    expect(service.sent_at).toBeNull();
    expect(service.first_status_at?.toISOString()).toBe('2025-06-15T23:28:11.000Z');
    expect(service).toMatchObject({ pricing_type: 'free_customer_service', pricing_category: 'service', billable: false, delivery_state: 'read' });
    // biz_opaque_callback_data "agent=ana;ticket=48213" attributes the reply to agent "ana"
    expect(service).toMatchObject({ agent_id: 'ana', sender_type: 'agent', biz_opaque_callback_data: 'agent=ana;ticket=48213' });
  });

  it('keeps the failure with its error code and the voice note as read', async () => {
    const failed = await message(W.failed);
    expect(failed).toMatchObject({ error_code: 131047, error_title: 'Re-engagement message', delivery_state: 'failed' });
    expect(failed.failed_at?.toISOString()).toBe('2025-06-28T20:34:48.000Z'); // 1751142888
    const detail = await db().selectFrom('message_statuses').select('error_details').where('wamid', '=', W.failed).executeTakeFirstOrThrow();
    expect(detail.error_details).toMatch(/^Message failed to send because more than 24 hours/);
    // played with no earlier status: implies delivered and read
    const voice = await message(W.voice);
    expect(voice.delivery_state).toBe('read');
    expect(voice.played_at?.toISOString()).toBe('2025-06-16T19:03:20.000Z'); // 1750100600
  });

  it('stores echoes as outbound, applies edit/revoke to the original, flags history', async () => {
    const echo = await message(W.echo);
    expect(echo).toMatchObject({ direction: 'outbound', origin: 'echo', sender_type: 'echo', type: 'text' });
    expect(echo.ts?.toISOString()).toBe('2025-02-12T00:43:44.000Z'); // 1739321024
    expect(echo.edited_at?.toISOString()).toBe('2025-02-12T00:45:00.000Z'); // 1739321100
    expect(echo.revoked_at?.toISOString()).toBe('2025-02-12T00:46:00.000Z'); // 1739321160
    const history = await message(W.history);
    expect(history).toMatchObject({ origin: 'history', direction: 'inbound' });
    expect(history.ts?.toISOString()).toBe('2024-10-27T03:33:20.000Z'); // 1730000000
  });

  it('records out-of-band errors and leaves unmodelled fields raw only', async () => {
    const errors = await db().selectFrom('webhook_errors').select(['code', 'title', 'details', 'phone_number_id']).execute();
    expect(errors).toEqual([{ code: 131000, title: 'Something went wrong', details: 'Unknown error. Please retry.', phone_number_id: '106540352242922' }]);
  });
});
