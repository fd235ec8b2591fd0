import type { OverviewReport } from '../../metrics/overview.js';
import { change, duration, percent } from './human.js';
import { formatCount } from '../../charts/format.js';
import { kpiRows } from '../../tables/index.js';
import { formatInstant, formatWindow } from './window-text.js';
import { width } from './table.js';

const LABELS: Record<string, string> = {
  received: 'messages received', sent: 'messages sent', deliveryRate: 'delivery rate', readRate: 'read rate', failed: 'messages failed',
  conversationsOpened: 'conversations opened', conversationsClosed: 'conversations closed', unresolved: 'unresolved at the end',
  medianFirstResponseSec: 'median first response', medianResolutionSec: 'median resolution', newContacts: 'new contacts',
};

/**
 * The overview as text: what it is compared with, one line per KPI (now, before, change), and
 * — when an agent or team filter is given — a `*` on the KPIs it applies to, with a footnote
 * naming the ones it cannot (received messages and new contacts have no agent).
 */
export function overviewLines(r: OverviewReport): string[] {
  const tz = r.window.tz;
  const compared = [
    `compared with: ${formatWindow(r.previousWindow)}`,
    r.asOf
      ? `  (this period runs only to ${formatInstant(new Date(r.asOf), tz)}: the same elapsed span of the previous one)`
      : '  (the window of equal length just before)',
  ];
  const personal = (['agent', 'team'] as const).filter((f) => r.filters[f] !== undefined);
  const rows = kpiRows(r).map((k) => {
    const value = (v: number | null) => (k.unit === 'fraction' ? percent(v) : k.unit === 'seconds' ? duration(v) : v === null ? '–' : formatCount(v));
    const marked = personal.some((f) => k.filteredBy.includes(f));
    return [`${LABELS[k.kpi] ?? k.kpi}${marked ? ' *' : ''}`, value(k.current), value(k.previous), change(k.change)];
  });
  const table = [['KPI', 'now', 'before', 'change'], ...rows];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => width(row[i]!))));
  const line = (row: string[]) => `  ${row.map((x, i) => (i === 0 ? x.padEnd(widths[0]!) : ' '.repeat(widths[i]! - width(x)) + x)).join('  ')}`;
  const lines = [...compared, '', line(table[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (personal.length) {
    const by = personal.map((f) => `${f} ${r.filters[f]}`).join(' and ');
    const unmarked = rows.filter((row) => !row[0]!.endsWith(' *')).map((row) => row[0]!);
    lines.push('', `* counted for ${by} only. ${unmarked.length ? `Not filtered (no agent to filter by): ${unmarked.join(', ')}.` : ''}`.trimEnd());
  }
  return lines;
}
