/** Builds WhatsApp webhook bodies shaped like Meta's (see ../shared/fixtures/whatsapp). */
export const CHANNEL = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };

export function statusBody(statuses: unknown[], metadata = CHANNEL): string {
  return envelope({ metadata, statuses });
}

export function inboundBody(
  messages: { id: string; from: string; timestamp: string; text?: string; type?: string }[],
  metadata = CHANNEL,
): string {
  return envelope({
    metadata,
    contacts: [...new Set(messages.map((m) => m.from))].map((wa_id) => ({ profile: { name: `Contact ${wa_id}` }, wa_id })),
    messages: messages.map((m) => ({
      from: m.from,
      id: m.id,
      timestamp: m.timestamp,
      type: m.type ?? 'text',
      ...(m.type && m.type !== 'text' ? {} : { text: { body: m.text ?? 'hello' } }),
    })),
  });
}

function envelope(value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', ...value } }] }],
  });
}
