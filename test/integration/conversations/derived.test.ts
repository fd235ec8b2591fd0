import { describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases } from '../../helpers/databases.js';
import { useTestServer } from '../../helpers/server.js';
import { inboundBody, statusBody } from '../../helpers/whatsapp-bodies.js';

// WhatsApp-only traffic on number 106540352242923 (no inbox), idle gap 24 h.
// T = 2026-11-02T08:00:00Z. Contact 971500000777:
//   T        inbound              → opens cycle A
//   T+5m     reply (status sent, biz_opaque agent=ana)  → A's first reply, FRT 300 s
//   T+2h     inbound              → A goes on
//   T+30h    inbound              → 28 h after T+2h ≥ 24 h: A closed at T+2h (auto_close), B opens
// Later a message at T+20h arrives late: T+20h − T+2h = 18 h and T+30h − T+20h = 10 h, both
// < 24 h, so A and B become one cycle from T, last message T+30h, still open at T+31h.
const CH = { display_phone_number: '15550783882', phone_number_id: '106540352242923' };
const T = Date.parse('2026-11-02T08:00:00Z') / 1000;
const at = (h: number) => String(T + h * 3600);
const IDLE = 24 * 3_600_000;
const now = (h: number) => new Date((T + h * 3600) * 1000);
const WA = '971500000777';

describe.each(testDatabases)('conversations derived from WhatsApp alone on $name', (database) => {
  const ctx = useTestServer(database);
  const cycles = () =>
    ctx.store.db.selectFrom('conversations')
      .select(['opened_at', 'closed_at', 'closed_by', 'last_message_at', 'first_agent_reply_at', 'first_agent_reply_agent_id', 'source'])
      .orderBy('opened_at').execute();
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  it('opens on inbound, closes auto_close at the last message after the idle gap', async () => {
    await postWhatsApp(ctx.server.url, inboundBody([{ id: 'wamid.d1', from: WA, timestamp: at(0) }], CH));
    await postWhatsApp(ctx.server.url, statusBody([{ id: 'wamid.d2', status: 'sent', timestamp: at(5 / 60), recipient_id: WA, biz_opaque_callback_data: 'agent=ana' }], CH));
    await postWhatsApp(ctx.server.url, inboundBody([{ id: 'wamid.d3', from: WA, timestamp: at(2) }], CH));
    await postWhatsApp(ctx.server.url, inboundBody([{ id: 'wamid.d4', from: WA, timestamp: at(30) }], CH));
    await settleConversations(ctx.store.db, now(31), IDLE);
    const rows = await cycles();
    expect(rows.map((r) => [iso(r.opened_at), iso(r.closed_at), r.closed_by, iso(r.last_message_at), iso(r.first_agent_reply_at), r.first_agent_reply_agent_id, r.source])).toEqual([
      ['2026-11-02T08:00:00.000Z', '2026-11-02T10:00:00.000Z', 'auto_close', '2026-11-02T10:00:00.000Z', '2026-11-02T08:05:00.000Z', 'ana', 'derived'],
      ['2026-11-03T14:00:00.000Z', null, null, '2026-11-03T14:00:00.000Z', null, null, 'derived'],
    ]);
  });

  it('closes the open cycle once time moves past the idle gap, with no new traffic', async () => {
    await settleConversations(ctx.store.db, now(30 + 24), IDLE);
    const rows = await cycles();
    expect(iso(rows[1]!.closed_at)).toBe('2026-11-03T14:00:00.000Z');
  });

  it('merges both cycles when a late message fills the gap', async () => {
    await postWhatsApp(ctx.server.url, inboundBody([{ id: 'wamid.d5', from: WA, timestamp: at(20) }], CH));
    await settleConversations(ctx.store.db, now(31), IDLE);
    const rows = await cycles();
    expect(rows.map((r) => [iso(r.opened_at), iso(r.closed_at), iso(r.last_message_at), iso(r.first_agent_reply_at)])).toEqual([
      ['2026-11-02T08:00:00.000Z', null, '2026-11-03T14:00:00.000Z', '2026-11-02T08:05:00.000Z'],
    ]);
  });

  it('does not open a conversation for an outbound message alone', async () => {
    await postWhatsApp(ctx.server.url, statusBody([{ id: 'wamid.tpl', status: 'sent', timestamp: at(100), recipient_id: '971500000888' }], CH));
    await settleConversations(ctx.store.db, now(101), IDLE);
    const contact = await ctx.store.db.selectFrom('contacts').select('id').where('wa_id', '=', '971500000888').executeTakeFirstOrThrow();
    expect(await ctx.store.db.selectFrom('conversations').select('id').where('contact_id', '=', contact.id).execute()).toEqual([]);
  });
});
