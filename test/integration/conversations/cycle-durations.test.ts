import { describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { rebuildCycleDurations } from '../../../src/store/index.js';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases } from '../../helpers/databases.js';
import { useTestServer } from '../../helpers/server.js';
import { inboundBody, statusBody } from '../../helpers/whatsapp-bodies.js';

// WhatsApp-only traffic on number 106540352242923 (no inbox: a derived cycle), idle gap 24 h.
// T = 2026-11-02T08:00:00Z, contact 971500000555:
//   T          inbound i1                      → opens the cycle
//   T+10m      reply r1, known only as 'delivered' (no 'sent' yet): counted at T+10m
//   T+60m      inbound i2
//   T+90m      reply r2 'sent'
// Settled at T+2h (still open):
//   first_response = T → r1            = 10 min = 600 s
//   response turn 1 = i1 → r1          = 600 s
//   response turn 2 = i2 → r2          = 30 min = 1800 s
//   no resolution (open)
// Then r1's late 'sent' status says it left at T+4m; counted_at = coalesce(ts, sent_at, …) =
// T+4m, so after the next settle: first_response = 4 min = 240 s, turn 1 = 240 s, turn 2 stays
// 1800 s. Finally, with no new traffic, a settle at T+90m+24h auto-closes the cycle at its last
// message r2 (T+90m): auto_close_resolution = 90 min = 5400 s, the others unchanged.
const CH = { display_phone_number: '15550783882', phone_number_id: '106540352242923' };
const T = Date.parse('2026-11-02T08:00:00Z') / 1000;
const at = (min: number) => String(T + min * 60);
const now = (min: number) => new Date((T + min * 60) * 1000);
const IDLE = 24 * 3_600_000;
const WA = '971500000555';

describe.each(testDatabases)('cycle durations kept at write time on $name', (database) => {
  const ctx = useTestServer(database);
  const values = async () =>
    (await ctx.store.db.selectFrom('cycle_durations').select(['metric', 'seq', 'seconds']).orderBy('metric').orderBy('seq').execute())
      .map((r) => `${r.metric}#${r.seq}=${r.seconds}`);

  it('stores first response and both turns of an open cycle', async () => {
    await postWhatsApp(ctx.server.url, inboundBody([{ id: 'wamid.c1', from: WA, timestamp: at(0) }], CH));
    await postWhatsApp(ctx.server.url, statusBody([{ id: 'wamid.c2', status: 'delivered', timestamp: at(10), recipient_id: WA }], CH));
    await postWhatsApp(ctx.server.url, inboundBody([{ id: 'wamid.c3', from: WA, timestamp: at(60) }], CH));
    await postWhatsApp(ctx.server.url, statusBody([{ id: 'wamid.c4', status: 'sent', timestamp: at(90), recipient_id: WA }], CH));
    await settleConversations(ctx.store.db, now(120), IDLE);
    expect(await values()).toEqual(['first_response#0=600', 'response#0=600', 'response#1=1800']);
  });

  it('moves the first response and turn 1 earlier when a late sent status moves the reply', async () => {
    await postWhatsApp(ctx.server.url, statusBody([{ id: 'wamid.c2', status: 'sent', timestamp: at(4), recipient_id: WA }], CH));
    await settleConversations(ctx.store.db, now(121), IDLE);
    expect(await values()).toEqual(['first_response#0=240', 'response#0=240', 'response#1=1800']);
  });

  it('adds the auto-close resolution when the idle gap closes the cycle', async () => {
    await settleConversations(ctx.store.db, now(90 + 24 * 60), IDLE);
    expect(await values()).toEqual(['auto_close_resolution#0=5400', 'first_response#0=240', 'response#0=240', 'response#1=1800']);
  });

  it('is what a rebuild from scratch gives', async () => {
    const kept = await values();
    await rebuildCycleDurations(ctx.store.db);
    expect(await values()).toEqual(kept);
  });
});
