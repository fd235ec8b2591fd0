import { describe, expect, it } from 'vitest';
import { mapChatwootWebhook, type ChatwootMapResult } from '../../../../src/collector/chatwoot/index.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';

/**
 * Variations on the shared fixtures, one rule each. Times: 1763976300 is 2025-11-24T09:25:00Z
 * (worked out in fixtures.test.ts); the others are stated next to their use.
 */
type Body = Record<string, unknown>;
const fixture = (name: string): Body => JSON.parse(fixtureBytes(`chatwoot/${name}`).toString('utf8')) as Body;
const outgoing = fixture('message_created_outgoing.json');
const created = fixture('conversation_created.json');
const resolved = fixture('conversation_status_changed_resolved.json');
const assigned = fixture('conversation_updated_assignee.json');
const WAMID = 'wamid.HBgMOTcxNTAxMjM0NTY3FQIAERgSODg5QkE3RjJDMUE2RTRBQjFDAA==';
const RECEIVED = new Date('2025-11-24T09:06:30Z');

function ok(r: ChatwootMapResult) {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r;
}
const types = (r: ChatwootMapResult) => ok(r).events.map((e) => e.type);
/** The sample's meta.assignee (user 12) observed at the message's time: every message_created carries it. */
const OBSERVED_12 = {
  type: 'conversation.assigned',
  id: 'chatwoot:message:77002:assignee:12',
  at: new Date('2025-11-24T09:05:12Z'),
  conversation_id: 'chatwoot:4812',
  agent_id: 'chatwoot:12',
};

describe('message_created', () => {
  it('a private note → comment.created (id from the message id), nothing sent to WhatsApp', () => {
    const r = ok(mapChatwootWebhook({ ...outgoing, private: true, source_id: null, content: 'refund approved' }));
    expect(r.events).toEqual([
      {
        type: 'comment.created',
        id: 'chatwoot:message:77002:comment',
        at: new Date('2025-11-24T09:05:12Z'),
        conversation_id: 'chatwoot:4812',
        agent_id: 'chatwoot:12',
        text: 'refund approved',
      },
      OBSERVED_12,
    ]);
  });

  it('a private note by a bot is not a comment', () => {
    const r = ok(mapChatwootWebhook({ ...outgoing, private: true, sender: { id: 3, name: 'Bot', type: 'agent_bot' } }));
    // only the assignee observation: its upsert (meta.assignee has no email), then the assignment
    expect(types(r)).toEqual(['agent.upserted', 'conversation.assigned']);
    expect(r.ignored).toContain('not written by an agent');
  });

  it('incoming (0 or "incoming") → the inbound message, keyed by its source_id', () => {
    // the sender is Contact#webhook_data: a phone_number, no type
    const sender = { id: 5501, name: 'ليلى أحمد', phone_number: '+971501234567' };
    for (const message_type of ['incoming', 0]) {
      const r = ok(mapChatwootWebhook({ ...outgoing, message_type, sender, content: 'وين طلبي؟' }));
      expect(r.inbound).toEqual([
        {
          wamid: WAMID,
          at: new Date('2025-11-24T09:05:12Z'),
          type: 'text',
          preview: 'وين طلبي؟',
          contact: { wa_id: '971501234567', name: 'ليلى أحمد' },
          phoneNumberId: 'chatwoot-inbox:7',
          conversationRef: 'chatwoot:4812',
          replyToWamid: null,
        },
      ]);
      // no message.sent; the assignee (not the sender here) is upserted from meta.assignee, then observed
      expect(r.events).toEqual([
        { type: 'agent.upserted', id: 'chatwoot:message:77002:assignee-agent:12', at: new Date('2025-11-24T09:05:12Z'), agent: { id: 'chatwoot:12', name: 'Omar Haddad' } },
        OBSERVED_12,
      ]);
    }
  });

  it('outgoing without source_id → ignored until message_updated brings the wamid', () => {
    const r = ok(mapChatwootWebhook({ ...outgoing, source_id: null }));
    expect(types(r)).toEqual(['conversation.assigned']);
    expect(r.ignored).toContain('no source_id yet');
  });

  it('message_type 1 (the integer form) is outgoing too', () => {
    expect(types(mapChatwootWebhook({ ...outgoing, message_type: 1 }))).toEqual(['agent.upserted', 'message.sent', 'conversation.assigned']);
  });

  it.each([
    ['agent_bot', { id: 3, name: 'Triage bot', type: 'agent_bot' }],
    ['captain_assistant', { id: 4, name: 'Captain', type: 'captain_assistant' }],
    ['absent (automation rule)', null],
  ])('sender %s → message.sent by automation, no agent', (_label, sender) => {
    const r = ok(mapChatwootWebhook({ ...outgoing, sender }));
    expect(r.events.filter((e) => e.type === 'message.sent')).toEqual([
      {
        type: 'message.sent',
        id: 'chatwoot:message:77002:sent',
        at: new Date('2025-11-24T09:05:12Z'),
        wa_message_id: WAMID,
        conversation_id: 'chatwoot:4812',
        sender: 'automation',
      },
    ]);
  });

  it("the sender's upsert carries the team when the sender is the conversation's assignee", () => {
    const conversation = outgoing.conversation as Body & { meta: Body };
    const meta = { ...conversation.meta, team: { id: 2, name: 'Support' } }; // assignee is user 12, the sender
    const r = ok(mapChatwootWebhook({ ...outgoing, conversation: { ...conversation, meta } }));
    expect(r.events[0]).toEqual({
      type: 'agent.upserted',
      id: 'chatwoot:message:77002:agent:12',
      at: new Date('2025-11-24T09:05:12Z'),
      agent: { id: 'chatwoot:12', name: 'Omar Haddad', email: 'omar@example.com', team: 'Support' },
    });
  });

  it('a campaign message → sender broadcast', () => {
    const r = ok(mapChatwootWebhook({ ...outgoing, sender: null, additional_attributes: { campaign_id: 9 } }));
    expect(r.events.filter((e) => e.type === 'message.sent')).toMatchObject([{ type: 'message.sent', sender: 'broadcast' }]);
  });

  it('a message in a non-WhatsApp inbox → ignored', () => {
    const conversation = { ...(outgoing.conversation as Body), channel: 'Channel::WebWidget' };
    const r = ok(mapChatwootWebhook({ ...outgoing, conversation }));
    expect(r.events).toEqual([]);
    expect(r.ignored).toContain('Channel::WebWidget');
  });
});

describe('message_updated', () => {
  const updated = { ...outgoing, event: 'message_updated' };

  it('with a status → the same message.sent (same id: idempotent) plus a status update at receivedAt', () => {
    const r = ok(mapChatwootWebhook({ ...updated, status: 'delivered' }, { receivedAt: RECEIVED }));
    expect(r.events.map((e) => e.id)).toEqual(['chatwoot:message:77002:agent:12', 'chatwoot:message:77002:sent']);
    expect(r.statusUpdates).toEqual([{ wamid: WAMID, status: 'delivered', at: RECEIVED }]);
    expect(r.ignored).not.toContain('status'); // only that the sample's conversation has no created_at
  });

  it('uses the body’s updated_at when a version sends one; failed carries external_error', () => {
    const r = ok(
      mapChatwootWebhook({
        ...updated,
        status: 'failed',
        updated_at: '2025-11-24T09:07:00.000Z',
        content_attributes: { external_error: '131047: Re-engagement message' },
      }),
    );
    expect(r.statusUpdates).toEqual([
      { wamid: WAMID, status: 'failed', at: new Date('2025-11-24T09:07:00Z'), error: '131047: Re-engagement message' },
    ]);
  });

  it('without a status (upstream Chatwoot) → message.sent only, and says why', () => {
    const r = ok(mapChatwootWebhook(updated, { receivedAt: RECEIVED }));
    expect(types(r)).toEqual(['agent.upserted', 'message.sent']);
    expect(r.statusUpdates).toEqual([]);
    expect(r.ignored).toContain('no status in the payload');
  });

  it('with a status but no time at all → no status update, reason given', () => {
    const r = ok(mapChatwootWebhook({ ...updated, status: 'read' }));
    expect(r.statusUpdates).toEqual([]);
    expect(r.ignored).toContain('no receivedAt');
  });

  it('failed before WhatsApp accepted it (no source_id) → ignored', () => {
    const r = ok(mapChatwootWebhook({ ...updated, status: 'failed', source_id: null }));
    expect(r.events).toEqual([]);
    expect(r.ignored).toContain('failed before WhatsApp accepted it');
  });
});

describe('conversation_created', () => {
  it('with an assignee → opened, then the agent (with team) and the assignment', () => {
    const meta = resolved.meta; // assignee user 12, team Support
    const r = ok(mapChatwootWebhook({ ...created, meta }));
    expect(r.events.map((e) => e.id)).toEqual([
      'chatwoot:conversation_created:4812:1763974800:opened',
      'chatwoot:conversation_created:4812:1763974800:agent:12',
      'chatwoot:conversation_created:4812:1763974800:assigned:12',
    ]);
    expect(r.events[1]).toMatchObject({ agent: { id: 'chatwoot:12', team: 'Support' } });
    expect(r.events[2]).toMatchObject({ agent_id: 'chatwoot:12' });
  });

  it('first message outgoing by a user → opened_by agent with that agent', () => {
    const messages = [{ id: 1, message_type: 1, sender_type: 'User', sender_id: 12, created_at: 1763974800 }];
    const r = ok(mapChatwootWebhook({ ...created, messages }));
    expect(r.events[0]).toMatchObject({ opened_by: 'agent', agent_id: 'chatwoot:12' });
  });

  it('first message from a bot or a template → opened_by automation; no message at all → agent', () => {
    const bot = [{ id: 1, message_type: 1, sender_type: 'AgentBot', sender_id: 3 }];
    expect(ok(mapChatwootWebhook({ ...created, messages: bot })).events[0]).toMatchObject({ opened_by: 'automation' });
    expect(ok(mapChatwootWebhook({ ...created, messages: [] })).events[0]).toMatchObject({ opened_by: 'agent' });
  });

  it('an AgentBot assignee is not an agent', () => {
    const meta = { ...(created.meta as Body), assignee: { id: 3, name: 'Triage bot', type: 'agent_bot' } };
    expect(types(mapChatwootWebhook({ ...created, meta }))).toEqual(['conversation.opened']);
  });

  it('no wa_id anywhere → ignored, since a conversation needs its contact', () => {
    const meta = { ...(created.meta as Body), sender: { id: 5501, name: 'x', phone_number: null } };
    const r = ok(mapChatwootWebhook({ ...created, meta, contact_inbox: { source_id: 'a1b2-uuid' } }));
    expect(r.events).toEqual([]);
    expect(r.ignored).toContain('no WhatsApp contact');
  });
});

describe('conversation_status_changed', () => {
  const change = (previous: string, current: string) => [{ status: { previous_value: previous, current_value: current } }];

  it('resolved with no assignee and no labels → closed by automation', () => {
    const meta = { ...(resolved.meta as Body), assignee: null };
    const r = ok(mapChatwootWebhook({ ...resolved, meta, labels: [] }));
    expect(r.events).toEqual([
      {
        type: 'conversation.closed',
        id: 'chatwoot:conversation_status_changed:4812:1763976300:closed',
        at: new Date('2025-11-24T09:25:00Z'),
        conversation_id: 'chatwoot:4812',
        closed_by: 'automation',
      },
    ]);
  });

  it('updated_at as a float (Chatwoot’s to_f) keeps milliseconds, in the time and the id', () => {
    // 1763976300.25 s = 09:25:00 + 250 ms
    const r = ok(mapChatwootWebhook({ ...resolved, updated_at: 1763976300.25 }));
    expect(r.events[0]).toMatchObject({
      id: 'chatwoot:conversation_status_changed:4812:1763976300.250:closed',
      at: new Date('2025-11-24T09:25:00.250Z'),
    });
  });

  it('open after resolved (a reopen) → conversation.opened, updated_at given as ISO', () => {
    // 10:00:00Z = 09:25:00Z + 35 min = 1763976300 + 2100 = 1763978400
    const r = ok(
      mapChatwootWebhook({
        ...resolved,
        status: 'open',
        changed_attributes: change('resolved', 'open'),
        updated_at: '2025-11-24T10:00:00.000Z',
        contact_inbox: created.contact_inbox,
        messages: [{ id: 77100, message_type: 0, sender_type: 'Contact' }],
      }),
    );
    expect(r.events).toEqual([
      {
        type: 'conversation.opened',
        id: 'chatwoot:conversation_status_changed:4812:1763978400:opened',
        at: new Date('2025-11-24T10:00:00Z'),
        conversation_id: 'chatwoot:4812',
        contact: { wa_id: '971501234567', name: 'ليلى أحمد' },
        phone_number_id: 'chatwoot-inbox:7',
        opened_by: 'contact',
      },
    ]);
  });

  it.each([
    ['pending', change('open', 'pending'), 'is now pending'],
    ['snoozed', change('open', 'snoozed'), 'is now snoozed'],
    ['open', change('pending', 'open'), 'pending → open'],
  ])('%s (from %j) → nothing, with the reason', (status, changed_attributes, reason) => {
    const r = ok(mapChatwootWebhook({ ...resolved, status, changed_attributes }));
    expect(r.events).toEqual([]);
    expect(r.ignored).toContain(reason);
  });
});

describe('conversation_updated', () => {
  it('assignee removed (current_value null) → conversation.assigned with agent_id null', () => {
    const r = ok(
      mapChatwootWebhook({
        ...assigned,
        meta: { ...(assigned.meta as Body), assignee: null },
        changed_attributes: [{ assignee_id: { previous_value: 12, current_value: null } }],
      }),
    );
    expect(r.events).toEqual([
      {
        type: 'conversation.assigned',
        id: 'chatwoot:conversation_updated:4812:1763975040:assigned:none',
        at: new Date('2025-11-24T09:04:00Z'),
        conversation_id: 'chatwoot:4812',
        agent_id: null,
      },
    ]);
  });

  it('a team change alone → no event (teams ride on the assignee upsert)', () => {
    const r = ok(mapChatwootWebhook({ ...assigned, changed_attributes: [{ team_id: { previous_value: null, current_value: 2 } }] }));
    expect(r.events).toEqual([]);
    expect(r.ignored).toContain('changed team_id');
  });
});

describe('contact_created and the rest', () => {
  // Contact#webhook_data: no created_at and no type in upstream Chatwoot
  const contact = {
    event: 'contact_created',
    id: 5501,
    name: 'ليلى أحمد',
    phone_number: '+971501234567',
    email: null,
    identifier: null,
    account: { id: 3, name: 'Acme Gulf' },
    additional_attributes: {},
    custom_attributes: {},
    thumbnail: '',
  };

  it('contact_created → contact.created, source manual, at receivedAt', () => {
    expect(mapChatwootWebhook(contact, { receivedAt: RECEIVED })).toEqual({
      ok: true,
      statusUpdates: [],
      inbound: [],
      events: [
        {
          type: 'contact.created',
          id: 'chatwoot:contact_created:5501',
          at: RECEIVED,
          contact: { wa_id: '971501234567', name: 'ليلى أحمد' },
          source: 'manual',
        },
      ],
    });
  });

  it('contact_created without a phone number, or without any time → ignored with the reason', () => {
    expect(ok(mapChatwootWebhook({ ...contact, phone_number: null }, { receivedAt: RECEIVED })).ignored).toContain('no phone number');
    expect(ok(mapChatwootWebhook(contact)).ignored).toContain('pass receivedAt');
  });

  it('an unknown event → ok, no events, ignored says so', () => {
    expect(mapChatwootWebhook({ event: 'conversation_typing_on', conversation: {} })).toEqual({
      ok: true,
      events: [],
      statusUpdates: [],
      inbound: [],
      ignored: expect.stringContaining('conversation_typing_on is not mapped'),
    });
  });

  it.each([
    ['not an object', 'message_created', 'body must be a JSON object'],
    ['no event name', { id: 1 }, 'body.event is required'],
    ['a mapped event without its id', { ...created, id: undefined }, 'conversation_created body does not have the fields wapulse maps: id'],
    ['a message without its conversation', { ...outgoing, conversation: undefined }, 'conversation'],
  ])('%s → ok:false', (_label, body, error) => {
    const r = mapChatwootWebhook(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});
