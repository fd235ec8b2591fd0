import { describe, expect, it } from 'vitest';
import type { FailuresReport } from '../../../../src/metrics/failures.js';
import { rate } from '../../../../src/metrics/stats.js';
import { failuresAnswer } from '../../../../src/slack/blocks/failures.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { ARABIC_LETTERS, EASTERN_DIGITS, WEEK, WEEK_TEXT_EN, ctxFor, field, sectionStarting, texts } from './answer-fixtures.js';

const day = (date: string, undeliverable: number, sent: number, cohortFailed: number) => ({
  date, failed: undeliverable, byClass: { '131026 Undeliverable': undeliverable }, byCode: [{ code: 131026, count: undeliverable }],
  failureRate: rate(cohortFailed, sent),
});

/**
 * 40 failures in the week: 24 undeliverable (24/40 = 60.0 %), 10 re-engagement (25.0 %), 6 with
 * no code (15.0 %). The rate is over the 1,000 sent: 38 of them failed (3.8 %).
 */
function report(over: Partial<FailuresReport> = {}): FailuresReport {
  return {
    report: 'failures', window: WEEK, filters: {},
    failed: 40, sent: 1000, failureRate: rate(38, 1000),
    byCode: [
      { code: 131026, title: 'Message undeliverable', class: '131026 Undeliverable', count: 24 },
      { code: 131047, title: 'Re-engagement message', class: '131047 Re-engagement', count: 10 },
      { code: null, title: null, class: 'Other', count: 6 },
    ],
    // 28 of 700 sent = 4.0 %; 10 of 300 = 3.3 %
    byChannel: [
      { channel: 'pn_1', displayPhoneNumber: '+97150•••4567', failed: 30, sent: 700, failureRate: rate(28, 700) },
      { channel: 'pn_2', displayPhoneNumber: '+97155•••1234', failed: 10, sent: 300, failureRate: rate(10, 300) },
    ],
    byPricingCategory: [{ category: 'marketing', count: 30 }, { category: 'utility', count: 10 }],
    // 20 failed on the 24th, 5 of 100 sent that day failed (5.0 %)
    days: [day('2026-11-24', 20, 100, 5), day('2026-11-25', 4, 200, 2)],
    errorClasses: [],
    classOrder: ['131026 Undeliverable'],
    webhookErrors: { total: 3, byCode: [{ code: 131056, title: 'Pair rate limit hit', count: 3 }] },
    ...over,
  };
}

describe('failuresAnswer', () => {
  it('shows failures by code with their share, by number and category, and the rate', () => {
    const msg = failuresAnswer(report(), ctxFor('en'));
    expect(field(msg, 'Failed')).toBe('\n40');
    expect(field(msg, 'Failure rate')).toBe('\n3.8 % (38 of 1,000)');
    expect(field(msg, 'Webhook errors')).toBe('\n3');
    expect(sectionStarting(msg, '*By error code*')).toBe(
      '*By error code* (share of all failures)\n' +
        '`131026` Message undeliverable: 24 (60.0 %)\n' +
        '`131047` Re-engagement message: 10 (25.0 %)\n' +
        '`no code` no description from Meta: 6 (15.0 %)',
    );
    expect(sectionStarting(msg, '*By number*')).toBe(
      '*By number*\n+97150•••4567: 30 failed · 4.0 % of 700 sent\n+97155•••1234: 10 failed · 3.3 % of 300 sent',
    );
    expect(sectionStarting(msg, '*By pricing category*')).toBe('*By pricing category*\nmarketing: 30\nutility: 10');
    expect(sectionStarting(msg, '*Webhook errors by code*')).toContain('`131056` Pair rate limit hit: 3');
    expect(texts(msg).join('\n')).toContain(WEEK_TEXT_EN);
    expect(msg.text).toBe(`Failed messages ${WEEK_TEXT_EN}: 40 failed, failure rate 3.8 %`);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('gives the trend chart as an image with the daily numbers, or a note where it went', () => {
    const msg = failuresAnswer(report(), ctxFor('en', { kind: 'image', url: 'https://pulse.example/c/f' }));
    const image = msg.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({ image_url: 'https://pulse.example/c/f', title: { text: 'Failures per day and failure rate' } });
    // the 24th: 20 failed; that day's cohort 5 / 100 = 5.0 %
    const alt = image?.type === 'image' ? image.alt_text : '';
    expect(alt).toContain('20 failed');
    expect(alt).toContain('(5 / 100)');
    expect(texts(failuresAnswer(report(), ctxFor('en', { kind: 'file' }))).join('\n')).toContain('posted below');
    expect(texts(failuresAnswer(report(), ctxFor('en', { kind: 'dm' }))).join('\n')).toContain('direct message');
    expect(failuresAnswer(report(), ctxFor('en')).blocks.some((b) => b.type === 'image')).toBe(false);
  });

  it('leaves the webhook errors out when there were none', () => {
    const msg = failuresAnswer(report({ webhookErrors: { total: 0, byCode: [] } }), ctxFor('en'));
    expect(sectionStarting(msg, '*Webhook errors by code*')).toBeUndefined();
  });

  it('answers in Arabic with the same numbers', () => {
    const msg = failuresAnswer(report(), ctxFor('ar'));
    expect(field(msg, 'نسبة الفشل')).toBe('\n3.8٪ (38 من 1,000)');
    expect(sectionStarting(msg, '*حسب رمز الخطأ*')).toContain('`131026` Message undeliverable: 24 (60.0٪)');
    const all = texts(msg).join('\n');
    expect(all).toMatch(ARABIC_LETTERS);
    expect(all).not.toMatch(EASTERN_DIGITS);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('cuts 40 error codes with 300-character titles to what fits, counting the rest', () => {
    const byCode = Array.from({ length: 40 }, (_, i) => ({ code: 130000 + i, title: 'T'.repeat(300), class: 'Other', count: 1 }));
    const msg = failuresAnswer(report({ failed: 40, byCode }), ctxFor('en', { kind: 'image', url: 'https://x/y' }));
    expect(blockKitProblems(msg)).toEqual([]);
    const codes = sectionStarting(msg, '*By error code*')!;
    const shown = codes.split('\n').length - 2;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(15);
    expect(codes).toContain(`…and ${40 - shown} more`);
  });

  it('keeps a quarter of daily chart numbers to whole lines and counts the days left out', () => {
    // 92 days from 1 Sep: the text is a title, a cohort note and one line per day = 94 lines
    const days = Array.from({ length: 92 }, (_, i) => day(new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10), 1234, 100000, 1234));
    const msg = failuresAnswer(report({ days }), ctxFor('en', { kind: 'file' }));
    expect(blockKitProblems(msg)).toEqual([]);
    const numbers = texts(msg).find((t) => t.startsWith('Delivery failures') || t.includes('failure rate 1.2 %'))!;
    const shown = numbers.split('\n').length - 1;
    expect(numbers).toMatch(new RegExp(`\\n…and ${94 - shown} more$`));
    expect(shown).toBeLessThan(94);
  });
});
