import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { explicitWindow, type ReportWindow } from '../metrics/index.js';
import type { SimulateArgs } from './simulate.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The demo's shop is in Dubai; its traffic and reports are in this zone. */
export const DEMO_TZ = 'Asia/Dubai';
export const DEMO_SEED = 42;
export const DEMO_DAYS = 14;
/** The demo's reports cover the last week of its traffic. */
export const DEMO_REPORT_DAYS = 7;

export type DemoDays = { simulate: SimulateArgs; reportWindow: ReportWindow; firstDay: string; lastDay: string; reportFirstDay: string };

/**
 * The demo's days for a given `now`: the 14 whole local days in Dubai that end at today's
 * midnight (yesterday is the last; nothing is simulated in the future), and the 7 of those
 * days its reports cover. Only `now`'s local date matters, so the same seed on the same day
 * gives the same traffic whatever the minute the demo starts.
 */
export function demoDays(now: Date): DemoDays {
  const today = localDate(now, DEMO_TZ);
  const lastDay = addDays(today, -1);
  const firstDay = addDays(today, -DEMO_DAYS);
  const reportFirstDay = addDays(today, -DEMO_REPORT_DAYS);
  const simulated = explicitWindow(firstDay, lastDay, DEMO_TZ);
  const reported = explicitWindow(reportFirstDay, lastDay, DEMO_TZ);
  if (!simulated.ok || !reported.ok) throw new Error(`demo days for ${today}: ${simulated.ok ? '' : simulated.error} ${reported.ok ? '' : reported.error}`);
  return {
    simulate: { days: DEMO_DAYS, scale: 1, seed: DEMO_SEED, start: simulated.window.from, tz: DEMO_TZ },
    reportWindow: reported.window,
    firstDay,
    lastDay,
    reportFirstDay,
  };
}

/** YYYY-MM-DD of `at` in `tz`. */
function localDate(at: Date, tz: string): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD');
}

// Plain calendar arithmetic on a date string, away from any zone (so DST cannot shift it).
function addDays(ymd: string, n: number): string {
  return dayjs.utc(ymd).add(n, 'day').format('YYYY-MM-DD');
}
