import type { ScaleFigures } from './reports.js';
import { scaleLabel } from './seed-plan.js';
import { ms, targetText, type Target } from './stats.js';
import type { Row } from './table.js';

/** The report target: every report ≤ 300 ms p95, warm, over 10M messages. */
export const REPORT_TARGET: Target = { kind: 'atMost', bound: 300, text: 'p95 ≤ 300 ms at 10M' };
const TARGET_SCALE = 10_000_000;

/** How many times the baseline a figure is: "×12.4". */
export function timesText(value: number, baseline: number): string {
  return Number.isFinite(value) && baseline > 0 ? `×${(value / baseline).toFixed(1)}` : 'n/a';
}

/**
 * Rows for one seeded scale: the seed, each report's p50/p95 beside count(*) and the digest.
 * The target is judged at the scale it names (10M); smaller scales show no pass/miss.
 */
export function reportRows(f: ScaleFigures): Row[] {
  const s = f.seeded;
  const label = scaleLabel(s.asked);
  const section = `reports at ${label} messages (${s.plan.messages} written, ${s.plan.conversations} conversations, 90 days; p50/p95 of ${f.countAll.runs} warm runs)`;
  const judged = s.asked >= TARGET_SCALE;
  const base = `count(*) p50 ${ms(f.countAll.p50)}`;
  const rows: Row[] = [{
    section,
    figure: 'seed (set-based SQL, then ANALYZE)',
    value: s.reused ? `reused, seeded in ${s.seedSeconds.toFixed(0)} s` : `${s.seedSeconds.toFixed(0)} s`,
  }];
  for (const r of f.reports) {
    rows.push({
      section,
      figure: `${r.name}, last ${r.days} d`,
      value: `p50 ${ms(r.timing.p50)} p95 ${ms(r.timing.p95)}`,
      baseline: base,
      ratio: timesText(r.timing.p95, f.countAll.p50),
      target: judged ? targetText(r.timing.p95, REPORT_TARGET) : '',
    });
  }
  const d = f.digest;
  rows.push({
    section,
    figure: `digest-like work, last 7 d: overview + ${d.pngs} charted reports`,
    value: `p50 ${ms(d.total.p50)} p95 ${ms(d.total.p95)} (reports p50 ${ms(d.reports.p50)}, ${d.pngs} PNGs p50 ${ms(d.charts.p50)})`,
    baseline: base,
    ratio: timesText(d.total.p95, f.countAll.p50),
  });
  return rows;
}
