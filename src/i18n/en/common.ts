/** Words shared by every surface: units, rates, deltas. */
export const common = {
  notAvailable: 'n/a',
  /** Duration parts: 4m 12s, 2h 5m, 3d 4h. */
  durationUnits: { d: 'd', h: 'h', m: 'm', s: 's' },
  percent: (value: string) => `${value} %`,
  /** A change against the previous period; the arrow carries the direction, the words stay neutral. */
  deltaUp: (pct: string) => `▲ ${pct} %`,
  deltaDown: (pct: string) => `▼ ${pct} %`,
  deltaFlat: 'no change',
  deltaNoBase: 'n/a (nothing before)',
  vsPrevious: 'vs the previous period',
  /** Whole local days: "Tue 24 Nov – Mon 30 Nov 2026 (7 days, Asia/Dubai)". */
  windowDays: (first: string, last: string, days: number, tz: string) =>
    days === 1 ? `${first} (${tz})` : `${first} – ${last} (${days} days, ${tz})`,
  windowSpan: (from: string, to: string, tz: string) => `${from} → ${to}, end excluded (${tz})`,
  asOf: (at: string, tz: string) => `as of ${at} (${tz})`,
};
