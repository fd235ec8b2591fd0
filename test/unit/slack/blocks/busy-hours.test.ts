import { describe, expect, it } from 'vitest';
import type { BusyHoursReport } from '../../../../src/metrics/busy-hours.js';
import { busyHoursAnswer, hintCells } from '../../../../src/slack/blocks/busy-hours.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { ctxFor, joined, texts, WEEK } from './agents-fixtures.js';

type M<T = number> = T[][];
/** A 7 × 24 matrix of `fill` with the given cells set: [weekday 0 = Mon, hour, value]. */
function matrix<T>(fill: T, cells: [number, number, T][] = []): M<T> {
  const m = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => fill));
  for (const [d, h, v] of cells) m[d]![h] = v;
  return m;
}

// One week: every cell occurs once (7 local days). Messages received: Mon 10:00 12, Tue 10:00 9,
// Mon 14:00 6 → total 27; hour 10 has 21 over 7 days = 3.0 a day, hour 14 has 6/7 ≈ 0.86 → "0.9".
// Staffing: handle time 5 agent-active hours × 3600 ÷ 4 closes = 4500 s = 1h 15m (docs' worked
// example); Mon 10:00 needs 5 agents, Tue 10:00 and Mon 14:00 need 3 each, the tie going to
// Tue 10:00 for its 1 arrival an hour against Mon 14:00's 0.5.
function busyReport(over: Partial<BusyHoursReport['staffing']> = {}): BusyHoursReport {
  const counts = matrix(0, [[0, 10, 12], [1, 10, 9], [0, 14, 6]]);
  return {
    report: 'busy-hours', window: WEEK, filters: { team: 'sales' }, weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], days: 7,
    hours: matrix(1),
    messages: { counts, total: 27, peakHours: [{ hour: 10, count: 21, avgPerDay: 3 }, { hour: 14, count: 6, avgPerDay: 6 / 7 }] },
    opened: { counts: matrix(0, [[0, 10, 2], [1, 10, 1], [0, 14, 5]]), total: 8, peakHours: [] },
    staffing: {
      serviceLevel: 0.8, frtTargetSec: 300, activeAgentHours: 5, agentCloses: 4, handleTimeSec: 4500, noHintReason: null,
      arrivals: matrix(0, [[0, 10, 2], [1, 10, 1], [0, 14, 1]]),
      arrivalsPerHour: matrix<number | null>(0, [[0, 10, 2], [1, 10, 1], [0, 14, 0.5]]),
      load: matrix<number | null>(0, [[0, 10, 2.5], [1, 10, 1.25], [0, 14, 0.625]]),
      agentsNeeded: matrix<number | null>(0, [[0, 10, 5], [1, 10, 3], [0, 14, 3]]),
      agentsReplied: matrix<number | null>(0, [[0, 10, 2], [1, 10, 1], [0, 14, 0.5]]),
      ...over,
    },
  };
}

describe('busyHoursAnswer', () => {
  it('gives totals, peak hours and the staffing hint with its basis and the upper-bound warning', () => {
    const msg = busyHoursAnswer(busyReport(), ctxFor('en'));
    const all = joined(msg.blocks);
    expect(texts(msg.blocks)[0]).toBe('Busy hours — team sales');
    expect(texts(msg.blocks)).toContain('*Messages received*\n27');
    expect(texts(msg.blocks)).toContain('*Conversations opened*\n8');
    expect(all).toContain('• 10:00–11:00: 21 in all, 3.0 a day\n• 14:00–15:00: 6 in all, 0.9 a day');
    expect(all).toContain(
      '• Mon 10:00–11:00: up to 5 agents · 2.0 replied on average\n' +
        '• Tue 10:00–11:00: up to 3 agents · 1.0 replied on average\n' +
        '• Mon 14:00–15:00: up to 3 agents · 0.5 replied on average',
    );
    expect(all).toContain('answer 80 % of new conversations within 5m (Erlang C), with a handle time of 1h 15m: 5 agent-active hours ÷ 4 conversations');
    expect(all).toContain('upper bound');
    expect(msg.text).toBe('Busy hours: 27 messages received, busiest hour 10:00–11:00');
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('escapes filter values in mrkdwn but not in the plain-text header', () => {
    const msg = busyHoursAnswer({ ...busyReport(), filters: { team: 'R&D <ops>' } }, ctxFor('en'));
    expect(texts(msg.blocks)[0]).toBe('Busy hours — team R&D <ops>');
    expect(texts(msg.blocks)[2]).toBe('team R&amp;D &lt;ops&gt;');
  });

  it('shows at most five hint cells', () => {
    const r = busyReport({ agentsNeeded: matrix<number | null>(2) });
    // every cell needs 2, so arrivals per hour decide: Mon 10:00 (2), Tue 10:00 (1), Mon 14:00 (0.5),
    // then the cells with none in week order: Mon 00:00, Mon 01:00
    expect(hintCells(r).map((c) => [c.d, c.hour])).toEqual([[0, 10], [1, 10], [0, 14], [0, 0], [0, 1]]);
  });

  it('says why there is no hint, and that nobody is needed without arrivals', () => {
    const noCloses = busyReport({ handleTimeSec: null, noHintReason: 'no-agent-closes', agentsNeeded: matrix<number | null>(null), load: matrix<number | null>(null) });
    const all = joined(busyHoursAnswer(noCloses, ctxFor('en')).blocks);
    expect(all).toContain('No staffing hint: the agents who replied closed no conversation in this period');
    expect(all).not.toContain('upper bound');
    const quiet = busyReport({ agentsNeeded: matrix<number | null>(0) });
    expect(joined(busyHoursAnswer(quiet, ctxFor('en')).blocks)).toContain('No contact opened a conversation in this period: no agents needed.');
    const ar = joined(busyHoursAnswer({ ...noCloses, staffing: { ...noCloses.staffing, noHintReason: 'no-agent-replies' } }, ctxFor('ar')).blocks);
    expect(ar).toContain('لا يوجد اقتراح: لم يرد أي موظف في هذه الفترة');
  });

  it('says the same numbers in Arabic with Western digits', () => {
    const msg = busyHoursAnswer(busyReport(), ctxFor('ar'));
    const all = joined(msg.blocks);
    expect(all).toContain('• الاثنين 10:00–11:00: اللازم حتى 5 · من ردّوا فعليًا 2.0 بالمتوسط');
    expect(all).toContain('• 10:00–11:00: المجموع 21، بمعدل 3.0 في اليوم');
    // handle time 4500 s = 1س 15د, target 300 s = 5د, 80٪
    expect(all).toContain('80٪');
    expect(all).toContain('1س 15د');
    expect(all).not.toMatch(/[٠-٩]/);
  });

  it('puts the heatmap by each delivery, its numbers always in text', () => {
    const image = busyHoursAnswer(busyReport(), ctxFor('en', { kind: 'image', url: 'https://pulse.example/c/b.png' }));
    const img = image.blocks.find((b) => b.type === 'image');
    expect(img).toMatchObject({ image_url: 'https://pulse.example/c/b.png' });
    expect(img && 'alt_text' in img && img.alt_text).toContain('Total: 27');
    expect(joined(busyHoursAnswer(busyReport(), ctxFor('en', { kind: 'file' })).blocks)).toContain('posted below');
    expect(joined(busyHoursAnswer(busyReport(), ctxFor('en', { kind: 'dm' })).blocks)).toContain('direct message');
    const none = busyHoursAnswer(busyReport(), ctxFor('en', { kind: 'none' }));
    expect(none.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(joined(none.blocks)).toContain('Total: 27');
  });

  it('stays inside Slack limits with absurd counts in every cell', () => {
    const big = busyReport({ agentsNeeded: matrix<number | null>(10_000), agentsReplied: matrix<number | null>(123_456.789) });
    big.messages = { counts: matrix(999_999_999), total: 168 * 999_999_999, peakHours: Array.from({ length: 24 }, (_, h) => ({ hour: h, count: 7e9, avgPerDay: 1e9 })) };
    big.filters = { team: 'ف'.repeat(300), channel: '1'.repeat(300), agent: 'x'.repeat(300) };
    for (const locale of ['en', 'ar'] as const) {
      for (const chart of [{ kind: 'image', url: 'https://pulse.example/c.png' }, { kind: 'none' }] as const) {
        expect(blockKitProblems(busyHoursAnswer(big, ctxFor(locale, chart)))).toEqual([]);
      }
    }
  });
});
