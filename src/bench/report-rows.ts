import type { ScaleFigures } from './reports.js';
import { scaleLabel } from './seed-plan.js';
import { ms, targetText, type Target } from './stats.js';
import type { Row } from './table.js';
import type { Timing } from './timing.js';

/** The issue's report target: every report ≤ 300 ms p95, warm, over 10M messages. */
export const REPORT_TARGET: Target = { kind: 'atMost', bound: 300, text: 'p95 ≤ 300 ms at 10M' };
const TARGET_SCALE = 10_000_000;

/** How many times the baseline a figure is: "×12.4". */
export function timesText(value: number, baseline: number): string {
  return Number.isFinite(value) && baseline > 0 ? `×${(value / baseline).toFixed(1)}` : 'n/a';
}

/** "p50 12 ms p95 15 ms", or "> 2000 ms (cut off)" when a run hit the statement timeout. */
export function timingText(t: Timing): string {
  return t.cutOffMs !== undefined ? `> ${t.cutOffMs} ms (cut off)` : `p50 ${ms(t.p50)} p95 ${ms(t.p95)}`;
}

/** A cut-off run took longer than the cut-off: judge it at that bound. */
const p95Of = (t: Timing) => (t.cutOffMs !== undefined ? t.cutOffMs : t.p95);

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
      value: timingText(r.timing),
      baseline: base,
      ratio: `${r.timing.cutOffMs !== undefined ? '> ' : ''}${timesText(p95Of(r.timing), f.countAll.p50)}`,
      target: judged ? targetText(p95Of(r.timing), REPORT_TARGET) : '',
    });
  }
  const d = f.digest;
  rows.push({
    section,
    figure: `digest-like work, last 7 d: overview + ${d.charted} charted reports`,
    value: `${timingText(d.total)} (reports ${timingText(d.reports)}; ${d.pngs ? `${d.pngs} PNGs ${timingText(d.charts)}` : 'no PNGs: reports cut off'})`,
    baseline: base,
    ratio: `${d.total.cutOffMs !== undefined ? '> ' : ''}${timesText(p95Of(d.total), f.countAll.p50)}`,
  });
  return rows;
}
