import type { AgentRow, AgentsReport } from '../../metrics/agents.js';
import type { DurationStats } from '../../metrics/index.js';
import { count, flag, seconds, stats, tableOf, text, type ReportSections } from '../columns.js';

/** What the table's note column says about a row: too few values to rank, or an outlier. */
function note(a: AgentRow): string {
  const notes = [
    ...(a.outlier.firstResponse ? ['slow replies'] : []),
    ...(a.outlier.resolution ? ['slow closes'] : []),
    ...(a.fewData.firstResponse ? ['few data'] : []),
    ...(a.known ? [] : ['unknown id']),
  ];
  return notes.join(', ');
}

type DurationRow = { id: string; name: string; metric: string; clock: 'wall' | 'business'; stats: DurationStats };

function durationRows(r: AgentsReport): DurationRow[] {
  return r.agents.flatMap((a) => (['firstResponse', 'response', 'resolution'] as const).flatMap((metric) => [
    { id: a.id, name: a.name, metric, clock: 'wall' as const, stats: a[metric] },
    ...(a[metric].business ? [{ id: a.id, name: a.name, metric, clock: 'business' as const, stats: a[metric].business! }] : []),
  ]));
}

export const agentsSections: ReportSections<AgentsReport> = {
  main: 'agents',
  sections: {
    agents: {
      describe: 'one row per agent, in ranking order: activity, wall-clock durations (s), rank and flags',
      neverTurn: true,
      caption: 'times: median / p90 · rank: fastest median first response, 5+ values · slow: median over 2 × the norm',
      table: (r) => tableOf(r.agents, [
        text('id', (a) => a.id, { csvOnly: true }),
        text('name', (a) => a.name, { label: 'agent' }),
        text('team', (a) => a.team),
        count('rank', (a) => a.rank),
        count('assigned', (a) => a.assigned),
        count('closed', (a) => a.closed),
        count('messagesSent', (a) => a.messagesSent, { label: 'sent' }),
        count('comments', (a) => a.comments, { csvOnly: true }),
        stats('firstResponse', (a) => a.firstResponse, { label: 'first response' }),
        stats('response', (a) => a.response, { csvOnly: true }),
        stats('resolution', (a) => a.resolution, { label: 'resolution' }),
        flag('known', (a) => a.known, { csvOnly: true }),
        flag('firstResponseFewData', (a) => a.fewData.firstResponse, { csvOnly: true }),
        flag('responseFewData', (a) => a.fewData.response, { csvOnly: true }),
        flag('resolutionFewData', (a) => a.fewData.resolution, { csvOnly: true }),
        flag('firstResponseOutlier', (a) => a.outlier.firstResponse, { csvOnly: true }),
        flag('resolutionOutlier', (a) => a.outlier.resolution, { csvOnly: true }),
        text('note', note, { tableOnly: true }),
      ]),
    },
    durations: {
      describe: 'one row per agent, duration metric and clock (wall, business): count, avg, median, p90, max in seconds',
      inTable: false,
      table: (r) => tableOf(durationRows(r), [
        text('id', (x) => x.id, { csvOnly: true }), text('name', (x) => x.name, { label: 'agent' }),
        text('metric', (x) => x.metric), text('clock', (x) => x.clock), stats('', (x) => x.stats, { label: 'median / p90' }),
      ]),
    },
    reference: {
      describe: 'one row per metric: the median of the agents\' medians outliers are measured against',
      table: (r) => tableOf(Object.entries(r.reference).map(([metric, ref]) => ({ metric, ...ref })), [
        text('metric', (x) => x.metric), seconds('medianOfMediansSec', (x) => x.medianOfMedians, { label: 'median of medians' }),
        count('agents', (x) => x.agents, { label: 'agents with enough values' }),
      ]),
    },
  },
};
