import { contactKey, type StatusFact } from './facts.js';
import type { StatusItem } from './payload.js';

/** One status item as a fact; the first error (Meta sends one) and the pricing, flattened. */
export function statusFact(s: StatusItem, channel: string, attributionPattern: RegExp): StatusFact {
  const err = s.errors?.[0];
  return {
    wamid: s.id,
    status: s.status,
    ts: s.timestamp,
    phoneNumberId: channel,
    contact: contactKey(s.recipient_user_id, s.recipient_id),
    recipientId: s.recipient_id ?? null,
    recipientUserId: s.recipient_user_id ?? null,
    error: err
      ? { code: err.code ?? null, title: err.title ?? err.message ?? null, details: err.error_data?.details ?? null }
      : null,
    pricing: s.pricing
      ? {
          type: s.pricing.type ?? null,
          category: s.pricing.category ?? null,
          model: s.pricing.pricing_model ?? null,
          billable: s.pricing.billable ?? null,
        }
      : null,
    conversationId: s.conversation?.id ?? null,
    conversationOrigin: s.conversation?.origin?.type ?? null,
    bizOpaqueCallbackData: s.biz_opaque_callback_data ?? null,
    agentId: attributedAgent(s.biz_opaque_callback_data, attributionPattern),
  };
}

/** Agent id from biz_opaque_callback_data (`agent=<id>` by default; ATTRIBUTION_PATTERN). */
export function attributedAgent(data: string | undefined, pattern: RegExp): string | null {
  if (!data) return null;
  const id = pattern.exec(data)?.[1]?.trim();
  return id ? id : null;
}
