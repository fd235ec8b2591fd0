import { eventId } from './ids.js';
import { clamp, ignoredBecause, type ChatwootMapOptions, type Mapping } from './mapping.js';
import type { CwContact } from './payload.js';
import { waIdFromPhone } from './people.js';
import { parseChatwootTime } from './time.js';

/**
 * contact_created → contact.created with source `manual`. Chatwoot's payload does not say
 * how the contact came to be: agents create contacts in the UI, integrations through the API,
 * and Chatwoot itself when a new number writes to a WhatsApp inbox. Nothing in
 * Contact#webhook_data tells these apart, so `manual` is a convention, documented in
 * docs/inbox-events.md. Contact#webhook_data has no created_at either: the body's own
 * created_at is used when a version sends one, else the time the body was received.
 */
export function mapContactCreated(contact: CwContact, options: ChatwootMapOptions): Mapping {
  if (contact.id == null) return ignoredBecause('contact_created without a contact id');
  const waId = waIdFromPhone(contact.phone_number);
  if (waId === null) {
    return ignoredBecause(`contact ${contact.id} has no phone number, so no wa_id to key a WhatsApp contact on`);
  }
  const at = parseChatwootTime(contact.created_at) ?? options.receivedAt;
  if (at === undefined) {
    return ignoredBecause(`contact ${contact.id}: contact_created carries no time; pass receivedAt to map it`);
  }
  return {
    events: [
      {
        type: 'contact.created',
        // a contact is created once, so its id alone is the idempotency key
        id: eventId('contact_created', contact.id),
        at,
        contact: contact.name ? { wa_id: waId, name: clamp(contact.name, 200) } : { wa_id: waId },
        source: 'manual',
      },
    ],
    statusUpdates: [],
    inbound: [],
    ignored: [],
  };
}
