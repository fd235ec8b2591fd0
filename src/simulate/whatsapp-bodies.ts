import type { SimContact } from './contacts.js';
import { WABA_ID, type Channel } from './context.js';
import type { PricingCategory, WaContact, WaPricing, WaValue, WaWebhookBody } from './types.js';

/** Cloud API timestamps: Unix seconds as a string. */
export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

/** Meta's envelope around one change of field `messages` for one business number. */
export function envelope(channel: Channel, parts: Omit<WaValue, 'messaging_product' | 'metadata'>): WaWebhookBody {
  const value: WaValue = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: channel.display, phone_number_id: channel.phoneNumberId },
    ...parts,
  };
  return { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes: [{ field: 'messages', value }] }] };
}

/** The `contacts[]` entry for a contact: profile only when WhatsApp knows a name. */
export function waContact(contact: SimContact): WaContact {
  const entry: WaContact =
    contact.name === null ? { wa_id: contact.waId } : { profile: { name: contact.name }, wa_id: contact.waId };
  if (contact.userId !== null) entry.user_id = contact.userId;
  return entry;
}

/**
 * Per-message pricing (PMP). Service replies and utility templates inside the customer
 * service window are free; marketing and authentication are always charged, as is
 * anything template-based sent outside the window.
 */
export function pricingFor(category: PricingCategory, insideWindow: boolean): WaPricing {
  const free = insideWindow && (category === 'service' || category === 'utility');
  return free
    ? { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category }
    : { billable: true, pricing_model: 'PMP', type: 'regular', category };
}
