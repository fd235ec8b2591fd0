import type { SimContact } from './contacts.js';
import { MINUTE, SECOND, type Channel, type SimContext } from './context.js';
import { waError, type FailureCode } from './failures.js';
import type { Sender } from './inbox-types.js';
import type { TimedStatus } from './outbox.js';
import type { PricingCategory, WaStatus, WaStatusName } from './types.js';
import { pricingFor, unixSeconds } from './whatsapp-bodies.js';

/** One message the business sends, as the caller decides it. */
export interface OutboundPlan {
  channel: Channel;
  contact: SimContact;
  /** Moment the send request is made (ms). */
  ms: number;
  sender: Sender;
  agentId?: string;
  conversationId?: string;
  category: PricingCategory;
  insideWindow: boolean;
  /**
   * How the collector learns who sent it: an inbox `message.sent` event, or only the
   * `biz_opaque_callback_data` ("agent=<id>") echoed on every status.
   */
  attribution: 'inbox' | 'opaque';
  /** Delay after sending until the contact looks at it, or null if they never do. */
  seenAfterMs: number | null;
  failure?: FailureCode;
  /** When given, statuses are collected for a batched body instead of posted one by one. */
  batch?: TimedStatus[];
}

interface Planned {
  item: TimedStatus;
  at?: number;
}

export interface OutboundResult {
  wamid: string;
  /** When the contact saw the message (whether or not a `read` receipt reports it). */
  seenMs: number | null;
}

/**
 * Sends one message: the inbox's `message.sent` and the status webhooks sent → delivered →
 * read (or failed), with the noise real traffic has — a missing `sent`, `delivered` posted
 * after `read`, a failure followed later by a delivery.
 */
export function sendOutbound(ctx: SimContext, plan: OutboundPlan): OutboundResult {
  const { rng, ids, out } = ctx;
  const { contact, ms } = plan;
  const wamid = ids.wamid(contact.waId, 'out');
  if (plan.attribution === 'inbox') {
    out.inbox([{ draft: messageSent(plan, wamid), ms }]);
  }
  const pricing = pricingFor(plan.category, plan.insideWindow);
  const status = (name: WaStatusName, at: number, priced: boolean): TimedStatus => {
    const s: WaStatus = { id: wamid, status: name, timestamp: unixSeconds(at), recipient_id: contact.waId };
    if (contact.userId !== null) s.recipient_user_id = contact.userId;
    if (plan.attribution === 'opaque' && plan.agentId !== undefined) {
      s.biz_opaque_callback_data = `agent=${plan.agentId}`;
    }
    if (priced) s.pricing = { ...pricing };
    if (name === 'failed' && plan.failure !== undefined) s.errors = [waError(plan.failure)];
    return { status: s, ms: at };
  };

  const sentMs = ms + rng.range(200, 1500);
  // `at` overrides the delivery moment of a status posted on its own (ignored in batches).
  const planned: Planned[] = [];
  // About 2% of messages never get a `sent` webhook; the collector must cope.
  const withSent = rng.chance(0.98);
  // Phones that are off or offline (~8%) get the message minutes to hours later.
  const offline = rng.chance(0.08);
  let deliveredMs: number | null = sentMs + (offline ? rng.range(5 * MINUTE, 300 * MINUTE) : rng.range(500, 6000));

  if (plan.failure !== undefined) {
    const failedMs = sentMs + rng.range(SECOND, 20 * SECOND);
    if (withSent && rng.chance(0.4)) planned.push({ item: status('sent', sentMs, true) });
    planned.push({ item: status('failed', failedMs, false) });
    // "Something went wrong" is transient: Meta sometimes delivers after reporting it.
    deliveredMs = plan.failure === 131000 && rng.chance(0.4) ? failedMs + rng.range(2 * MINUTE, 40 * MINUTE) : null;
  } else if (withSent) {
    planned.push({ item: status('sent', sentMs, true) });
  }

  let seenMs: number | null = null;
  if (deliveredMs !== null) {
    const delivered: Planned = { item: status('delivered', deliveredMs, true) };
    planned.push(delivered);
    if (plan.seenAfterMs !== null) {
      seenMs = Math.max(deliveredMs + SECOND, ms + plan.seenAfterMs);
      if (contact.readReceipts) {
        const readAt = seenMs + out.latency();
        planned.push({ item: status('read', seenMs, false), at: readAt });
        // Now and then the `delivered` webhook is held back and lands after `read`.
        if (rng.chance(0.05)) delivered.at = readAt + rng.range(SECOND, 90 * SECOND);
      }
    }
  }

  for (const { item, at } of planned) {
    if (plan.batch !== undefined) plan.batch.push(item);
    else out.statuses(plan.channel, contact, [item], at);
  }
  return { wamid, seenMs };
}

function messageSent(plan: OutboundPlan, wamid: string) {
  return {
    type: 'message.sent' as const,
    wa_message_id: wamid,
    ...(plan.conversationId !== undefined ? { conversation_id: plan.conversationId } : {}),
    sender: plan.sender,
    ...(plan.agentId !== undefined ? { agent_id: plan.agentId } : {}),
  };
}
