import { describe, expect, it } from 'vitest';
import { generateTraffic, type InboxEvent } from '../../../src/simulate/index.js';
import {
  DAYS, START, distinctBy, inboundMessages, inboxEvents, localParts, median, statuses, waValues,
} from './traffic.js';

// Two weeks at scale 1 in Dubai: the brief's realism claims, measured on the output.
const TZ = 'Asia/Dubai';
const deliveries = generateTraffic({ seed: 2026, start: START, days: DAYS });
const events = distinctBy(inboxEvents(deliveries), (e) => e.item.id).map((e) => e.item);
const inbound = distinctBy(inboundMessages(deliveries), (m) => m.item.id).map((m) => m.item);
const allStatuses = statuses(deliveries);
const of = <T extends InboxEvent['type']>(type: T) =>
  events.filter((e): e is Extract<InboxEvent, { type: T }> => e.type === type);
const contactOpened = of('conversation.opened').filter((e) => e.opened_by === 'contact');

describe('volume and rhythm', () => {
  it('has 150–250 contact-opened conversations a day on average', () => {
    const perDay = contactOpened.length / DAYS;
    expect(perDay).toBeGreaterThanOrEqual(150);
    expect(perDay).toBeLessThanOrEqual(250);
  });

  it('is quieter at night than at the peaks, in local time', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const m of inbound) perHour[localParts(Number(m.timestamp) * 1000, TZ).hour]! += 1;
    const night = [1, 2, 3, 4, 5].reduce((a, h) => a + perHour[h]!, 0) / 5;
    const peak = [10, 11, 19, 20].reduce((a, h) => a + perHour[h]!, 0) / 4;
    expect(night * 8).toBeLessThan(peak);
  });

  it('is quieter on Fridays than on Monday–Thursday', () => {
    const byDay = new Map<string, number>();
    for (const e of contactOpened) {
      const { weekday } = localParts(Date.parse(e.at), TZ);
      byDay.set(weekday, (byDay.get(weekday) ?? 0) + 1);
    }
    const weekdays = ['Mon', 'Tue', 'Wed', 'Thu'].map((d) => byDay.get(d) ?? 0);
    expect(byDay.get('Fri') ?? 0).toBeLessThan(Math.min(...weekdays) * 0.8);
  });
});

describe('people', () => {
  it('has 5–6 agents in two teams, one with an Arabic name, fast and slow', () => {
    const agents = of('agent.upserted').map((e) => e.agent);
    expect(agents.length).toBeGreaterThanOrEqual(5);
    expect(agents.length).toBeLessThanOrEqual(6);
    expect(new Set(agents.map((a) => a.team)).size).toBe(2);
    expect(agents.some((a) => /[\u0600-\u06FF]/.test(a.name))).toBe(true);

    // First response per contact-opened cycle, from inbox-attributed agent replies.
    const openedAt = new Map(contactOpened.map((e) => [e.conversation_id, Date.parse(e.at)]));
    const frt = new Map<string, number[]>();
    for (const e of of('message.sent')) {
      if (e.sender !== 'agent' || e.conversation_id === undefined || e.agent_id === undefined) continue;
      const open = openedAt.get(e.conversation_id);
      if (open === undefined) continue;
      openedAt.delete(e.conversation_id);
      frt.set(e.agent_id, [...(frt.get(e.agent_id) ?? []), (Date.parse(e.at) - open) / 1000]);
    }
    const medians = [...frt.values()].map(median);
    expect(Math.min(...medians)).toBeLessThan(180);
    expect(Math.max(...medians)).toBeGreaterThan(4 * Math.min(...medians));
  });

  it('has new and returning contacts from every source, some nameless, some Arabic', () => {
    const created = of('contact.created');
    expect(new Set(created.map((e) => e.source))).toEqual(new Set(['incoming_message', 'manual', 'import', 'api']));
    expect(created.some((e) => e.contact.name === undefined)).toBe(true);
    expect(created.some((e) => /[\u0600-\u06FF]/.test(e.contact.name ?? ''))).toBe(true);
    const uae = created.filter((e) => /^9715\d{8}$/.test(e.contact.wa_id ?? '')).length;
    expect(uae / created.length).toBeGreaterThan(0.5);
    expect(new Set(created.map((e) => e.contact.wa_id)).size).toBe(created.length);
    // Returning: the contact existed well before this cycle opened (imported or seen before).
    const createdAt = new Map(created.map((e) => [e.contact.wa_id, Date.parse(e.at)]));
    const returning = contactOpened.filter((e) => (createdAt.get(e.contact.wa_id) ?? 0) < Date.parse(e.at) - 60_000);
    expect(returning.length / contactOpened.length).toBeGreaterThan(0.3);
    expect(returning.length / contactOpened.length).toBeLessThan(0.7);
  });
});

describe('conversations', () => {
  it('reopens some closed cycles (~5%)', () => {
    const closed = new Set<string>();
    let reopens = 0;
    for (const e of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      if (e.type === 'conversation.closed') closed.add(e.conversation_id);
      if (e.type === 'conversation.opened' && closed.has(e.conversation_id)) reopens += 1;
    }
    expect(reopens / contactOpened.length).toBeGreaterThan(0.02);
    expect(reopens / contactOpened.length).toBeLessThan(0.1);
  });

  it('routes, queues, transfers and closes in all the ways the brief lists', () => {
    const assigned = of('conversation.assigned');
    expect(assigned.some((e) => e.agent_id === null)).toBe(true);
    expect(assigned.some((e) => e.by === 'automation')).toBe(true);
    const agentsPerCycle = new Map<string, Set<string>>();
    for (const e of assigned) if (e.agent_id) agentsPerCycle.set(e.conversation_id, (agentsPerCycle.get(e.conversation_id) ?? new Set()).add(e.agent_id));
    expect([...agentsPerCycle.values()].filter((s) => s.size > 1).length).toBeGreaterThan(20);

    const closed = of('conversation.closed');
    expect(new Set(closed.map((e) => e.closed_by))).toEqual(new Set(['agent', 'automation', 'auto_close', 'api']));
    expect(new Set(closed.map((e) => e.category))).toEqual(new Set(['billing', 'delivery', 'returns', 'other', undefined]));
    expect(new Set(of('message.sent').map((e) => e.sender))).toEqual(new Set(['agent', 'automation', 'broadcast', 'api']));
    expect(of('comment.created').length).toBeGreaterThan(0);
  });

  it('receives mostly text, plus images, button replies and reactions', () => {
    const types = new Map<string, number>();
    for (const m of inbound) types.set(m.type, (types.get(m.type) ?? 0) + 1);
    expect((types.get('text') ?? 0) / inbound.length).toBeGreaterThan(0.6);
    for (const t of ['image', 'interactive', 'reaction']) expect(types.get(t) ?? 0).toBeGreaterThan(50);
  });
});

describe('outbound and delivery noise', () => {
  const byWamid = new Map<string, Map<string, number>>();
  for (const s of allStatuses) {
    const seen = byWamid.get(s.item.id) ?? new Map<string, number>();
    if (!seen.has(s.item.status)) seen.set(s.item.status, s.index);
    byWamid.set(s.item.id, seen);
  }

  it('redelivers ~3% of WhatsApp bodies verbatim', () => {
    const wa = deliveries.filter((d) => d.source === 'whatsapp');
    const dups = wa.length - new Set(wa.map((d) => d.body)).size;
    expect(dups / wa.length).toBeGreaterThan(0.015);
    expect(dups / wa.length).toBeLessThan(0.05);
  });

  it('posts read before delivered for some messages, and some never get sent', () => {
    const reordered = [...byWamid.values()].filter((s) => (s.get('read') ?? Infinity) < (s.get('delivered') ?? -1));
    expect(reordered.length).toBeGreaterThan(50);
    const noSent = [...byWamid.values()].filter((s) => !s.has('sent') && (s.has('delivered') || s.has('read')));
    expect(noSent.length).toBeGreaterThan(20);
  });

  it('batches several statuses into one body now and then', () => {
    expect(waValues(deliveries).filter((v) => (v.item.statuses?.length ?? 0) > 1).length).toBeGreaterThan(20);
  });

  it('fails with every listed error code, and a few failures are delivered after all', () => {
    const codes = new Set(allStatuses.flatMap((s) => s.item.errors?.map((e) => e.code) ?? []));
    expect(codes).toEqual(new Set([131047, 131026, 131049, 131050, 130472, 131000]));
    const recovered = [...byWamid.values()].filter((s) => s.has('failed') && s.has('delivered'));
    expect(recovered.length).toBeGreaterThan(0);
  });

  it('attributes some agent replies only by biz_opaque_callback_data', () => {
    const sentByInbox = new Set(of('message.sent').map((e) => e.wa_message_id));
    const opaque = allStatuses.filter((s) => s.item.biz_opaque_callback_data !== undefined);
    expect(opaque.length).toBeGreaterThan(100);
    for (const s of opaque) expect(sentByInbox.has(s.item.id)).toBe(false);
  });

  it('prices service replies free and templates outside the window as billable', () => {
    const priced = allStatuses.flatMap((s) => (s.item.pricing ? [s.item.pricing] : []));
    const kinds = new Set(priced.map((p) => `${p.type}/${p.category}/${p.billable}`));
    for (const k of ['free_customer_service/service/false', 'regular/marketing/true', 'regular/utility/true', 'regular/authentication/true']) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  it('never reuses a wamid between inbound and outbound messages', () => {
    const outbound = new Set(byWamid.keys());
    expect(inbound.filter((m) => outbound.has(m.id))).toEqual([]);
  });
});
