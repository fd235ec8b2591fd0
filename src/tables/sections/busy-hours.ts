import { formatHour } from '../../charts/format.js';
import type { BusyHoursReport } from '../../metrics/busy-hours.js';
import { count, fraction, num, seconds, tableOf, text, type ReportSections } from '../columns.js';

/** The 168 weekday × hour cells as rows, each with every per-cell figure of the report. */
function cellRows(r: BusyHoursReport) {
  const s = r.staffing;
  return r.weekdays.flatMap((weekday, d) => Array.from({ length: 24 }, (_, hour) => ({
    weekday,
    hour,
    occurrences: r.hours[d]?.[hour] ?? 0,
    messages: r.messages.counts[d]?.[hour] ?? 0,
    opened: r.opened.counts[d]?.[hour] ?? 0,
    arrivals: s.arrivals[d]?.[hour] ?? 0,
    arrivalsPerHour: s.arrivalsPerHour[d]?.[hour] ?? null,
    load: s.load[d]?.[hour] ?? null,
    agentsNeeded: s.agentsNeeded[d]?.[hour] ?? null,
    agentsReplied: s.agentsReplied[d]?.[hour] ?? null,
  })));
}

type Cell = ReturnType<typeof cellRows>[number];

export const busyHoursSections: ReportSections<BusyHoursReport> = {
  main: 'hours',
  sections: {
    hours: {
      describe: 'one row per local weekday and hour (168): occurrences of that hour in the window, messages, conversations opened, staffing figures',
      inTable: false,
      table: (r) => tableOf<Cell>(cellRows(r), [
        text('weekday', (c) => c.weekday), count('hour', (c) => c.hour),
        count('occurrences', (c) => c.occurrences), count('messages', (c) => c.messages), count('opened', (c) => c.opened),
        count('arrivals', (c) => c.arrivals), num('arrivalsPerHour', (c) => c.arrivalsPerHour), num('load', (c) => c.load),
        count('agentsNeeded', (c) => c.agentsNeeded), num('agentsReplied', (c) => c.agentsReplied),
      ]),
    },
    peakHours: {
      describe: 'one row per peak hour of day, for messages and for conversations opened: total and average per day',
      table: (r) => tableOf(
        [...r.messages.peakHours.map((p) => ({ series: 'messages', ...p })), ...r.opened.peakHours.map((p) => ({ series: 'opened', ...p }))],
        [
          text('series', (p) => p.series),
          // CSV keeps the hour a number to sort and join on; people read a clock time.
          count('hour', (p) => p.hour, { csvOnly: true }),
          text('hour', (p) => formatHour(p.hour), { tableOnly: true }),
          count('count', (p) => p.count), num('avgPerDay', (p) => p.avgPerDay, { label: 'average per day' }),
        ],
      ),
    },
    staffing: {
      describe: 'one row: the staffing settings and the handle time the hint used',
      single: true,
      table: (r) => tableOf([r.staffing], [
        count('days', () => r.days, { label: 'local days in the window' }),
        count('messages', () => r.messages.total, { label: 'messages received' }),
        count('opened', () => r.opened.total, { label: 'conversations opened' }),
        count('activeAgentHours', (s) => s.activeAgentHours, { label: 'agent-active hours' }),
        count('agentCloses', (s) => s.agentCloses, { label: 'conversations those agents closed' }),
        fraction('serviceLevel', (s) => s.serviceLevel, { label: 'service level' }),
        seconds('frtTargetSec', (s) => s.frtTargetSec, { label: 'first-response target' }),
        seconds('handleTimeSec', (s) => s.handleTimeSec, { label: 'handle time' }),
        text('noHintReason', (s) => s.noHintReason, { label: 'hint withheld because', blank: '—' }),
      ]),
    },
  },
};

