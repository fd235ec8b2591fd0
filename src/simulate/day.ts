import { AGENTS, onShift } from './agents.js';
import { apiNotification, sendOtp } from './api-flows.js';
import { runCampaign } from './broadcasts.js';
import { CARE_LINE, HOUR, MINUTE, SALES_LINE, type SimContext } from './context.js';
import { agentOpens, contactOpens } from './conversation.js';
import { ARRIVALS_PER_WEIGHT, businessActivity, weightAt } from './rhythm.js';

/** Share of arrivals from people already in the contact book. */
const RETURNING_SHARE = 0.55;

/**
 * Plays one simulated day [fromMs, toMs) hour by hour in the local zone: contacts writing in,
 * backend notifications and OTPs, agents reaching out, and the campaign schedule
 * (promotions Tue/Thu 11:00 and Sun 19:00, reminders 09:00 except Saturday).
 */
export function playDay(ctx: SimContext, fromMs: number, toMs: number): void {
  const { rng, clock, scale } = ctx;
  for (let slot = fromMs; slot < toMs; slot += HOUR) {
    const slotEnd = Math.min(slot + HOUR, toMs);
    const within = (): number => rng.range(slot, slotEnd);
    const { hour, weekday } = clock.at(slot + (slotEnd - slot) / 2);
    const local = Math.floor(hour);

    const arrivals = rng.poisson(ARRIVALS_PER_WEIGHT * weightAt(hour, weekday) * scale * ((slotEnd - slot) / HOUR));
    const times = Array.from({ length: arrivals }, within).sort((a, b) => a - b);
    for (const ms of times) contactArrives(ctx, ms);

    const activity = businessActivity(hour) * scale;
    for (let n = rng.poisson(0.55 * activity); n > 0; n -= 1) apiNotification(ctx, within());
    for (let n = rng.poisson(0.6 * activity); n > 0; n -= 1) sendOtp(ctx, within());
    if (local >= 9 && local < 18) {
      for (let n = rng.poisson(0.2 * scale); n > 0; n -= 1) {
        const ms = within();
        const working = AGENTS.filter((a) => onShift(a, clock, ms));
        if (working.length > 0) agentOpens(ctx, ms, rng.pick(working));
      }
    }

    const campaignAt = slot + rng.range(0, 20) * MINUTE;
    if (campaignAt >= slotEnd) continue;
    if ((local === 11 && (weekday === 2 || weekday === 4)) || (local === 19 && weekday === 0)) {
      runCampaign(ctx, campaignAt, 'marketing');
    }
    if (local === 9 && weekday !== 6) runCampaign(ctx, campaignAt, 'utility');
  }
}

/** Someone writes in: a returning contact when one is free, else a new one. */
function contactArrives(ctx: SimContext, ms: number): void {
  const { rng, contacts } = ctx;
  const channel = rng.chance(0.75) ? CARE_LINE : SALES_LINE;
  const known = rng.chance(RETURNING_SHARE) ? contacts.returning(ms) : null;
  const contact = known ?? contacts.create('incoming_message', ms);
  contactOpens(ctx, { ms, contact, channel, isNew: known === null });
}
