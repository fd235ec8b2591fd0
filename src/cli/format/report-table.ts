import type { BusyHoursReport } from '../../metrics/busy-hours.js';
import type { ReportResult } from '../../metrics/index.js';
import { gridLines, keyValueLines, words } from './table.js';
import { heatmapLines } from './heatmap.js';
import { overviewLines } from './overview-table.js';
import { sectionsOf } from '../../tables/index.js';
import { sectionTable } from './section-table.js';
import { describeWindow, formatFilters, formatInstant } from './window-text.js';

/**
 * A report as text for people: which window (local time and zone) and filters, then each
 * section humanised — totals as `label: value` lines, breakdowns as grids, the busy hours as
 * weekday × hour grids, the overview as KPIs beside the previous period. `tz` is the zone for
 * the live report, which has no window.
 */
export function formatTable(result: ReportResult, opts: { tz?: string; section?: string } = {}): string {
  const tz = 'window' in result ? result.window.tz : opts.tz ?? 'UTC';
  const head = 'window' in result
    ? [`${result.report} report`, describeWindow(result.window)]
    : [`${result.report} report`, `at: ${formatInstant(new Date(result.now), tz)} (${tz})`];
  const blocks = (opts.section === undefined ? body(result, tz) : [sectionBody(result, opts.section, tz)]).map((b) => ['', ...b]);
  return `${[...head, formatFilters(result.filters), ...notes(result).map((n) => `note: ${n}`), ...blocks.flat()].join('\n')}\n`;
}

function body(result: ReportResult, tz: string): string[][] {
  if (result.report === 'overview') return [overviewLines(result)];
  const { sections } = sectionsOf(result);
  // totals first, then the breakdowns
  const shown = Object.entries(sections).filter(([, s]) => s.inTable !== false);
  const generic = [...shown.filter(([, s]) => s.single), ...shown.filter(([, s]) => !s.single)].map(([name]) => sectionLines(result, name, tz));
  return result.report === 'busy-hours' ? [...generic, ...heatmaps(result)] : generic;
}

/** One section only (`--section`): the overview's KPIs and the busy hours keep their own shapes. */
function sectionBody(result: ReportResult, name: string, tz: string): string[] {
  sectionTable(result, name); // an unknown name is a UsageError listing the valid ones
  if (result.report === 'overview' && name === 'kpis') return overviewLines(result);
  if (result.report === 'busy-hours' && name === 'hours') return heatmaps(result).flatMap((b) => ['', ...b]).slice(1);
  return sectionLines(result, name, tz);
}

function sectionLines(result: ReportResult, name: string, tz: string): string[] {
  const s = sectionsOf(result).sections[name]!;
  const t = s.table(result);
  return [`${words(name)}:`, ...(s.caption ? [`  (${s.caption})`] : []), ...(s.single ? keyValueLines(t, tz) : gridLines(t, tz, !s.neverTurn))];
}

function heatmaps(r: BusyHoursReport): string[][] {
  const over = `totals over the ${r.days} local day${r.days === 1 ? '' : 's'} of the window`;
  const oneDecimal = (v: number) => (Math.round(v * 10) / 10).toString();
  return [
    [`messages received by local weekday and hour (${over}):`, ...heatmapLines(r.weekdays, r.messages.counts)],
    [`conversations opened by local weekday and hour (${over}):`, ...heatmapLines(r.weekdays, r.opened.counts)],
    ['staffing hint, agents needed per hour (· the hour does not occur in the window):', ...heatmapLines(r.weekdays, r.staffing.agentsNeeded)],
    ['agents who replied, average per hour of that weekday:', ...heatmapLines(r.weekdays, r.staffing.agentsReplied, oneDecimal)],
  ];
}

/** Filters a report could not apply, said where it matters. */
function notes(r: ReportResult): string[] {
  const personal = r.filters.agent !== undefined || r.filters.team !== undefined;
  if (!personal) return [];
  switch (r.report) {
    case 'messages':
      return ['agent/team filters apply to outbound messages; received messages and reactions are counted for everyone'];
    case 'failures':
      return ['agent/team filters do not apply to webhook errors'];
    case 'contacts':
      return ['agent/team filters do not apply to contacts (a contact has no agent)'];
    case 'live':
      return ['agent/team filters apply to the assignees; the unassigned queue is everyone\'s'];
    default:
      return [];
  }
}
