import { z } from 'zod';

/**
 * Zod schemas for Meta's WhatsApp Cloud API webhook bodies.
 * None is strict: Meta adds fields without notice, and unknown fields must pass through
 * (the raw body keeps them). Each item is parsed on its own so one malformed status does
 * not cost the rest of the body.
 */

/** Unix seconds, as a string (Meta's form) or a number; converted to a Date. */
export const UnixSeconds = z
  .union([z.string().regex(/^\d{1,12}$/, 'expected Unix seconds'), z.number().int().nonnegative()])
  .transform((v) => new Date(Number(v) * 1000));

const ErrorItem = z.object({
  code: z.number().int().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});
export type WhatsAppError = z.infer<typeof ErrorItem>;

export const Envelope = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export const Metadata = z.object({
  display_phone_number: z.string().optional(),
  phone_number_id: z.string().min(1),
});

export const ContactItem = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
});
export type ContactItem = z.infer<typeof ContactItem>;

/** Inbound message, echo or history message: shared core fields; the type body stays raw. */
export const MessageItem = z
  .object({
    id: z.string().min(1),
    from: z.string().optional(),
    from_user_id: z.string().optional(),
    to: z.string().optional(),
    timestamp: UnixSeconds,
    type: z.string().min(1),
    context: z.object({ id: z.string().optional() }).optional(),
    text: z.object({ body: z.string() }).optional(),
    errors: z.array(ErrorItem).optional(),
  })
  .loose();
export type MessageItem = z.infer<typeof MessageItem>;

export const StatusItem = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: UnixSeconds,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .object({ id: z.string().optional(), origin: z.object({ type: z.string() }).optional() })
    .optional(),
  pricing: z
    .object({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      type: z.string().optional(),
      category: z.string().optional(),
    })
    .optional(),
  errors: z.array(ErrorItem).optional(),
});
export type StatusItem = z.infer<typeof StatusItem>;

export const HistoryChunk = z.object({
  threads: z
    .array(z.object({ id: z.string(), messages: z.array(z.unknown()).default([]) }))
    .default([]),
});

/** `value` of a `messages` or `smb_message_echoes` change: arrays stay unknown[] for per-item parsing. */
export const ChangeValue = z.object({
  metadata: Metadata,
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  message_echoes: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
  history: z.array(z.unknown()).optional(),
});
export type ChangeValue = z.infer<typeof ChangeValue>;
