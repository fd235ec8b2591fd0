import { describe, expect, it } from 'vitest';
import { contactsReport } from '../../../src/metrics/contacts.js';
import type { ReportFilters } from '../../../src/metrics/window.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedContact, seedMessage, type SeedMessage } from '../../helpers/seed.js';

// Every test: UTC window Mon 2 Nov 00:00 .. Mon 9 Nov 00:00 2026 (half-open), numbers pn1 and pn2.
const FROM = '2026-11-02T00:00:00Z';
const TO = '2026-11-09T00:00:00Z';
const rateOf = (numerator: number, denominator: number) => ({ value: denominator === 0 ? null : numerator / denominator, numerator, denominator });
const sources = (v: Partial<Record<string, number>>) => ({ incoming_message: 0, manual: 0, import: 0, api: 0, unknown: 0, ...v });

describe.each(testDatabases)('contacts report on $name', (database) => {
  const ctx = useFreshStore(database, ['pn1', 'pn2']);
  const report = (filters: ReportFilters = {}) => contactsReport(ctx.store.db, { window: { from: new Date(FROM), to: new Date(TO), tz: 'UTC' }, filters });
  const contact = (waId: string, createdAt: string, more: Partial<Parameters<typeof seedContact>[1]> = {}) => seedContact(ctx.store.db, { waId, createdAt, ...more });
  let n = 0;
  const msg = (contactId: number, direction: 'inbound' | 'outbound', channel: string, at: string, more: Partial<SeedMessage> = {}) =>
    seedMessage(ctx.store.db, { wamid: `w${++n}`, direction, contactId, channel, ...(direction === 'inbound' ? { ts: at } : { sentAt: at }), ...more });

  it('counts new contacts by source and deleted contacts; channel = number of the first message', async () => {
    const c1 = await contact('1', '2026-11-03T00:00:00Z', { source: 'manual', via: 'inbox' });
    await msg(c1, 'outbound', 'pn2', '2026-11-03T10:00:00Z'); // c1's first message: pn2
    const c2 = await contact('2', '2026-11-04T00:00:00Z', { source: null, via: 'inbound' }); // → incoming_message
    await msg(c2, 'inbound', 'pn1', '2026-11-04T09:00:00Z'); // first: pn1
    await msg(c2, 'inbound', 'pn2', '2026-11-05T09:00:00Z');
    await contact('3', '2026-11-05T00:00:00Z', { source: null, via: 'outbound' }); // → unknown; no messages
    const c4 = await contact('4', '2026-10-01T00:00:00Z', { source: 'import', deletedAt: '2026-11-06T00:00:00Z' }); // old, deleted in window
    await msg(c4, 'inbound', 'pn1', '2026-10-01T00:00:00Z');
    const c5 = await contact('5', '2026-11-08T23:59:59Z', { source: 'api', deletedAt: '2026-11-09T00:00:00Z' }); // deleted at `to`: not in window
    await msg(c5, 'inbound', 'pn2', '2026-10-01T00:00:00Z', { origin: 'history' }); // history is not the first message
    await msg(c5, 'inbound', 'pn1', '2026-11-08T23:59:59Z'); // first: pn1
    await contact('6', '2026-11-09T00:00:00Z', { source: 'manual' }); // created at `to`: not new
    await contact('8', '2026-11-02T00:00:00Z', { source: 'incoming_message', via: 'inbox', deletedAt: '2026-11-08T23:00:00Z' }); // new at `from`, and deleted

    const all = await report();
    expect(all.report).toBe('contacts');
    // new: c1 manual, c2 incoming_message (no source, seen inbound), c3 unknown, c5 api, c8 incoming_message
    expect(all.new).toEqual({ total: 5, bySource: sources({ incoming_message: 2, manual: 1, api: 1, unknown: 1 }) });
    // deleted: c4 (import), c8 (incoming_message); c5's deletion is at `to`
    expect(all.deleted).toEqual({ total: 2, bySource: sources({ import: 1, incoming_message: 1 }) });

    const pn1 = await report({ channel: 'pn1' });
    expect(pn1.new).toEqual({ total: 2, bySource: sources({ incoming_message: 1, api: 1 }) }); // c2, c5
    expect(pn1.deleted).toEqual({ total: 1, bySource: sources({ import: 1 }) }); // c4; c8 has no message at all
    const pn2 = await report({ channel: 'pn2' });
    expect(pn2.new).toEqual({ total: 1, bySource: sources({ manual: 1 }) }); // c1
    expect(pn2.deleted.total).toBe(0);
  });

  it('splits contacts who wrote in the window into new and returning across `from`', async () => {
    const a = await contact('a', '2026-10-01T00:00:00Z');
    await msg(a, 'inbound', 'pn1', '2026-11-01T23:59:59Z'); // one second before `from` → returning
    await msg(a, 'inbound', 'pn1', '2026-11-02T00:00:00Z');
    const b = await contact('b', '2026-10-01T00:00:00Z');
    await msg(b, 'inbound', 'pn1', '2026-11-02T00:00:00Z'); // exactly at `from`: in window, nothing before → new
    const c = await contact('c', '2026-10-01T00:00:00Z');
    await msg(c, 'inbound', 'pn1', '2026-10-01T00:00:00Z', { origin: 'history' }); // wrote before (history) → returning
    await msg(c, 'inbound', 'pn1', '2026-11-03T00:00:00Z');
    const d = await contact('d', '2026-10-01T00:00:00Z');
    await msg(d, 'inbound', 'pn1', '2026-10-20T00:00:00Z');
    await msg(d, 'inbound', 'pn2', '2026-11-05T00:00:00Z'); // returning overall, new to pn2
    const e = await contact('e', '2026-10-01T00:00:00Z');
    await msg(e, 'inbound', 'pn1', '2026-11-04T00:00:00Z', { type: 'reaction' }); // a reaction is not a received message
    await msg(e, 'outbound', 'pn1', '2026-11-04T01:00:00Z');
    const f = await contact('f', '2026-10-01T00:00:00Z');
    await msg(f, 'inbound', 'pn1', '2026-11-09T00:00:00Z'); // at `to`: outside
    const g = await contact('g', '2026-10-01T00:00:00Z');
    await msg(g, 'inbound', 'pn1', '2026-11-03T00:00:00Z');
    await msg(g, 'inbound', 'pn1', '2026-11-04T00:00:00Z'); // two messages, one contact → new once

    // wrote in window: a, b, c, d, g → new b, g (2); returning a, c, d (3)
    expect((await report()).newVsReturning).toEqual({ active: 5, new: 2, returning: 3 });
    // pn1: a, b, c, g → new b, g; returning a, c
    expect((await report({ channel: 'pn1' })).newVsReturning).toEqual({ active: 4, new: 2, returning: 2 });
    // pn2: d, whose earlier message was on pn1 → new
    expect((await report({ channel: 'pn2' })).newVsReturning).toEqual({ active: 1, new: 1, returning: 0 });
    // agent/team do not apply to contacts and say so
    const filtered = await report({ team: 'sales' });
    expect(filtered.ignoredFilters).toEqual(['team']);
    expect(filtered.newVsReturning).toEqual({ active: 5, new: 2, returning: 3 });
  });

  it('counts a reply within 24 h of the first outbound message in the window, by source', async () => {
    // p (manual): first outbound Tue 10:00, reply Wed 09:00 = 23 h later → replied
    const p = await contact('p', '2026-10-01T00:00:00Z', { source: 'manual' });
    await msg(p, 'outbound', 'pn1', '2026-11-03T10:00:00Z');
    await msg(p, 'outbound', 'pn1', '2026-11-03T12:00:00Z');
    await msg(p, 'inbound', 'pn1', '2026-11-04T09:00:00Z');
    // q (manual): reply 24 h + 1 s after → not replied
    const q = await contact('q', '2026-10-01T00:00:00Z', { source: 'manual' });
    await msg(q, 'outbound', 'pn1', '2026-11-04T10:00:00Z');
    await msg(q, 'inbound', 'pn1', '2026-11-05T10:00:01Z');
    // w (manual): first outbound Mon 09:00 unanswered for 24 h; the reply to the later one
    // (Thu 11:00, 74 h after the first) does not count → not replied
    const w = await contact('w', '2026-10-01T00:00:00Z', { source: 'manual' });
    await msg(w, 'outbound', 'pn1', '2026-11-02T09:00:00Z');
    await msg(w, 'outbound', 'pn1', '2026-11-05T10:00:00Z');
    await msg(w, 'inbound', 'pn1', '2026-11-05T11:00:00Z');
    // r (unknown): a reaction after 1 h does not count; a message exactly 24 h later does
    const r = await contact('r', '2026-10-01T00:00:00Z', { source: null, via: 'outbound' });
    await msg(r, 'outbound', 'pn1', '2026-11-06T08:00:00Z');
    await msg(r, 'inbound', 'pn1', '2026-11-06T09:00:00Z', { type: 'reaction' });
    await msg(r, 'inbound', 'pn1', '2026-11-07T08:00:00Z');
    // s (api): sent Sun 20:00, answered Mon 10:00 after the window ended (14 h) → replied
    const s = await contact('s', '2026-10-01T00:00:00Z', { source: 'api' });
    await msg(s, 'outbound', 'pn1', '2026-11-08T20:00:00Z');
    await msg(s, 'inbound', 'pn1', '2026-11-09T10:00:00Z');
    // t (incoming_message): wrote just before the outbound, then answered on the other number → not replied
    const t = await contact('t', '2026-10-01T00:00:00Z', { source: null, via: 'inbound' });
    await msg(t, 'inbound', 'pn1', '2026-11-04T09:59:00Z');
    await msg(t, 'outbound', 'pn1', '2026-11-04T10:00:00Z');
    await msg(t, 'inbound', 'pn2', '2026-11-04T11:00:00Z');
    // u (import): messaged before the window, and a history outbound in it → not in the denominator
    const u = await contact('u', '2026-10-01T00:00:00Z', { source: 'import' });
    await msg(u, 'outbound', 'pn1', '2026-11-01T12:00:00Z');
    await msg(u, 'outbound', 'pn1', '2026-11-03T12:00:00Z', { origin: 'history', sentAt: undefined, ts: '2026-11-03T12:00:00Z' });
    await msg(u, 'inbound', 'pn1', '2026-11-02T01:00:00Z');
    // v (import): outbound known only from the inbox event (no status yet) on pn2, reply 30 min later → replied
    const v = await contact('v', '2026-10-01T00:00:00Z', { source: 'import' });
    await msg(v, 'outbound', 'pn2', '2026-11-05T10:00:00Z', { sentAt: undefined, inboxSentAt: '2026-11-05T10:00:00Z', senderType: 'agent', agentId: 'ana' });
    await msg(v, 'inbound', 'pn2', '2026-11-05T10:30:00Z');

    const all = await report();
    // sent to: p, q, w (manual), r (unknown), s (api), t (incoming_message), v (import) = 7; replied p, r, s, v = 4
    expect(all.replyRate.total).toEqual(rateOf(4, 7));
    expect(all.replyRate.bySource).toEqual({
      manual: rateOf(1, 3), unknown: rateOf(1, 1), api: rateOf(1, 1), incoming_message: rateOf(0, 1), import: rateOf(1, 1),
    });
    // pn2: only v was sent a message on pn2 (t's pn2 message is inbound)
    expect((await report({ channel: 'pn2' })).replyRate.total).toEqual(rateOf(1, 1));
    // pn1: p, q, w, r, s, t → replied p, r, s = 3 of 6
    const pn1 = await report({ channel: 'pn1' });
    expect(pn1.replyRate.total).toEqual(rateOf(3, 6));
    expect(pn1.replyRate.bySource.import).toEqual(rateOf(0, 0));
  });
});
