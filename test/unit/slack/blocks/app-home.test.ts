import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { OverviewReport } from '../../../../src/metrics/overview.js';
import { ACTION_IDS } from '../../../../src/slack/blocks/action-ids.js';
import { appHomeView, type AppHomeInput } from '../../../../src/slack/blocks/app-home.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { agent, agentsReport, dur, joined, NOW, texts } from './agents-fixtures.js';
import { held, live, waiting } from './live-fixtures.js';

const d = (current: number, previous: number, change: number | null) => ({ current, previous, change, filteredBy: [] });
const r = (current: number | null, previous: number | null, change: number | null) => ({ current, previous, change, filteredBy: [] });

// Today in Dubai (1 Dec 00:00 local = 30 Nov 20:00 UTC) up to NOW, against the same hours of yesterday.
const today: OverviewReport = {
  report: 'overview',
  window: { from: '2026-11-30T20:00:00.000Z', to: '2026-12-01T20:00:00.000Z', tz: 'Asia/Dubai' },
  previousWindow: { from: '2026-11-29T20:00:00.000Z', to: '2026-11-30T06:05:00.000Z', tz: 'Asia/Dubai' },
  asOf: NOW.toISOString(),
  filters: {},
  kpis: {
    received: d(120, 100, 0.2),
    sent: d(80, 100, -0.2),
    // (0.975 − 0.95) / 0.95 = 0.0263 → ▲ 2.6 %
    deliveryRate: r(0.975, 0.95, 0.025 / 0.95),
    readRate: r(0.5, 0.5, 0),
    failed: d(2, 0, null),
    conversationsOpened: d(30, 30, 0),
    conversationsClosed: d(25, 20, 0.25),
    unresolved: d(5, 10, -0.5),
    medianFirstResponseSec: r(252, 210, 0.2),
    medianResolutionSec: r(null, 3600, null),
    newContacts: d(7, 5, 0.4),
  },
};
const me = { report: agentsReport([agent('a1', 'Layla', { rank: 1, closed: 6, firstResponse: dur(5, 120, 300) }), agent('a2', 'Sara', { rank: 2, firstResponse: dur(5, 500) })], { frt: 310, res: null, agents: 2 }), agentId: 'a1' };
const input = (over: Partial<AppHomeInput> = {}): AppHomeInput => ({ today, tz: 'Asia/Dubai', live, isSupervisor: true, now: NOW, ...over });
const homeProblems = (blocks: KnownBlock[]) => blockKitProblems({ blocks, text: 'home' }, 'home');
const buttons = (blocks: KnownBlock[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('appHomeView for a supervisor', () => {
  it("shows today's KPIs with their changes, the queue with contacts, own stats and the digests placeholder", () => {
    const view = appHomeView(input({ me }), 'en');
    expect(view.type).toBe('home');
    const all = texts(view.blocks as KnownBlock[]);
    expect(all).toEqual(expect.arrayContaining([
      '*Received*\n120   ▲ 20 %',
      '*Sent*\n80   ▼ 20 %',
      '*Delivery rate*\n97.5 %   ▲ 2.6 %',
      '*Read rate*\n50.0 %   no change',
      '*Failed*\n2   n/a (nothing before)',
      '*Conversations closed*\n25   ▲ 25 %',
      '*Unresolved*\n5   ▼ 50 %',
      '*Median first response*\n4m 12s   ▲ 20 %',
      '*Median resolution*\nn/a   n/a (nothing before)',
      '*New contacts*\n7   ▲ 40 %',
    ]));
    const text = all.join('\n');
    expect(text).toContain('as of Tue 1 Dec 2026 14:05 (Asia/Dubai)');
    // queue: 3 waiting, longest 3725 s = 1h 2m; the contacts longest first
    expect(text).toContain('3 waiting for a reply, longest for 1h 2m');
    expect(text.indexOf('+96650•••1234')).toBeLessThan(text.indexOf('Ahmed (+97150•••4567)'));
    // own stats: Layla ranked 1 of 2, 2m against the team's 310 s = 5m 10s
    expect(all).toContain('*Rank*\n1 of 2');
    expect(all).toContain('*Median first response*\n2m (p90 5m)\nteam 5m 10s');
    expect(text).toContain('*Digests and alerts*\nScheduled digests');
    expect(buttons(view.blocks as KnownBlock[])).toEqual([expect.objectContaining({ action_id: ACTION_IDS.homeRefresh, text: expect.objectContaining({ text: 'Refresh' }) })]);
    expect(homeProblems(view.blocks as KnownBlock[])).toEqual([]);
  });

  it('shows the chart when one was published, with the KPIs as alt text', () => {
    const view = appHomeView(input({ chartUrl: 'https://pulse.example/c/today.png' }), 'en');
    const img = view.blocks.find((b) => b.type === 'image');
    expect(img).toMatchObject({ image_url: 'https://pulse.example/c/today.png' });
    expect(img && 'alt_text' in img && img.alt_text).toContain('Received: 120   ▲ 20 %');
  });

  it('says the same in Arabic with Western digits', () => {
    const view = appHomeView(input({ me }), 'ar');
    const text = joined(view.blocks as KnownBlock[]);
    expect(text).toContain('*الرسائل الواردة*\n120   ▲ 20٪');
    expect(text).toContain('بانتظار الرد: 3، وأطول انتظار 1س 2د');
    expect(text).toContain('*الملخصات والتنبيهات*');
    expect(text).not.toMatch(/[٠-٩]/);
  });
});

describe('appHomeView for a member who is not a supervisor', () => {
  it('shows the queue size and their own stats, no team figures, contacts or digests', () => {
    const view = appHomeView(input({ isSupervisor: false, me, chartUrl: 'https://pulse.example/c/today.png' }), 'en');
    const text = joined(view.blocks as KnownBlock[]);
    expect(text).toContain('3 waiting for a reply, longest for 1h 2m');
    expect(text).toContain('*Rank*\n1 of 2');
    for (const hidden of ['*Received*', 'Ahmed', '+96650', 'Digests and alerts', 'Sara']) expect(text).not.toContain(hidden);
    expect(view.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(text).toContain('Use `/pulse me` for your own stats.');
  });

  it('leaves out own stats when the member is not a linked agent', () => {
    const text = joined(appHomeView(input({ isSupervisor: false }), 'en').blocks as KnownBlock[]);
    expect(text).not.toContain('Your stats today');
  });
});

describe('appHomeView limits', () => {
  it('stays within 100 blocks and every text limit with absurd inputs', () => {
    const long = 'ن'.repeat(300);
    const busy = {
      ...live,
      assignees: Array.from({ length: 200 }, (_, i) => ({ agentId: `a${i}`, name: long, team: null, count: 5, conversations: [held(60)] })),
      queue: Array.from({ length: 500 }, (_, i) => waiting(10_000 - i, { name: long, waId: long, lastMessagePreview: long })),
    };
    const bigMe = { report: agentsReport([agent('x', long, { rank: 1, firstResponse: dur(9, 9e6, 9e7) })], { frt: 1, res: 1, agents: 1 }), agentId: 'x' };
    for (const isSupervisor of [true, false]) {
      for (const locale of ['en', 'ar'] as const) {
        const view = appHomeView(input({ live: busy, me: bigMe, isSupervisor, chartUrl: 'https://pulse.example/c.png' }), locale);
        expect(view.blocks.length).toBeLessThanOrEqual(100);
        expect(homeProblems(view.blocks as KnownBlock[])).toEqual([]);
      }
    }
    // a supervisor sees 10 of the 500 waiting, then "…and 490 more"
    expect(joined(appHomeView(input({ live: busy }), 'en').blocks as KnownBlock[])).toContain('…and 490 more');
  });
});
