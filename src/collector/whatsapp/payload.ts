import { z } from 'zod';
import { KEY_MAX, TEXT_MAX, WORD_MAX, clip } from '../limits.js';

/**
 * Zod schemas for Meta's WhatsApp Cloud API webhook bodies.
 * None is strict: Meta adds fields without notice, and unknown fields must pass through
 * (the raw body keeps them). Each item is parsed on its own so one malformed status does
 * not cost the rest of the body.
 */

/**
 * Unix seconds, as a string (Meta's form) or a number; converted to a Date. Up to 16 digits
 * are read so that a millisecond value is named as an implausible time (normalize checks the
 * range against the receipt time) rather than as a format error.
 */
export const UnixSeconds = z
  .union([z.string().regex(/^\d{1,16}$/, 'expected Unix seconds'), z.number().int().nonnegative()])
  .transform((v) => new Date(Number(v) * 1000));

/** An id used as a key (wamid, phone ids): over KEY_MAX the item is refused, never cut. */
const Key = z.string().min(1).max(KEY_MAX, `must be at most ${KEY_MAX} characters`);
/** A word stored as given (message type, status): bounded like a key. */
const Word = z.string().min(1).max(WORD_MAX, `must be at most ${WORD_MAX} characters`);
/** Free text or a descriptive word: cut to its bound and kept. */
const text = (max = TEXT_MAX) => z.string().transform((s) => clip(s, max));

// code: any number here; normalize keeps int4 values and names the others as problems
const ErrorItem = z.object({
  code: z.number().optional(),
  title: text().optional(),
  message: text().optional(),
  error_data: z.object({ details: text().optional() }).optional(),
});
export const WhatsAppErrorItem = ErrorItem;
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
  display_phone_number: text(WORD_MAX).optional(),
  phone_number_id: Key,
});

export const ContactItem = z.object({
  wa_id: Key.optional(),
  user_id: Key.optional(),
  profile: z.object({ name: text().optional(), username: text().optional() }).optional(),
});
export type ContactItem = z.infer<typeof ContactItem>;

/** Inbound message, echo or history message: shared core fields; the type body stays raw. */
export const MessageItem = z
  .object({
    id: Key,
    from: Key.optional(),
    from_user_id: Key.optional(),
    to: Key.optional(),
    timestamp: UnixSeconds,
    type: Word,
    context: z.object({ id: Key.optional() }).optional(),
    text: z.object({ body: z.string() }).optional(),
    errors: z.array(ErrorItem).optional(),
  })
  .loose();
export type MessageItem = z.infer<typeof MessageItem>;

export const StatusItem = z.object({
  id: Key,
  status: Word,
  timestamp: UnixSeconds,
  recipient_id: Key.optional(),
  recipient_user_id: Key.optional(),
  // Meta caps it at 512 characters; the agent pattern reads it, so it is cut, not refused
  biz_opaque_callback_data: text().optional(),
  conversation: z
    .object({ id: Key.optional(), origin: z.object({ type: text(WORD_MAX) }).optional() })
    .optional(),
  pricing: z
    .object({
      billable: z.boolean().optional(),
      pricing_model: text(WORD_MAX).optional(),
      type: text(WORD_MAX).optional(),
      category: text(WORD_MAX).optional(),
    })
    .optional(),
  errors: z.array(ErrorItem).optional(),
});
export type StatusItem = z.infer<typeof StatusItem>;

export const HistoryChunk = z.object({
  threads: z
    .array(z.object({ id: Key, messages: z.array(z.unknown()).default([]) }))
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
