import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapChatwootWebhook, type ChatwootMapResult } from '../../../../src/collector/chatwoot/index.js';
import { parseInboxEvent } from '../../../../src/collector/inbox/index.js';
import { FIXTURES_DIR } from '../../../helpers/fixtures.js';

/**
 * Incoming messages and inferred opens, on the captured Chatwoot Cloud body
 * (test/fixtures/chatwoot-captured/README.md) and variations of it, one rule each.
 * Times: created_at "2026-04-23T19:14:22.978Z"; conversation created_at 1776971606 — the push
 * data's created_at 1776971662 is that same message's to_i (19:14:22), 56 s later → 19:13:26Z.
 */
type Body = Record<string, unknown>;
const captured = JSON.parse(readFileSync(new URL('chatwoot-captured/message_created_incoming_cloud.json', FIXTURES_DIR), 'utf8')) as Body & {
  conversation: Body & { meta: Body & { sender: Body } };
};
const WAMID = 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgWM0VCMERBNkEyODNCNEEwMURBRDQwRAA=';
const AT = new Date('2026-04-23T19:14:22.978Z');
const OPENED_AT = new Date('2026-04-23T19:13:26Z');

function ok(r: ChatwootMapResult) {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r;
}

describe('an incoming message_created (captured from Chatwoot Cloud)', () => {
  it('→ the inbound message, the inferred open and the observed assignee', () => {
    expect(mapChatwootWebhook(captured)).toEqual({
      ok: true,
      statusUpdates: [],
      inbound: [
        {
          wamid: WAMID,
          at: AT,
          type: 'text',
          preview: 'Make it 8',
          // sender.phone_number "+447700900123"; contact_inbox.source_id agrees
          contact: { wa_id: '447700900123', name: 'Pieter V' },
          phoneNumberId: 'chatwoot-inbox:96568',
          conversationRef: 'chatwoot:1681',
          replyToWamid: null,
        },
      ],
      events: [
        {
          type: 'conversation.opened',
          id: 'chatwoot:conversation:1681:1776971606:inferred-open',
          at: OPENED_AT,
          conversation_id: 'chatwoot:1681',
          contact: { wa_id: '447700900123', name: 'Pieter V' },
          phone_number_id: 'chatwoot-inbox:96568',
          opened_by: 'contact',
          inferred: true,
        },
        // meta.assignee is User#push_event_data: a name, no email; meta.team null
        { type: 'agent.upserted', id: 'chatwoot:message:589120994:assignee-agent:155842', at: AT, agent: { id: 'chatwoot:155842', name: 'Anna Botha' } },
        { type: 'conversation.assigned', id: 'chatwoot:message:589120994:assignee:155842', at: AT, conversation_id: 'chatwoot:1681', agent_id: 'chatwoot:155842' },
      ],
    });
  });

  it('every event passes the inbox schema unchanged (inferred included)', () => {
    for (const event of ok(mapChatwootWebhook(captured)).events) {
      expect(parseInboxEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, event });
    }
  });

  it('message_updated for it: the same inbound message and open, no second assignee observation', () => {
    const r = ok(mapChatwootWebhook({ ...captured, event: 'message_updated' }));
    expect(r.inbound.map((m) => m.wamid)).toEqual([WAMID]);
    expect(r.events.map((e) => e.id)).toEqual(['chatwoot:conversation:1681:1776971606:inferred-open']);
  });

  it.each([
    ['an image', { attachments: [{ id: 1, file_type: 'image' }], content: null }, 'image', '[image]'],
    ['a document with a caption', { attachments: [{ id: 1, file_type: 'file' }], content: 'invoice.pdf' }, 'document', 'invoice.pdf'],
    ['a voice note', { attachments: [{ id: 1, file_type: 'audio' }], content: null }, 'audio', '[audio]'],
    ['a contact card', { attachments: [{ id: 1, file_type: 'contact' }], content: null }, 'contacts', '[contacts]'],
    ['a sticker content type', { content_type: 'sticker', content: null }, 'sticker', '[sticker]'],
    ['a reaction (versions that keep them)', { content_attributes: { is_reaction: true }, content: '👍' }, 'reaction', '👍'],
  ])('%s → type %s', (_label, patch, type, preview) => {
    const [m] = ok(mapChatwootWebhook({ ...captured, ...patch })).inbound;
    expect([m?.type, m?.preview]).toEqual([type, preview]);
  });

  it('a long text is cut to 200 characters for the preview, as WhatsApp previews are', () => {
    const [m] = ok(mapChatwootWebhook({ ...captured, content: 'ا'.repeat(250) })).inbound;
    expect(m?.preview).toBe('ا'.repeat(200));
  });

  it('without source_id → keyed chatwoot:message:<id>, never mistaken for a wamid', () => {
    const [m] = ok(mapChatwootWebhook({ ...captured, source_id: null })).inbound;
    expect(m?.wamid).toBe('chatwoot:message:589120994');
  });

  it('a sender without a phone → the contact from contact_inbox.source_id', () => {
    const [m] = ok(mapChatwootWebhook({ ...captured, sender: { id: 699428938, name: 'Pieter V' } })).inbound;
    expect(m?.contact).toEqual({ wa_id: '447700900123', name: 'Pieter V' });
  });

  it('a blocked contact: the message is recorded, but no open is inferred', () => {
    const meta = { ...captured.conversation.meta, sender: { ...captured.conversation.meta.sender, blocked: true } };
    const r = ok(mapChatwootWebhook({ ...captured, conversation: { ...captured.conversation, meta } }));
    expect(r.inbound).toHaveLength(1);
    expect(r.events.map((e) => e.type)).not.toContain('conversation.opened');
    expect(r.ignored).toContain('blocked');
  });

  it('opener of an inferred open: a user reply → agent; a bot → automation; a private note → the last public message', () => {
    const opener = (patch: Body) => {
      const e = ok(mapChatwootWebhook({ ...captured, ...patch })).events.find((x) => x.type === 'conversation.opened');
      return e && e.type === 'conversation.opened' ? [e.opened_by, e.agent_id ?? null] : null;
    };
    const user = { id: 155842, name: 'Anna Botha', email: 'anna@example.com', type: 'user' };
    expect(opener({ message_type: 'outgoing', sender: user })).toEqual(['agent', 'chatwoot:155842']);
    expect(opener({ message_type: 'outgoing', sender: { id: 3, name: 'Bot', type: 'agent_bot' } })).toEqual(['automation', null]);
    expect(opener({ message_type: 'template', sender: null })).toEqual(['automation', null]);
    // messages[0] is the incoming "Make it 8" (message_type 0) → contact
    expect(opener({ message_type: 'outgoing', private: true, sender: user })).toEqual(['contact', null]);
  });
});
