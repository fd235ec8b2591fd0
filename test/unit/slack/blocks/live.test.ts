import { describe, expect, it } from 'vitest';
import type { LiveReport } from '../../../../src/metrics/live.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { liveAnswer } from '../../../../src/slack/blocks/live.js';
import { joined, NOW, texts } from './agents-fixtures.js';
import { held, live, waiting } from './live-fixtures.js';

const ctx = (locale: 'en' | 'ar') => ({ locale, chart: { kind: 'none' } as const, now: NOW, tz: 'Asia/Dubai' });

describe('liveAnswer', () => {
  it('gives the queue longest wait first, open conversations by agent and an "as of" line', () => {
    const msg = liveAnswer(live, ctx('en'));
    const all = joined(msg.blocks);
    // NOW is 10:05 UTC = 14:05 in Dubai (UTC+4)
    expect(all).toContain('as of Tue 1 Dec 2026 14:05 (Asia/Dubai)');
    expect(texts(msg.blocks)).toEqual(expect.arrayContaining([
      '*Waiting for a reply*\n3', '*Longest wait*\n1h 2m', '*Open, no agent*\n4', '*Open, with an agent*\n3',
    ]));
    expect(all).toContain(
      '• +96650•••1234 — waiting 1h 2m\n' +
        '• Ahmed (+97150•••4567) — waiting 12m · _“Hello, any update on my &lt;order&gt;?”_\n' +
        '• unknown contact — waiting 45s',
    );
    // 7500 s = 2h 5m held longest; an agent with no name shows its id, and no longest time when none is known
    expect(all).toMatch(/^• Layla: 2 open, longest held 2h 5m\n• a9: 1 open$/m);
    expect(msg.text).toBe('Live: 3 waiting unassigned (longest 1h 2m), 3 open with an agent');
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('says so when nobody waits and nobody is assigned', () => {
    const empty = liveAnswer({ ...live, assignees: [], assignedOpen: 0, unassignedOpen: 0, queue: [] }, ctx('en'));
    expect(joined(empty.blocks)).toContain('Nobody is waiting for a reply.');
    expect(joined(empty.blocks)).toContain('No open conversation has an agent.');
    expect(empty.text).toBe('Live: 0 waiting unassigned (longest n/a), 0 open with an agent');
  });

  it('says the same in Arabic with Western digits', () => {
    const all = joined(liveAnswer(live, ctx('ar')).blocks);
    expect(all).toContain('• +96650•••1234 — ينتظر منذ 1س 2د');
    expect(all).toContain('• Layla: المفتوحة 2، أطولها منذ 2س 5د');
    expect(all).toContain('*بانتظار الرد*\n3');
    expect(all).not.toMatch(/[٠-٩]/);
  });

  it('cuts long lists at 15 rows with "and N more" and stays inside Slack limits', () => {
    const long = 'ع'.repeat(300);
    const huge: LiveReport = {
      ...live,
      filters: { team: long, channel: long },
      assignees: Array.from({ length: 200 }, (_, i) => ({ agentId: `a${i}`, name: `${long}${i}`, team: null, count: 99, conversations: [held(9e6)] })),
      queue: Array.from({ length: 500 }, (_, i) => waiting(500 - i, { name: long, waId: '+97150•••4567', lastMessagePreview: 'x'.repeat(2000) })),
    };
    for (const locale of ['en', 'ar'] as const) {
      const msg = liveAnswer(huge, ctx(locale));
      expect(blockKitProblems(msg)).toEqual([]);
    }
    const all = joined(liveAnswer(huge, ctx('en')).blocks);
    // 500 − 15 queue rows and 200 − 15 agents left out
    expect(all).toContain('…and 485 more');
    expect(all).toContain('…and 185 more');
    expect(all.match(/ — waiting /g)).toHaveLength(15);
  });
});
