import { describe, expect, it } from 'vitest';
import { parseInboxBatch, parseInboxEvent, type FieldError } from '../../../../src/collector/inbox/index.js';

/** One valid event of every type, written as a sender would (ids as numbers here and there). */
const VALID = [
  { id: 'e1', type: 'agent.upserted', at: '2025-11-24T08:00:00Z', agent: { id: 12, name: 'Omar Haddad', email: 'omar@example.com', team: 'Support', slack_user_id: 'U0456LAYLA' } },
  { id: 'e2', type: 'contact.created', at: '2025-11-24T08:59:00Z', contact: { wa_id: '+971501234567', name: 'ليلى أحمد' }, source: 'incoming_message' },
  { id: 'e3', type: 'contact.deleted', at: '2025-11-24T10:00:00Z', contact: { user_id: 'AE.99120031234567891' } },
  { id: 'e4', type: 'conversation.opened', at: '2025-11-24T13:00:00+04:00', conversation_id: 4812, contact: { wa_id: '971501234567' }, phone_number_id: '106540352242922', opened_by: 'contact' },
  { id: 'e5', type: 'conversation.assigned', at: '2025-11-24T09:04:00Z', conversation_id: '4812', agent_id: 12, by: 'automation' },
  { id: 'e6', type: 'conversation.assigned', at: '2025-11-24T09:06:00Z', conversation_id: '4812', agent_id: null },
  { id: 'e7', type: 'conversation.closed', at: '2025-11-24T09:25:00.500Z', conversation_id: '4812', closed_by: 'agent', agent_id: '12', category: 'delivery', note: null },
  { id: 'e8', type: 'message.sent', at: '2025-11-24T09:05:12Z', wa_message_id: 'wamid.ABC', conversation_id: '4812', sender: 'agent', agent_id: '12' },
  { id: 'e9', type: 'comment.created', at: '2025-11-24T09:10:00Z', conversation_id: '4812', agent_id: '12', text: 'refund approved' },
];

const errorsOf = (raw: unknown): FieldError[] => {
  const r = parseInboxEvent(raw);
  if (r.ok) throw new Error('expected the event to be rejected');
  return r.errors;
};
const opened = VALID[3]!;

describe('parseInboxBatch: a valid batch', () => {
  it('accepts every type, normalising ids to strings and times to Dates', () => {
    const r = parseInboxBatch({ events: VALID });
    if (!r.ok) throw new Error(r.error);
    expect(r.rejected).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.accepted.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
    const [agent, contact, , open, assigned, unassigned, closed] = r.accepted;
    // agent id 12 (a JSON number) becomes the string "12"
    expect(agent).toMatchObject({ type: 'agent.upserted', agent: { id: '12', name: 'Omar Haddad', slack_user_id: 'U0456LAYLA' } });
    // the leading + of the wa_id is dropped: wa_ids are digits only
    expect(contact).toMatchObject({ contact: { wa_id: '971501234567' } });
    // 13:00 at +04:00 is 09:00 UTC
    expect(open?.at).toEqual(new Date('2025-11-24T09:00:00.000Z'));
    expect(open).toMatchObject({ conversation_id: '4812', phone_number_id: '106540352242922', opened_by: 'contact' });
    expect(assigned).toMatchObject({ agent_id: '12', by: 'automation' });
    expect(unassigned).toMatchObject({ agent_id: null });
    // fractional seconds are kept to the millisecond
    expect(closed?.at.getTime()).toBe(Date.UTC(2025, 10, 24, 9, 25, 0, 500));
  });

  it('accepts an empty batch and exactly 1000 events', () => {
    expect(parseInboxBatch({ events: [] })).toEqual({ ok: true, accepted: [], rejected: [], duplicates: [] });
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...VALID[8], id: `c${i}` }));
    const r = parseInboxBatch({ events: many });
    expect(r.ok && r.accepted.length).toBe(1000);
  });
});

describe('parseInboxBatch: the body as a whole', () => {
  it.each([
    ['not an object', [VALID[0]], 'body must be a JSON object'],
    ['null', null, 'body must be a JSON object'],
    ['no events key', { event: [] }, 'body.events is required'],
    ['events not an array', { events: { 0: VALID[0] } }, 'body.events must be an array'],
    ['1001 events', { events: Array.from({ length: 1001 }, () => VALID[0]) }, 'body.events has 1001 events; at most 1000'],
  ])('%s → ok:false', (_label, body, message) => {
    const r = parseInboxBatch(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('parseInboxEvent: each invalid case names the field', () => {
  it('unknown type → field "type", listing the known types', () => {
    const errors = errorsOf({ id: 'x1', type: 'conversation.reopened', at: '2025-11-24T09:00:00Z' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('type');
    expect(errors[0]?.message).toContain('unknown event type "conversation.reopened"');
    expect(errors[0]?.message).toContain('conversation.opened');
  });

  it('missing type → "type is required", and a bad id/at is reported with it', () => {
    expect(errorsOf({ id: '', at: 'soon' }).map((e) => e.field)).toEqual(['type', 'id', 'at']);
  });

  it('missing required field → "is required"', () => {
    const { closed_by: _omitted, ...noClosedBy } = VALID[6]!;
    expect(errorsOf(noClosedBy)).toEqual([{ field: 'closed_by', message: 'is required' }]);
    // agent_id may be null but not absent: null is an explicit "unassigned"
    const { agent_id: _a, ...noAgent } = VALID[5]!;
    expect(errorsOf(noAgent)).toEqual([{ field: 'agent_id', message: 'is required' }]);
  });

  it('wrong type → names the field, nested fields by dotted path', () => {
    expect(errorsOf({ ...VALID[4], agent_id: true })).toEqual([
      { field: 'agent_id', message: 'must be a non-empty string (at most 200 characters) or an integer' },
    ]);
    expect(errorsOf({ ...VALID[0], agent: { id: 12, name: 42 } })).toEqual([{ field: 'agent.name', message: 'must be a string' }]);
    expect(errorsOf({ ...VALID[8], text: ['a'] })).toEqual([{ field: 'text', message: 'must be a string' }]);
  });

  it('enum fields accept only the listed values', () => {
    const errors = errorsOf({ ...opened, opened_by: 'bot' });
    expect(errors.map((e) => e.field)).toEqual(['opened_by']);
    expect(errors[0]?.message).toContain('"automation"');
    expect(errorsOf({ ...VALID[7], sender: 'human' }).map((e) => e.field)).toEqual(['sender']);
    expect(errorsOf({ ...VALID[1], source: 'csv' }).map((e) => e.field)).toEqual(['source']);
  });

  it.each([
    ['no time zone', '2025-11-24T09:25:00', 'has no time zone'],
    ['space instead of T, no zone', '2025-11-24 09:25:00', 'has no time zone'],
    ['not a timestamp', 'yesterday', 'is not an ISO 8601 timestamp'],
    ['no seconds', '2025-11-24T09:25Z', 'is not an ISO 8601 timestamp'],
    ['30 February', '2025-02-30T09:25:00Z', 'is not a real date and time'],
    ['Unix seconds as a number', 1763976300, 'got number'],
  ])('bad timestamp (%s) → field "at"', (_label, at, message) => {
    const errors = errorsOf({ ...VALID[8], at });
    expect(errors.map((e) => e.field)).toEqual(['at']);
    expect(errors[0]?.message).toContain(message);
  });

  it('missing contact keys → field "contact"; a malformed wa_id → "contact.wa_id"', () => {
    expect(errorsOf({ ...opened, contact: { name: 'Layla' } })).toEqual([
      { field: 'contact', message: 'needs at least one of wa_id, user_id' },
    ]);
    expect(errorsOf({ ...VALID[2], contact: {} })).toEqual([{ field: 'contact', message: 'needs at least one of wa_id, user_id' }]);
    expect(errorsOf({ ...opened, contact: { wa_id: '050 123 4567' } }).map((e) => e.field)).toEqual(['contact.wa_id']);
    expect(errorsOf({ ...opened, contact: undefined })).toEqual([{ field: 'contact', message: 'is required' }]);
  });

  it('event ids: non-empty string of at most 200 characters', () => {
    expect(errorsOf({ ...VALID[8], id: '' })).toEqual([{ field: 'id', message: 'must not be empty' }]);
    expect(errorsOf({ ...VALID[8], id: 'x'.repeat(201) })).toEqual([{ field: 'id', message: 'must be at most 200 characters' }]);
    expect(errorsOf({ ...VALID[8], id: 7 })).toEqual([{ field: 'id', message: 'must be a string' }]);
    expect(parseInboxEvent({ ...VALID[8], id: 'x'.repeat(200) }).ok).toBe(true);
  });

  it('a Slack handle is not a Slack member id', () => {
    expect(errorsOf({ ...VALID[0], agent: { id: 1, name: 'Layla', slack_user_id: '@layla' } }).map((e) => e.field)).toEqual([
      'agent.slack_user_id',
    ]);
  });

  it('an event that is not an object → field "(event)"', () => {
    expect(errorsOf('agent.upserted')).toEqual([{ field: '(event)', message: 'must be a JSON object' }]);
  });
});

describe('parseInboxBatch: mixed batches', () => {
  it('keeps the valid events and lists each rejected one with index, id and fields', () => {
    const r = parseInboxBatch({
      events: [
        VALID[3],
        { ...VALID[6], id: 'bad-close', closed_by: 'customer' },
        VALID[7],
        { id: 'bad-type', type: 'ticket.created', at: '2025-11-24T09:00:00Z' },
        42,
      ],
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.accepted.map((e) => e.id)).toEqual(['e4', 'e8']);
    expect(r.rejected.map((x) => [x.index, x.id, x.errors.map((e) => e.field)])).toEqual([
      [1, 'bad-close', ['closed_by']],
      [3, 'bad-type', ['type']],
      [4, null, ['(event)']],
    ]);
  });

  it('a repeated id keeps its first occurrence, valid or not', () => {
    const r = parseInboxBatch({
      events: [VALID[8], { ...VALID[8], text: 'second copy' }, { ...VALID[7], id: 'e8', sender: 'nobody' }, { ...VALID[7] }],
    });
    if (!r.ok) throw new Error(r.error);
    // index 0 (e9) and index 2 (e8, invalid) are first occurrences; 1 and 3 repeat them
    expect(r.accepted).toHaveLength(1);
    expect(r.accepted[0]).toMatchObject({ id: 'e9', text: 'refund approved' });
    expect(r.rejected.map((x) => [x.index, x.id])).toEqual([[2, 'e8']]);
    expect(r.duplicates).toEqual([
      { index: 1, id: 'e9', firstIndex: 0 },
      { index: 3, id: 'e8', firstIndex: 2 },
    ]);
  });
});
