import { CAPTIONS, MIME_TYPES } from './content.js';
import type { SimContact } from './contacts.js';
import type { Channel, SimContext } from './context.js';
import type { WaInboundMessage } from './types.js';
import { unixSeconds } from './whatsapp-bodies.js';

/** What the contact sends; buttons and reactions point at one of our messages. */
export type InboundSpec =
  | { kind: 'text'; text: string }
  | { kind: 'image' }
  | { kind: 'button'; replyTo: string; button: { id: string; title: string } }
  | { kind: 'reaction'; to: string; emoji: string };

/**
 * Posts one inbound message webhook and records it on the contact (the 24 h window).
 * Returns the message's wamid.
 */
export function sendInbound(
  ctx: SimContext,
  channel: Channel,
  contact: SimContact,
  ms: number,
  spec: InboundSpec,
): string {
  const { rng, ids } = ctx;
  const id = ids.wamid(contact.waId, 'in');
  const head: Pick<WaInboundMessage, 'from' | 'from_user_id' | 'id' | 'timestamp'> = {
    from: contact.waId,
    ...(contact.userId !== null ? { from_user_id: contact.userId } : {}),
    id,
    timestamp: unixSeconds(ms),
  };
  let message: WaInboundMessage;
  switch (spec.kind) {
    case 'text':
      message = { ...head, type: 'text', text: { body: spec.text.replace('{n}', String(rng.int(10_000, 99_999))) } };
      break;
    case 'image': {
      const image = { mime_type: rng.pick(MIME_TYPES), sha256: ids.sha256(), id: ids.mediaId() };
      message = { ...head, type: 'image', image: rng.chance(0.5) ? { caption: rng.pick(CAPTIONS), ...image } : image };
      break;
    }
    case 'button':
      message = {
        context: { from: channel.display, id: spec.replyTo },
        ...head,
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: spec.button },
      };
      break;
    case 'reaction':
      message = { ...head, type: 'reaction', reaction: { message_id: spec.to, emoji: spec.emoji } };
      break;
    default: {
      const never: never = spec;
      throw new Error(`unknown inbound kind ${String(never)}`);
    }
  }
  ctx.out.inbound(channel, contact, message, ms);
  // Reactions do not reopen the customer service window; other messages do.
  if (spec.kind !== 'reaction') contact.lastInboundAt = Math.max(contact.lastInboundAt, ms);
  return id;
}
