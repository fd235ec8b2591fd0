import { preamble } from './api-flows.js';
import { ContactBook } from './contacts.js';
import { DAY, SECOND, type SimContext } from './context.js';
import { playDay } from './day.js';
import { Identities } from './identities.js';
import { LocalClock } from './local-time.js';
import { Outbox } from './outbox.js';
import { Rng } from './prng.js';
import type { SimulateOptions, SimulatedDelivery } from './types.js';

/**
 * Streams synthetic but realistic webhook deliveries (WhatsApp Cloud API and team inbox)
 * for a Dubai shop over [start, start + days), in delivery order. Pure and seeded: no I/O,
 * no clock, the same options always give the same sequence. Days are generated one at a
 * time and handed out as soon as nothing later can precede them, so memory stays bounded
 * by what is still in flight.
 */
export function* simulateTraffic(options: SimulateOptions): Generator<SimulatedDelivery, void, undefined> {
  const { seed, startMs, endMs, scale, tz } = validate(options);
  const rng = new Rng(seed);
  const ids = new Identities(rng);
  const ctx: SimContext = {
    rng,
    clock: new LocalClock(tz),
    ids,
    contacts: new ContactBook(rng, ids),
    out: new Outbox(rng, ids, endMs),
    startMs,
    endMs,
    scale,
  };
  preamble(ctx);
  for (let dayStart = startMs; dayStart < endMs; dayStart += DAY) {
    const dayEnd = Math.min(dayStart + DAY, endMs);
    playDay(ctx, dayStart, dayEnd);
    // Everything planned later starts at or after dayEnd, so what is due before it is final.
    yield* ctx.out.flushBefore(dayEnd);
  }
  yield* ctx.out.flushAll();
}

/**
 * All deliveries of the window, sorted by `at`. See {@link simulateTraffic}; at scale 1
 * a day is roughly 5,000 deliveries.
 */
export function generateTraffic(options: SimulateOptions): SimulatedDelivery[] {
  return Array.from(simulateTraffic(options));
}

function validate(o: SimulateOptions): { seed: number; startMs: number; endMs: number; scale: number; tz: string } {
  if (!Number.isSafeInteger(o.seed)) throw new RangeError(`simulate: seed must be an integer, got ${o.seed}`);
  const start = o.start.getTime();
  if (!Number.isFinite(start)) throw new RangeError('simulate: start is not a valid date');
  if (!Number.isFinite(o.days) || o.days <= 0 || o.days > 366) {
    throw new RangeError(`simulate: days must be in (0, 366], got ${o.days}`);
  }
  const scale = o.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
    throw new RangeError(`simulate: scale must be in (0, 100], got ${scale}`);
  }
  // Whole seconds: WhatsApp timestamps have no fraction, so events never precede `start`.
  const startMs = Math.ceil(start / SECOND) * SECOND;
  return { seed: o.seed, startMs, endMs: start + o.days * DAY, scale, tz: o.tz ?? 'Asia/Dubai' };
}
