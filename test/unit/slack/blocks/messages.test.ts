import { describe, expect, it } from 'vitest';
import type { MessagesChannel, MessagesReport } from '../../../../src/metrics/messages.js';
import { rate } from '../../../../src/metrics/stats.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { messagesAnswer } from '../../../../src/slack/blocks/messages.js';
import { ARABIC_LETTERS, EASTERN_DIGITS, WEEK, WEEK_TEXT_EN, ctxFor, field, sectionStarting, texts } from './answer-fixtures.js';

function channel(displayPhoneNumber: string, sent: number, delivered: number, read: number, failed: number, received: number): MessagesChannel {
  return {
    channel: `pn_${displayPhoneNumber}`, displayPhoneNumber, received, reactions: 0, sent, delivered, read, failed,
    deliveryRate: rate(delivered, sent), readRate: rate(read, delivered), failureRate: rate(failed, sent),
    engagement: rate(received, delivered), insideWindow: sent, outsideWindow: 0, billable: { total: 0, byCategory: [] },
  };
}

/**
 * A week on two numbers. Cohort rates: 490 of the 500 sent were delivered (98.0 %), 343 of
 * those 490 read (70.0 %), 10 of 500 failed (2.0 %); engagement 420 received / 480 delivered in
 * the window = 87.5 %. 400 of 500 sent inside the 24 h window (80.0 %), 100 outside (20.0 %).
 */
function report(over: Partial<MessagesReport> = {}): MessagesReport {
  return {
    report: 'messages', window: WEEK, filters: {},
    received: 420, reactions: 15, sent: 500, delivered: 480, read: 300, failed: 10,
    deliveryRate: rate(490, 500), readRate: rate(343, 490), failureRate: rate(10, 500), engagement: rate(420, 480),
    insideWindow: 400, outsideWindow: 100,
    billable: { total: 130, byCategory: [{ category: 'marketing', count: 100 }, { category: 'utility', count: 25 }, { category: null, count: 5 }] },
    // 300 sent, 294 delivered = 98.0 %, 147 read of 294 = 50.0 %; 200 sent, 150 delivered = 75.0 %, read 120 / 150 = 80.0 %
    byChannel: [channel('+97150•••4567', 300, 294, 147, 6, 250), channel('+97155•••1234', 200, 150, 120, 4, 170)],
    days: [{ date: '2026-11-24', sent: 500, delivered: 480, read: 300, received: 420 }],
    ...over,
  };
}

describe('messagesAnswer', () => {
  it('shows counts, the cohort rates with what they come from, and the 24 h window split', () => {
    const msg = messagesAnswer(report(), ctxFor('en'));
    expect(field(msg, 'Sent')).toBe('\n500');
    expect(field(msg, 'Delivered')).toBe('\n480');
    expect(field(msg, 'Read')).toBe('\n300');
    expect(field(msg, 'Received')).toBe('\n420');
    expect(field(msg, 'Reactions')).toBe('\n15');
    expect(field(msg, 'Delivery rate')).toBe('\n98.0 % (490 of 500)');
    expect(field(msg, 'Read rate')).toBe('\n70.0 % (343 of 490)');
    expect(field(msg, 'Failure rate')).toBe('\n2.0 % (10 of 500)');
    expect(field(msg, 'Replies per delivered')).toBe('\n87.5 % (420 of 480)');
    expect(sectionStarting(msg, '*24-hour window*')).toBe(
      '*24-hour window* (of 500 sent)\ninside 400 (80.0 %) · outside (templates only) 100 (20.0 %)',
    );
    expect(sectionStarting(msg, '*By number*')).toBe(
      '*By number*\n' +
        '+97150•••4567: 300 sent · 98.0 % delivered · 50.0 % read · 6 failed · 250 received\n' +
        '+97155•••1234: 200 sent · 75.0 % delivered · 80.0 % read · 4 failed · 170 received',
    );
    expect(sectionStarting(msg, '*Billable by pricing category*')).toBe(
      '*Billable by pricing category* (130 in all)\nmarketing: 100\nutility: 25\nno category given: 5',
    );
    expect(texts(msg).join('\n')).toContain(WEEK_TEXT_EN);
    expect(msg.text).toBe(`Messages ${WEEK_TEXT_EN}: 500 sent, 98.0 % delivered, 420 received`);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('puts the funnel in an image block with its numbers as alt text and as text', () => {
    const msg = messagesAnswer(report(), ctxFor('en', { kind: 'image', url: 'https://pulse.example/c/abc?sig=1' }));
    const image = msg.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({ image_url: 'https://pulse.example/c/abc?sig=1', title: { text: 'Messages funnel' } });
    // the funnel's bars are the cohort: 500 sent, 490 delivered, 343 read
    const alt = image?.type === 'image' ? image.alt_text : '';
    expect(alt).toContain('Sent: 500');
    expect(alt).toContain('Delivered: 490');
    expect(alt).toContain('Read: 343');
    expect(alt.length).toBeLessThanOrEqual(2000);
    expect(texts(msg).filter((t) => t.includes('Delivered: 490'))).toHaveLength(2); // alt text and the section
  });

  it('says where the chart went when it is a file or in a DM, and shows only numbers without one', () => {
    const file = texts(messagesAnswer(report(), ctxFor('en', { kind: 'file' }))).join('\n');
    expect(file).toContain('The chart is posted below this message.');
    const dm = texts(messagesAnswer(report(), ctxFor('en', { kind: 'dm' }))).join('\n');
    expect(dm).toContain('direct message');
    const none = messagesAnswer(report(), ctxFor('en', { kind: 'none' }));
    expect(none.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(texts(none).join('\n')).toContain('Sent: 500');
  });

  it('answers in Arabic with the same numbers', () => {
    const msg = messagesAnswer(report(), ctxFor('ar'));
    expect(field(msg, 'نسبة التسليم')).toBe('\n98.0٪ (490 من 500)');
    expect(field(msg, 'المرسلة')).toBe('\n500');
    expect(sectionStarting(msg, '*المدفوعة حسب فئة التسعير*')).toContain('تسويق: 100');
    const all = texts(msg).join('\n');
    expect(all).toMatch(ARABIC_LETTERS);
    expect(all).not.toMatch(EASTERN_DIGITS);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('cuts 200 numbers and 40 categories to a few rows and "…and N more", inside Slack limits', () => {
    const many = Array.from({ length: 200 }, (_, i) => channel(`+9715${'9'.repeat(300)}${i}`, 10, 9, 8, 1, 5));
    const categories = Array.from({ length: 40 }, (_, i) => ({ category: `<cat${i}>`.repeat(40), count: 40 - i }));
    const msg = messagesAnswer(report({ byChannel: many, billable: { total: 820, byCategory: categories } }), ctxFor('en', { kind: 'image', url: 'https://x/y' }));
    expect(blockKitProblems(msg)).toEqual([]);
    const numbers = sectionStarting(msg, '*By number*')!;
    const shown = numbers.split('\n').length - 2; // minus title and the "more" line
    // at most 10 rows; the rest are counted, so shown + more = 200
    expect(shown).toBeLessThanOrEqual(10);
    expect(numbers).toContain(`…and ${200 - shown} more`);
    // data is escaped: the category's < > do not become Slack markup
    expect(sectionStarting(msg, '*Billable')).toContain('&lt;cat0&gt;');
  });
});
