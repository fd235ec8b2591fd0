import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateTraffic } from '../../../src/simulate/index.js';
import { DAYS, START, distinctBy, inboxEvents, statuses } from './traffic.js';

// SPEC.md "Team inbox" table, field for field; strict so nothing unlisted slips in.
const base = { id: z.string().min(1), at: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) };
const conversationId = z.string().regex(/^sim-c-\d+$/);
const event = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('agent.upserted'),
    agent: z.strictObject({
      id: z.string(),
      name: z.string(),
      email: z.string().optional(),
      team: z.string().optional(),
      slack_user_id: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...base,
    type: z.literal('contact.created'),
    contact: z.strictObject({ wa_id: z.string().optional(), user_id: z.string().optional(), name: z.string().optional() }),
    source: z.enum(['incoming_message', 'manual', 'import', 'api']),
  }),
  z.strictObject({
    ...base,
    type: z.literal('conversation.opened'),
    conversation_id: conversationId,
    contact: z.strictObject({ wa_id: z.string() }),
    phone_number_id: z.enum(['106540352242922', '106540352242923']),
    opened_by: z.enum(['contact', 'agent', 'automation', 'api']),
    agent_id: z.string().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('conversation.assigned'),
    conversation_id: conversationId,
    agent_id: z.string().nullable(),
    by: z.string().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('conversation.closed'),
    conversation_id: conversationId,
    closed_by: z.enum(['agent', 'automation', 'auto_close', 'api']),
    agent_id: z.string().optional(),
    category: z.enum(['billing', 'delivery', 'returns', 'other']).optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('message.sent'),
    wa_message_id: z.string().startsWith('wamid.'),
    conversation_id: conversationId.optional(),
    sender: z.enum(['agent', 'automation', 'broadcast', 'api']),
    agent_id: z.string().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('comment.created'),
    conversation_id: conversationId,
    agent_id: z.string(),
    text: z.string().min(1),
  }),
]);

const deliveries = generateTraffic({ seed: 5, start: START, days: DAYS });
const all = inboxEvents(deliveries);
const events = distinctBy(all, (e) => e.item.id).map((e) => e.item);

describe('simulated inbox events', () => {
  it('all have the SPEC fields and nothing else', () => {
    expect(events.length).toBeGreaterThan(5_000);
    for (const e of events) event.parse(e);
    for (const d of deliveries.filter((x) => x.source === 'inbox')) {
      expect(Object.keys(d.body as object)).toEqual(['events']);
    }
  });

  it('cover every type, with id, type and at first', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['agent.upserted', 'contact.created', 'conversation.opened', 'conversation.assigned',
        'conversation.closed', 'message.sent', 'comment.created']),
    );
    for (const e of events.slice(0, 500)) expect(Object.keys(e).slice(0, 3)).toEqual(['id', 'type', 'at']);
  });

  it('have unique ids, and a repeated id always means the identical event', () => {
    const byId = new Map<string, string>();
    for (const { item } of all) {
      const json = JSON.stringify(item);
      expect(byId.get(item.id) ?? json).toBe(json);
      byId.set(item.id, json);
    }
  });

  it('refer only to agents that were upserted at the start', () => {
    const agents = new Set(events.filter((e) => e.type === 'agent.upserted').map((e) => e.type === 'agent.upserted' && e.agent.id));
    expect(deliveries[0]!.source).toBe('inbox');
    for (const e of events) {
      if ('agent_id' in e && e.agent_id != null) expect(agents.has(e.agent_id), e.agent_id).toBe(true);
    }
    for (const s of statuses(deliveries)) {
      const tag = s.item.biz_opaque_callback_data;
      if (tag !== undefined) expect(agents.has(tag.replace(/^agent=/, '')), tag).toBe(true);
    }
  });

  it('open a conversation before anything else refers to it', () => {
    const opened = new Set<string>();
    for (const e of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      if (e.type === 'conversation.opened') opened.add(e.conversation_id);
      else if ('conversation_id' in e && e.conversation_id !== undefined) {
        expect(opened.has(e.conversation_id), `${e.type} ${e.conversation_id}`).toBe(true);
      }
    }
  });
});
