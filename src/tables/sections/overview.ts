import type { OverviewKpi, OverviewReport } from '../../metrics/overview.js';
import { fraction, instant, num, tableOf, text, type ReportSections } from '../columns.js';

/** What each KPI's values are: counts, fractions in [0, 1] or seconds. */
export const KPI_UNITS: Record<OverviewKpi, 'count' | 'fraction' | 'seconds'> = {
  received: 'count', sent: 'count', deliveryRate: 'fraction', readRate: 'fraction', failed: 'count',
  conversationsOpened: 'count', conversationsClosed: 'count', unresolved: 'count',
  medianFirstResponseSec: 'seconds', medianResolutionSec: 'seconds', newContacts: 'count',
};

export function kpiRows(r: OverviewReport) {
  return (Object.keys(r.kpis) as OverviewKpi[]).map((kpi) => ({ kpi, unit: KPI_UNITS[kpi], ...r.kpis[kpi] }));
}

export const overviewSections: ReportSections<OverviewReport> = {
  main: 'kpis',
  sections: {
    kpis: {
      describe: 'one row per KPI: unit (count, fraction, seconds), current, previous, relative change, the filters that applied to it',
      table: (r) => tableOf(kpiRows(r), [
        text('kpi', (k) => k.kpi), text('unit', (k) => k.unit), num('current', (k) => k.current), num('previous', (k) => k.previous),
        fraction('change', (k) => k.change), text('filteredBy', (k) => k.filteredBy.join(' ')),
      ]),
    },
    windows: {
      describe: 'two rows: the current window and the one it is compared with (from, to, zone; asOf when running)',
      inTable: false,
      table: (r) => tableOf(
        [{ window: 'current', ...r.window, asOf: r.asOf }, { window: 'previous', ...r.previousWindow, asOf: null }],
        [text('window', (w) => w.window), instant('from', (w) => w.from), instant('to', (w) => w.to), text('tz', (w) => w.tz), instant('asOf', (w) => w.asOf)],
      ),
    },
  },
};
