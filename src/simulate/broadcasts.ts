import { PROMO_BUTTONS } from './content.js';
import type { SimContact } from './contacts.js';
import { CARE_LINE, MINUTE, SALES_LINE, SECOND, type Channel, type SimContext } from './context.js';
import { contactOpens } from './conversation.js';
import type { FailureCode } from './failures.js';
import { sendOutbound } from './outbound.js';
import type { TimedStatus } from './outbox.js';

export type CampaignKind = 'marketing' | 'utility';

/** Recipients per campaign at scale 1. */
const SIZE: Record<CampaignKind, number> = { marketing: 110, utility: 18 };

/**
 * A template broadcast to contacts outside their 24 h window: promotions from the sales
 * line, order reminders from the care line. Meta refuses some (opt-outs, experiment group,
 * frequency cap, dead numbers); statuses arrive batched, as Meta sends them under load;
 * a few recipients answer, which opens a conversation.
 */
export function runCampaign(ctx: SimContext, ms: number, kind: CampaignKind): void {
  const { rng } = ctx;
  const channel = kind === 'marketing' ? SALES_LINE : CARE_LINE;
  const size = Math.round(SIZE[kind] * ctx.scale * rng.range(0.8, 1.2));
  const recipients = rng.sample(ctx.contacts.reachable(ms), size);
  const batch: TimedStatus[] = [];
  const replies: { contact: SimContact; ms: number; wamid: string }[] = [];
  let t = ms;
  for (const contact of recipients) {
    t += rng.range(80, 900); // the sender's throughput, a few messages a second
    const failure = failureFor(ctx, contact, kind);
    const sent = sendOutbound(ctx, {
      channel,
      contact,
      ms: t,
      sender: 'broadcast',
      category: kind,
      insideWindow: false,
      attribution: 'inbox',
      seenAfterMs: rng.chance(0.65) ? rng.logNormal(40 * MINUTE, 1.2) : null,
      ...(failure !== undefined ? { failure } : {}),
      batch,
    });
    if (sent.seenMs !== null && rng.chance(kind === 'marketing' ? 0.09 : 0.06)) {
      replies.push({ contact, ms: sent.seenMs + rng.logNormal(2 * MINUTE, 1), wamid: sent.wamid });
    }
  }
  emitBatched(ctx, batch, channel);
  for (const r of replies) {
    if (r.contact.busyUntil >= r.ms) continue;
    const button = rng.chance(0.8) ? PROMO_BUTTONS.more : PROMO_BUTTONS.stop;
    contactOpens(ctx, {
      ms: r.ms,
      contact: r.contact,
      channel,
      isNew: false,
      ...(kind === 'marketing' ? { first: { kind: 'button', replyTo: r.wamid, button } } : {}),
    });
  }
}

function failureFor(ctx: SimContext, contact: SimContact, kind: CampaignKind): FailureCode | undefined {
  const { rng } = ctx;
  if (contact.undeliverable) return 131026;
  if (kind === 'marketing') {
    if (contact.stoppedMarketing) return 131050;
    if (contact.inExperiment) return 130472;
    if (rng.chance(0.05)) return 131049; // Meta's per-user marketing frequency cap
  }
  return rng.chance(0.008) ? 131000 : undefined;
}

/** Groups statuses close in time (within 3 s, up to 6) into one webhook body each. */
function emitBatched(ctx: SimContext, items: TimedStatus[], channel: Channel): void {
  const { rng, out } = ctx;
  items.sort((a, b) => a.ms - b.ms);
  let group: TimedStatus[] = [];
  let limit = rng.int(1, 6);
  for (const item of items) {
    const first = group[0];
    if (first !== undefined && (group.length >= limit || item.ms - first.ms > 3 * SECOND)) {
      out.statuses(channel, null, group);
      group = [];
      limit = rng.int(1, 6);
    }
    group.push(item);
  }
  if (group.length > 0) out.statuses(channel, null, group);
}
