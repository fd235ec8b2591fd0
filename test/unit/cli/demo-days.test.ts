import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoDays } from '../../../src/cli/demo-days.js';
import { generateTraffic } from '../../../src/simulate/index.js';

// Dubai is UTC+4 all year. 30 Nov 2026 local runs from 29 Nov 20:00 UTC to 30 Nov 20:00 UTC.
const earlyOnThe30th = new Date('2026-11-29T20:01:00Z'); // 00:01 in Dubai
const lateOnThe30th = new Date('2026-11-30T19:59:30Z'); // 23:59:30 in Dubai
const earlyOnThe1st = new Date('2026-11-30T20:01:00Z'); // 00:01 on 1 Dec in Dubai

/** Count and SHA-256 of every body in delivery order: equal digests mean identical traffic. */
function fingerprint(now: Date) {
  const deliveries = generateTraffic(demoDays(now).simulate);
  const hash = createHash('sha256');
  for (const d of deliveries) hash.update(`${d.at.toISOString()} ${d.source} ${JSON.stringify(d.body)}\n`);
  return { count: deliveries.length, sha256: hash.digest('hex') };
}

describe('demoDays', () => {
  it('simulates the 14 whole Dubai days that end at today\'s midnight, and reports the last 7', () => {
    const d = demoDays(lateOnThe30th);
    // Today is 30 Nov: the days are 16–29 Nov; 16 Nov 00:00 in Dubai is 15 Nov 20:00 UTC.
    expect(d.simulate).toEqual({ days: 14, scale: 1, seed: 42, start: new Date('2026-11-15T20:00:00Z'), tz: 'Asia/Dubai' });
    expect([d.firstDay, d.lastDay, d.reportFirstDay]).toEqual(['2026-11-16', '2026-11-29', '2026-11-23']);
    // 23–29 Nov: 22 Nov 20:00 UTC up to 29 Nov 20:00 UTC, which is where the simulation ends.
    expect(d.reportWindow).toEqual({ from: new Date('2026-11-22T20:00:00Z'), to: new Date('2026-11-29T20:00:00Z'), tz: 'Asia/Dubai' });
  });

  it('gives the same bodies whatever the minute of the same day, and others the next day', () => {
    expect(demoDays(earlyOnThe30th)).toEqual(demoDays(lateOnThe30th));
    const early = fingerprint(earlyOnThe30th);
    const late = fingerprint(lateOnThe30th);
    // Roughly 5,000 deliveries a simulated day at scale 1 (see generateTraffic).
    expect(early.count).toBeGreaterThan(14 * 2_000);
    expect(late).toEqual(early);
    expect(fingerprint(earlyOnThe1st).sha256).not.toBe(early.sha256);
  }, 120_000);
});
