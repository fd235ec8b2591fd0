import { describe, expect, it } from 'vitest';
import { mapChatwootWebhook, type ChatwootMapResult } from '../../../../src/collector/chatwoot/index.js';
import { parseInboxEvent, type InboxEvent } from '../../../../src/collector/inbox/index.js';
import { fixtureBytes, fixtureNames } from '../../../helpers/fixtures.js';

const fixture = (name: string): unknown => JSON.parse(fixtureBytes(`chatwoot/${name}`).toString('utf8'));

/*
 * Times, worked out by hand. 2025-11-24T00:00:00Z in Unix seconds:
 *   days from 1970-01-01 to 2025-01-01 = 55 × 365 + 14 leap days (1972 … 2024) = 20 089
 *   2025-11-24 is day-of-year 328 (Jan–Oct = 304 days, + 24), so 20 089 + 327 = 20 416 days
 *   20 416 × 86 400 = 1 763 942 400
 * Then each fixture's offset into that day:
 *   1763974800 − 1763942400 = 32 400 s = 9 h          → 2025-11-24T09:00:00Z (conversation created)
 *   1763975040 − 1763942400 = 32 640 s = 9 h 4 min    → 2025-11-24T09:04:00Z (assignee changed)
 *   1763976300 − 1763942400 = 33 900 s = 9 h 25 min   → 2025-11-24T09:25:00Z (resolved)
 *   message created_at is already ISO: "2025-11-24T09:05:12.000Z"
 */
const T_CREATED = new Date('2025-11-24T09:00:00Z');
const T_ASSIGNED = new Date('2025-11-24T09:04:00Z');
const T_MESSAGE = new Date('2025-11-24T09:05:12Z');
const T_RESOLVED = new Date('2025-11-24T09:25:00Z');

/** Expected mapping of every fixture in ../shared/fixtures/chatwoot. */
const EXPECTED: Record<string, ChatwootMapResult> = {
  // first (only) message has message_type 0 = incoming → opened_by contact; meta.assignee is null
  // → no agent events. wa_id = contact_inbox.source_id "971501234567" (phone_number "+971501234567"
  // agrees); inbox_id 7 → channel key chatwoot-inbox:7.
  'conversation_created.json': {
    ok: true,
    statusUpdates: [],
    inbound: [],
    events: [
      {
        type: 'conversation.opened',
        id: 'chatwoot:conversation_created:4812:1763974800:opened',
        at: T_CREATED,
        conversation_id: 'chatwoot:4812',
        contact: { wa_id: '971501234567', name: 'ليلى أحمد' },
        phone_number_id: 'chatwoot-inbox:7',
        opened_by: 'contact',
      },
    ],
  },
  // status "resolved" with assignee user 12 → closed_by agent, agent_id chatwoot:12;
  // labels ["delivery"] → category "delivery"
  'conversation_status_changed_resolved.json': {
    ok: true,
    statusUpdates: [],
    inbound: [],
    events: [
      {
        type: 'conversation.closed',
        id: 'chatwoot:conversation_status_changed:4812:1763976300:closed',
        at: T_RESOLVED,
        conversation_id: 'chatwoot:4812',
        closed_by: 'agent',
        agent_id: 'chatwoot:12',
        category: 'delivery',
      },
    ],
  },
  // changed_attributes assignee_id null → 12, and meta.assignee is user 12 in team "Support":
  // the agent's upsert carries the team, then the assignment
  'conversation_updated_assignee.json': {
    ok: true,
    statusUpdates: [],
    inbound: [],
    events: [
      {
        type: 'agent.upserted',
        id: 'chatwoot:conversation_updated:4812:1763975040:agent:12',
        at: T_ASSIGNED,
        agent: { id: 'chatwoot:12', name: 'Omar Haddad', email: 'omar@example.com', team: 'Support' },
      },
      {
        type: 'conversation.assigned',
        id: 'chatwoot:conversation_updated:4812:1763975040:assigned:12',
        at: T_ASSIGNED,
        conversation_id: 'chatwoot:4812',
        agent_id: 'chatwoot:12',
      },
    ],
  },
  // outgoing, not private, source_id present → message.sent with the wamid; sender type "user"
  // id 12 → sender agent, and the sender's webhook_data (name + email) upserts the agent.
  // meta.assignee is user 12 too → the assignee observed at the message's time (no second
  // upsert: the sender's already names him). This sample's conversation has no created_at (nor
  // contact), so no open can be inferred from it, and `ignored` says so.
  'message_created_outgoing.json': {
    ok: true,
    statusUpdates: [],
    inbound: [],
    events: [
      {
        type: 'agent.upserted',
        id: 'chatwoot:message:77002:agent:12',
        at: T_MESSAGE,
        agent: { id: 'chatwoot:12', name: 'Omar Haddad', email: 'omar@example.com' },
      },
      {
        type: 'message.sent',
        id: 'chatwoot:message:77002:sent',
        at: T_MESSAGE,
        wa_message_id: 'wamid.HBgMOTcxNTAxMjM0NTY3FQIAERgSODg5QkE3RjJDMUE2RTRBQjFDAA==',
        conversation_id: 'chatwoot:4812',
        sender: 'agent',
        agent_id: 'chatwoot:12',
      },
      {
        type: 'conversation.assigned',
        id: 'chatwoot:message:77002:assignee:12',
        at: T_MESSAGE,
        conversation_id: 'chatwoot:4812',
        agent_id: 'chatwoot:12',
      },
    ],
    ignored: "conversation 4812: no created_at in the message's conversation, so no open is inferred",
  },
};

describe('mapChatwootWebhook on the shared fixtures', () => {
  it('has an expectation for every fixture file', () => {
    expect(fixtureNames('chatwoot')).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s', (name) => {
    expect(mapChatwootWebhook(fixture(name))).toEqual(EXPECTED[name]);
  });

  it.each(Object.keys(EXPECTED))('%s: a redelivery maps to the same event ids', (name) => {
    const ids = (r: ChatwootMapResult) => (r.ok ? r.events.map((e) => e.id) : []);
    expect(ids(mapChatwootWebhook(fixture(name)))).toEqual(ids(mapChatwootWebhook(fixture(name))));
  });

  it.each(Object.keys(EXPECTED))('%s: every mapped event passes the inbox schema unchanged', (name) => {
    const r = mapChatwootWebhook(fixture(name));
    if (!r.ok) throw new Error(r.error);
    for (const event of r.events) {
      // as it would travel through POST /webhooks/inbox: JSON, with `at` as an ISO string
      const parsed = parseInboxEvent(JSON.parse(JSON.stringify(event)));
      expect(parsed).toEqual({ ok: true, event: event satisfies InboxEvent });
    }
  });
});
