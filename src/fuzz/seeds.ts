import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type Endpoint = 'whatsapp' | 'inbox' | 'chatwoot';
export type Seed = { endpoint: Endpoint; name: string; value: unknown };

const AT = '2025-11-24T09:00:00Z';

/** One inbox batch with every event type, valid as it stands (docs/inbox-events.md). */
const INBOX_BATCH = {
  events: [
    { id: 'f-1', type: 'agent.upserted', at: AT, agent: { id: 'omar', name: 'Omar', email: 'omar@example.com', team: 'Sales', slack_user_id: 'U0123ABCD' } },
    { id: 'f-2', type: 'contact.created', at: AT, contact: { wa_id: '971501234567', name: 'Layla' }, source: 'incoming_message' },
    { id: 'f-3', type: 'conversation.opened', at: AT, conversation_id: 'c-1', contact: { wa_id: '971501234567' }, phone_number_id: '106540352242922', opened_by: 'contact' },
    { id: 'f-4', type: 'conversation.assigned', at: AT, conversation_id: 'c-1', agent_id: 'omar', by: 'automation' },
    { id: 'f-5', type: 'message.sent', at: AT, wa_message_id: 'wamid.HBgMOTcxNTAxMjM0NTY3FQIAERgSQUJD', conversation_id: 'c-1', sender: 'agent', agent_id: 'omar' },
    { id: 'f-6', type: 'comment.created', at: AT, conversation_id: 'c-1', agent_id: 'omar', text: 'Called back' },
    { id: 'f-7', type: 'conversation.closed', at: AT, conversation_id: 'c-1', closed_by: 'agent', agent_id: 'omar', category: 'delivery', note: 'done' },
    { id: 'f-8', type: 'contact.deleted', at: AT, contact: { user_id: 'US.13491208655302741918' } },
  ],
};

/** Real bodies to mutate: the WhatsApp and Chatwoot fixtures under `dir`, and an inbox batch. */
export function loadSeeds(dir: string): Seed[] {
  const read = (endpoint: 'whatsapp' | 'chatwoot') =>
    readdirSync(join(dir, endpoint))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ endpoint, name: `${endpoint}/${f}`, value: JSON.parse(readFileSync(join(dir, endpoint, f), 'utf8')) as unknown }));
  return [...read('whatsapp'), ...read('chatwoot'), { endpoint: 'inbox', name: 'inbox/all-types', value: INBOX_BATCH }];
}
