/** Options of the traffic generator. Time is passed in; nothing reads the clock. */
export interface SimulateOptions {
  /** Any integer; the same seed and options give identical output. */
  seed: number;
  /** First instant of the simulated window (rounded up to a whole second). */
  start: Date;
  /** Length of the window in days; events fall in [start, start + days). */
  days: number;
  /** Volume multiplier; 1 ≈ 150–250 contact-opened conversations a day. Default 1. */
  scale?: number;
  /** IANA zone whose clock drives the daily rhythm. Default 'Asia/Dubai'. */
  tz?: string;
}

/** Which collector endpoint a body is meant for. */
export type DeliverySource = 'whatsapp' | 'inbox';

/**
 * One webhook POST as the sender would deliver it. `at` is the delivery moment, which
 * trails the event timestamps inside the body (and, for statuses, may reorder them).
 * A duplicate delivery carries the very same body object: treat bodies as read-only.
 */
export interface SimulatedDelivery {
  at: Date;
  source: DeliverySource;
  body: unknown;
}

// ---- WhatsApp Cloud API shapes (as in shared/fixtures/whatsapp) ----

export interface WaMetadata {
  display_phone_number: string;
  phone_number_id: string;
}

export interface WaContact {
  profile?: { name: string };
  wa_id: string;
  user_id?: string;
}

export type WaInboundType = 'text' | 'image' | 'interactive' | 'reaction';

export interface WaInboundMessage {
  context?: { from: string; id: string };
  from: string;
  from_user_id?: string;
  id: string;
  timestamp: string;
  type: WaInboundType;
  text?: { body: string };
  image?: { caption?: string; mime_type: string; sha256: string; id: string };
  interactive?: { type: 'button_reply'; button_reply: { id: string; title: string } };
  reaction?: { message_id: string; emoji: string };
}

export type PricingCategory = 'marketing' | 'utility' | 'service' | 'authentication';

export interface WaPricing {
  billable: boolean;
  pricing_model: 'PMP';
  type: 'regular' | 'free_customer_service';
  category: PricingCategory;
}

export interface WaError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export type WaStatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface WaStatus {
  id: string;
  status: WaStatusName;
  timestamp: string;
  recipient_id: string;
  recipient_user_id?: string;
  biz_opaque_callback_data?: string;
  pricing?: WaPricing;
  errors?: WaError[];
}

export interface WaValue {
  messaging_product: 'whatsapp';
  metadata: WaMetadata;
  contacts?: WaContact[];
  messages?: WaInboundMessage[];
  statuses?: WaStatus[];
}

export interface WaWebhookBody {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { field: 'messages'; value: WaValue }[] }[];
}
