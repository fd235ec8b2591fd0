import { describe, expect, it } from 'vitest';
import { generateTraffic, simulateTraffic } from '../../../src/simulate/index.js';
import { DAYS, END_MS, START, inboundMessages, inboxEvents, localParts, statuses } from './traffic.js';

describe('generateTraffic — determinism', () => {
  const opts = { seed: 7, start: START, days: 3 };

  it('gives byte-identical output for the same seed', () => {
    const a = generateTraffic(opts);
    const b = generateTraffic(opts);
    expect(a.length).toBeGreaterThan(1000);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives different output for a different seed', () => {
    const a = generateTraffic(opts);
    const b = generateTraffic({ ...opts, seed: 8 });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    const ids = (d: typeof a) => new Set(inboundMessages(d).map((m) => m.item.id));
    const idsOfB = ids(b);
    const shared = [...ids(a)].filter((id) => idsOfB.has(id));
    expect(shared).toEqual([]);
  });

  it('streams lazily: the first delivery comes before the whole window is generated', () => {
    const it = simulateTraffic({ seed: 7, start: START, days: 366 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value?.source).toBe('inbox');
    it.return(undefined);
  });
});

describe('generateTraffic — time', () => {
  const deliveries = generateTraffic({ seed: 11, start: START, days: DAYS });
  const startMs = START.getTime();

  it('is sorted by delivery time', () => {
    for (let i = 1; i < deliveries.length; i += 1) {
      expect(deliveries[i]!.at.getTime()).toBeGreaterThanOrEqual(deliveries[i - 1]!.at.getTime());
    }
  });

  it('keeps every event timestamp inside [start, start + days)', () => {
    const times = [
      ...inboundMessages(deliveries).map((m) => Number(m.item.timestamp) * 1000),
      ...statuses(deliveries).map((s) => Number(s.item.timestamp) * 1000),
      ...inboxEvents(deliveries).map((e) => Date.parse(e.item.at)),
    ];
    expect(Math.min(...times)).toBeGreaterThanOrEqual(startMs);
    expect(Math.max(...times)).toBeLessThan(END_MS);
  });

  it('delivers each body after the events it holds, trailing the window by at most an hour', () => {
    for (const m of [...inboundMessages(deliveries), ...statuses(deliveries)]) {
      expect(m.delivery.at.getTime()).toBeGreaterThanOrEqual(Number(m.item.timestamp) * 1000);
    }
    for (const e of inboxEvents(deliveries)) {
      expect(e.delivery.at.getTime()).toBeGreaterThanOrEqual(Date.parse(e.item.at));
    }
    expect(deliveries[0]!.at.getTime()).toBeGreaterThanOrEqual(startMs);
    expect(deliveries.at(-1)!.at.getTime()).toBeLessThan(END_MS + 3_600_000);
  });

  it('follows the clock of the zone it is given', () => {
    const ny = generateTraffic({ seed: 11, start: START, days: 7, tz: 'America/New_York' });
    const perHour = new Array<number>(24).fill(0);
    for (const m of inboundMessages(ny)) perHour[localParts(Number(m.item.timestamp) * 1000, 'America/New_York').hour]! += 1;
    const night = perHour.slice(1, 6).reduce((a, b) => a + b, 0) / 5;
    const peak = [10, 11, 19, 20].reduce((a, h) => a + perHour[h]!, 0) / 4;
    expect(night * 5).toBeLessThan(peak);
  });
});

describe('generateTraffic — options', () => {
  it.each([
    [{ seed: 1.5, start: START, days: 1 }, /seed/],
    [{ seed: 1, start: new Date('nope'), days: 1 }, /start/],
    [{ seed: 1, start: START, days: 0 }, /days/],
    [{ seed: 1, start: START, days: 1, scale: -1 }, /scale/],
    [{ seed: 1, start: START, days: 1, tz: 'Mars/Olympus' }, /time zone/],
  ])('rejects %o', (opts, message) => {
    expect(() => generateTraffic(opts)).toThrow(message);
  });

  it('scales volume with `scale`', () => {
    const count = (scale: number) =>
      inboundMessages(generateTraffic({ seed: 3, start: START, days: 2, scale })).length;
    expect(count(2)).toBeGreaterThan(count(1) * 1.6);
  });
});
