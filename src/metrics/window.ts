/**
 * What every report is asked: a half-open window [from, to), the IANA zone its days, hours
 * and weekdays are taken in, and optional filters. `now` is injected for live state.
 */
export type ReportWindow = { from: Date; to: Date; tz: string };

export type ReportFilters = {
  /** business number: WhatsApp phone_number_id */
  channel?: string;
  /** agent id (agents.id) */
  agent?: string;
  /** agents.team */
  team?: string;
};

export type ReportQuery = { window: ReportWindow; filters: ReportFilters };

/** The window of equal length just before (METRICS "Previous period"). */
export function previousWindow(w: ReportWindow): ReportWindow {
  const length = w.to.getTime() - w.from.getTime();
  return { from: new Date(w.from.getTime() - length), to: w.from, tz: w.tz };
}

/** `(cur - prev) / prev`; null ("n/a") where prev = 0. */
export function delta(current: number, previous: number): { current: number; previous: number; change: number | null } {
  return { current, previous, change: previous === 0 ? null : (current - previous) / previous };
}

/** JSON form of a window, as every report carries it. */
export function windowJson(w: ReportWindow) {
  return { from: w.from.toISOString(), to: w.to.toISOString(), tz: w.tz };
}
