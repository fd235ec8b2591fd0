import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../../src/i18n/index.js';
import type { AgentRow, AgentsReport } from '../../../../src/metrics/agents.js';
import type { ChartDelivery } from '../../../../src/slack/blocks/types.js';

/** Hand-made report pieces for the team answers' tests (agents, me, app home). */

// Dubai is UTC+4 all year: 24 Nov 00:00 local is 23 Nov 20:00 UTC; a 7-day week.
export const WEEK = { from: '2026-11-23T20:00:00.000Z', to: '2026-11-30T20:00:00.000Z', tz: 'Asia/Dubai' };
export const NOW = new Date('2026-12-01T10:05:00.000Z'); // 14:05 in Dubai

export function dur(count: number, median: number | null, p90: number | null = null) {
  return { count, avg: median, median, p90, max: p90, business: null };
}

export function agent(id: string, name: string, over: Partial<AgentRow> = {}): AgentRow {
  const firstResponse = over.firstResponse ?? dur(0, null);
  const resolution = over.resolution ?? dur(0, null);
  return {
    id, name, team: null, known: true, assigned: 0, closed: 0, messagesSent: 0, comments: 0,
    firstResponse, response: dur(0, null), resolution,
    fewData: { firstResponse: firstResponse.count < 5, response: true, resolution: resolution.count < 5 },
    outlier: { firstResponse: false, resolution: false },
    rank: null,
    ...over,
  };
}

export function agentsReport(agents: AgentRow[], reference: { frt: number | null; res: number | null; agents: number }): AgentsReport {
  return {
    report: 'agents', window: WEEK, filters: {}, businessHours: null, minValues: 5,
    reference: {
      firstResponse: { medianOfMedians: reference.frt, agents: reference.agents },
      resolution: { medianOfMedians: reference.res, agents: reference.agents },
    },
    agents, ranking: agents.map((a) => a.id),
  };
}

export function ctxFor(locale: Locale, chart: ChartDelivery = { kind: 'none' }) {
  return { locale, chart, now: NOW, actions: { csv: 'agents 7d', share: 'agents 7d share' } };
}

/** Every text a reader can see in the blocks, one string per text, in order. */
export function texts(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.type) {
      case 'header':
        return [b.text.text];
      case 'section':
        return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
      case 'context':
        return b.elements.map((e) => ('text' in e ? e.text : ''));
      case 'image':
        return [b.alt_text, b.title?.text ?? ''];
      case 'actions':
        return b.elements.map((e) => (e.type === 'button' ? e.text.text : ''));
      default:
        return [];
    }
  });
}

export const joined = (blocks: readonly KnownBlock[]) => texts(blocks).join('\n');
