import { describe, expect, it } from 'vitest';
import type { ConversationsReport } from '../../../../src/metrics/conversations.js';
import { BUCKETS, type BucketCounts } from '../../../../src/metrics/stats.js';
import { conversationsAnswer } from '../../../../src/slack/blocks/conversations.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { ARABIC_LETTERS, EASTERN_DIGITS, WEEK, WEEK_TEXT_EN, ctxFor, field, sectionStarting, texts } from './answer-fixtures.js';

const buckets = Object.fromEntries(BUCKETS.map((b) => [b.label, 0])) as BucketCounts;
const stats = (count: number, median: number | null, p90: number | null) => ({ count, avg: median, median, p90, max: p90 });

/**
 * 300 opened (250 by contacts, 40 by agents, 10 by automation), 280 closed (200 by agents, 30 by
 * automation, 50 auto-closed), 20 still open at the end, 15 closed with no reply. First response:
 * median 252 s = 4m 12s, p90 1,200 s = 20m. Resolution: median 3,720 s = 1h 2m, p90 7,200 s = 2h.
 */
function report(over: Partial<ConversationsReport> = {}): ConversationsReport {
  return {
    report: 'conversations', window: WEEK, filters: {}, businessHours: null,
    opened: { total: 300, byOpenedBy: { contact: 250, agent: 40, automation: 10, api: 0 } },
    // categories given smallest first: the answer must rank them itself
    closed: { total: 280, byClosedBy: { agent: 200, automation: 30, auto_close: 50, api: 0 }, byCategory: { uncategorised: 60, support: 100, sales: 120 } },
    unresolved: 20,
    closedWithoutResponse: 15,
    firstResponse: { ...stats(250, 252, 1200), buckets, business: null },
    response: { ...stats(900, 100, 600), buckets, business: null },
    resolution: { ...stats(230, 3720, 7200), business: null },
    autoCloseResolution: { ...stats(50, 86400, 90000), business: null },
    ...over,
  };
}

describe('conversationsAnswer', () => {
  it('shows opened by whom, closed by whom and by category, and what is still open', () => {
    const msg = conversationsAnswer(report(), ctxFor('en'));
    expect(field(msg, 'Opened')).toBe('\n300');
    expect(field(msg, 'Closed')).toBe('\n280');
    expect(field(msg, 'Still open at the end')).toBe('\n20');
    expect(field(msg, 'Closed with no reply')).toBe('\n15');
    expect(field(msg, 'First response (median · p90)')).toBe('\n4m 12s · 20m');
    expect(field(msg, 'Resolution (median · p90)')).toBe('\n1h 2m · 2h');
    // zeros stay: "the API opened none" is an answer
    expect(sectionStarting(msg, '*Opened by*')).toBe('*Opened by*\nthe contact 250 · an agent 40 · automation 10 · the API 0');
    expect(sectionStarting(msg, '*Closed by*')).toBe('*Closed by*\nan agent 200 · automation 30 · auto-close 50 · the API 0');
    expect(sectionStarting(msg, '*Closed by category*')).toBe('*Closed by category*\nsales: 120\nsupport: 100\nuncategorised: 60');
    expect(texts(msg).join('\n')).toContain(WEEK_TEXT_EN);
    expect(field(msg, 'First response in business hours (median)')).toBeUndefined();
    expect(msg.text).toBe(`Conversations ${WEEK_TEXT_EN}: 300 opened, 280 closed, 20 still open`);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('adds the business-hours first response when business hours are set', () => {
    const msg = conversationsAnswer(
      report({
        businessHours: { days: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }, tz: 'Asia/Dubai' },
        // 90 s in business time = 1m 30s
        firstResponse: { ...stats(250, 252, 1200), buckets, business: { ...stats(250, 90, 300), buckets } },
      }),
      ctxFor('en'),
    );
    expect(field(msg, 'First response in business hours (median)')).toBe('\n1m 30s');
  });

  it('names the filters in the header and the context line', () => {
    const msg = conversationsAnswer(report({ filters: { team: 'Sales', channel: 'pn_1' } }), ctxFor('en'));
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Conversations — team Sales · number pn_1' } });
    expect(texts(msg).join('\n')).toContain('Filtered to team Sales · number pn_1');
  });

  it('answers in Arabic with the same numbers', () => {
    const msg = conversationsAnswer(report(), ctxFor('ar'));
    expect(field(msg, 'المفتوحة')).toBe('\n300');
    expect(field(msg, 'أول رد (الوسيط · p90)')).toBe('\n4د 12ث · 20د');
    expect(sectionStarting(msg, '*المغلقة حسب التصنيف*')).toBe('*المغلقة حسب التصنيف*\nsales: 120\nsupport: 100\nبدون تصنيف: 60');
    const all = texts(msg).join('\n');
    expect(all).toMatch(ARABIC_LETTERS);
    expect(all).not.toMatch(EASTERN_DIGITS);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('cuts 200 categories of 300 characters to a few rows and counts the rest', () => {
    const byCategory = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${'c'.repeat(300)}${i}`, 1]));
    const msg = conversationsAnswer(report({ closed: { total: 200, byClosedBy: { agent: 200, automation: 0, auto_close: 0, api: 0 }, byCategory } }), ctxFor('en'));
    expect(blockKitProblems(msg)).toEqual([]);
    const categories = sectionStarting(msg, '*Closed by category*')!;
    const shown = categories.split('\n').length - 2;
    expect(shown).toBeLessThanOrEqual(15);
    expect(categories).toContain(`…and ${200 - shown} more`);
  });
});
