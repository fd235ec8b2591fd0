import { describe, expect, it } from 'vitest';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases } from '../../helpers/databases.js';
import { useTestServer } from '../../helpers/server.js';
import { statusBody } from '../../helpers/whatsapp-bodies.js';

// One outbound message's statuses, each delivered in its own webhook, in every possible order.
// sent 1750000000 (2025-06-15T15:06:40Z, pricing utility), delivered 1750000005 (pricing
// marketing — a later, different pricing that must NOT win), read 1750000065, and a duplicate
// read. Whatever the order, the row must end: sent/delivered/read at those times, pricing
// from the sent status (the earliest carrying one), state read.
const steps = (wamid: string) => [
  { id: wamid, status: 'sent', timestamp: '1750000000', recipient_id: '971500000003', pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' } },
  { id: wamid, status: 'delivered', timestamp: '1750000005', recipient_id: '971500000003', pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' } },
  { id: wamid, status: 'read', timestamp: '1750000065', recipient_id: '971500000003' },
  { id: wamid, status: 'read', timestamp: '1750000065', recipient_id: '971500000003' },
];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe.each(testDatabases)('statuses in any order converge on $name', (database) => {
  const ctx = useTestServer(database);

  it('gives the same final row for all 24 orders of sent, delivered, read, read', async () => {
    const orders = permutations([0, 1, 2, 3]);
    expect(orders).toHaveLength(24);
    for (const [n, order] of orders.entries()) {
      const all = steps(`wamid.ORDER${n}`);
      // the duplicate read is a separate redelivery with a different envelope (extra key) so it
      // is not caught by the raw-body dedupe and must be a no-op at the (wamid, status) level
      for (const i of order) {
        const body = statusBody([all[i]]) + (i === 3 ? ' ' : '');
        expect((await postWhatsApp(ctx.server.url, body)).status).toBe(200);
      }
    }
    const rows = await ctx.store.db
      .selectFrom('messages')
      .select(['sent_at', 'delivered_at', 'read_at', 'failed_at', 'first_status_at', 'pricing_category', 'delivery_state', 'counted_at'])
      .where('wamid', 'like', 'wamid.ORDER%')
      .execute();
    expect(rows).toHaveLength(24);
    for (const r of rows) {
      expect(r.sent_at?.toISOString()).toBe('2025-06-15T15:06:40.000Z');
      expect(r.delivered_at?.toISOString()).toBe('2025-06-15T15:06:45.000Z');
      expect(r.read_at?.toISOString()).toBe('2025-06-15T15:07:45.000Z');
      expect(r.first_status_at?.toISOString()).toBe('2025-06-15T15:06:40.000Z');
      expect(r.counted_at?.toISOString()).toBe('2025-06-15T15:06:40.000Z');
      expect(r).toMatchObject({ failed_at: null, pricing_category: 'utility', delivery_state: 'read' });
    }
    const statuses = await ctx.store.db.selectFrom('message_statuses').select('wamid').where('wamid', 'like', 'wamid.ORDER%').execute();
    expect(statuses).toHaveLength(24 * 3);
  });

  it('counts a message failed and then delivered as delivered, in either order', async () => {
    const failed = (id: string) => ({
      id, status: 'failed', timestamp: '1750000200', recipient_id: '971500000004',
      errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'x' } }],
    });
    const delivered = (id: string) => ({ id, status: 'delivered', timestamp: '1750000260', recipient_id: '971500000004' });
    await postWhatsApp(ctx.server.url, statusBody([failed('wamid.FD1')]));
    await postWhatsApp(ctx.server.url, statusBody([delivered('wamid.FD1')]));
    await postWhatsApp(ctx.server.url, statusBody([delivered('wamid.FD2')]));
    await postWhatsApp(ctx.server.url, statusBody([failed('wamid.FD2')]));
    const rows = await ctx.store.db.selectFrom('messages').select(['wamid', 'delivery_state', 'error_code', 'sent_at', 'counted_at'])
      .where('wamid', 'in', ['wamid.FD1', 'wamid.FD2']).orderBy('wamid').execute();
    // no `sent` ever came: sent time falls back to the earliest status, the failure at 1750000200
    expect(rows.map((r) => [r.wamid, r.delivery_state, r.error_code, r.sent_at, r.counted_at?.toISOString()])).toEqual([
      ['wamid.FD1', 'delivered', 131026, null, '2025-06-15T15:10:00.000Z'],
      ['wamid.FD2', 'delivered', 131026, null, '2025-06-15T15:10:00.000Z'],
    ]);
  });

  it('takes several statuses of one message in a single body', async () => {
    const all = steps('wamid.ONEBODY');
    expect((await postWhatsApp(ctx.server.url, statusBody([all[2], all[0], all[1], all[3]]))).status).toBe(200);
    const r = await ctx.store.db.selectFrom('messages').select(['delivery_state', 'pricing_category']).where('wamid', '=', 'wamid.ONEBODY').executeTakeFirstOrThrow();
    expect(r).toEqual({ delivery_state: 'read', pricing_category: 'utility' });
  });
});
