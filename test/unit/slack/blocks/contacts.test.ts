import { describe, expect, it } from 'vitest';
import type { BySource, ContactsReport } from '../../../../src/metrics/contacts.js';
import { rate, type Rate } from '../../../../src/metrics/stats.js';
import { contactsAnswer } from '../../../../src/slack/blocks/contacts.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { ARABIC_LETTERS, EASTERN_DIGITS, WEEK, WEEK_TEXT_EN, ctxFor, field, sectionStarting, texts } from './answer-fixtures.js';

const counts = (c: Partial<Record<string, number>>): BySource<number> =>
  ({ incoming_message: 0, manual: 0, import: 0, api: 0, unknown: 0, ...c }) as BySource<number>;
const rates = (r: Partial<Record<string, Rate>>): BySource<Rate> => {
  const none = rate(0, 0);
  return { incoming_message: none, manual: none, import: none, api: none, unknown: none, ...r } as BySource<Rate>;
};

/**
 * 45 new contacts (30 wrote to us, 10 added by hand, 5 imported), 2 deleted (by hand); 120 wrote
 * in the week, 35 for the first time and 85 returning. 60 of 100 messaged replied within 24 h:
 * 45 of 60 who first wrote to us (75.0 %), 15 of 40 added by hand (37.5 %).
 */
function report(over: Partial<ContactsReport> = {}): ContactsReport {
  return {
    report: 'contacts', window: WEEK, filters: {}, ignoredFilters: [],
    new: { total: 45, bySource: counts({ incoming_message: 30, manual: 10, import: 5 }) },
    deleted: { total: 2, bySource: counts({ manual: 2 }) },
    newVsReturning: { active: 120, new: 35, returning: 85 },
    replyRate: { total: rate(60, 100), bySource: rates({ incoming_message: rate(45, 60), manual: rate(15, 40) }) },
    ...over,
  };
}

describe('contactsAnswer', () => {
  it('shows new by source, deleted, first-time vs returning and the reply rates', () => {
    const msg = contactsAnswer(report(), ctxFor('en'));
    expect(field(msg, 'New contacts')).toBe('\n45');
    expect(field(msg, 'Deleted')).toBe('\n2');
    expect(field(msg, 'Wrote to us')).toBe('\n120');
    expect(field(msg, 'First time')).toBe('\n35');
    expect(field(msg, 'Returning')).toBe('\n85');
    expect(field(msg, 'Replied within 24 h')).toBe('\n60.0 % (60 of 100)');
    // sources with none are left out of the line
    expect(sectionStarting(msg, '*New by source*')).toBe('*New by source*\nwrote to us 30 · added by hand 10 · imported 5');
    expect(sectionStarting(msg, '*Deleted by source*')).toBe('*Deleted by source*\nadded by hand 2');
    // sources nobody was messaged from have no rate and are not listed
    expect(sectionStarting(msg, '*Replied within 24 h of our first message')).toBe(
      '*Replied within 24 h of our first message, by source*\nwrote to us: 75.0 % (45 of 60)\nadded by hand: 37.5 % (15 of 40)',
    );
    expect(texts(msg).join('\n')).toContain(WEEK_TEXT_EN);
    expect(msg.text).toBe(`Contacts ${WEEK_TEXT_EN}: 45 new, 85 returning`);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('keeps the number filter and says the agent filter does not reach contacts', () => {
    const msg = contactsAnswer(report({ filters: { agent: 'ag_7', channel: 'pn_1' }, ignoredFilters: ['agent'] }), ctxFor('en'));
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Contacts — number pn_1' } });
    const all = texts(msg).join('\n');
    expect(all).toContain('Filtered to number pn_1');
    expect(all).toContain('Not applied to contacts (a contact has no agent): agent ag_7.');
  });

  it('says "none" for an empty window rather than dropping the line', () => {
    const msg = contactsAnswer(
      report({ new: { total: 0, bySource: counts({}) }, replyRate: { total: rate(0, 0), bySource: rates({}) } }),
      ctxFor('en'),
    );
    expect(sectionStarting(msg, '*New by source*')).toBe('*New by source*\nnone');
    expect(field(msg, 'Replied within 24 h')).toBe('\nn/a');
  });

  it('answers in Arabic with the same numbers', () => {
    const msg = contactsAnswer(report(), ctxFor('ar'));
    expect(field(msg, 'عملاء جدد')).toBe('\n45');
    expect(sectionStarting(msg, '*الجدد حسب المصدر*')).toBe('*الجدد حسب المصدر*\nراسلونا 30 · أضيفوا يدويًا 10 · مستوردون 5');
    const all = texts(msg).join('\n');
    expect(all).toMatch(ARABIC_LETTERS);
    expect(all).not.toMatch(EASTERN_DIGITS);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('stays inside Slack limits with 300 invented sources of 300 characters', () => {
    const odd = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${'s'.repeat(300)}${i}`, 1]));
    const oddRates = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${'s'.repeat(300)}${i}`, rate(1, 2)]));
    const msg = contactsAnswer(
      report({ new: { total: 300, bySource: counts(odd) }, replyRate: { total: rate(300, 600), bySource: rates(oddRates) } }),
      ctxFor('en'),
    );
    expect(blockKitProblems(msg)).toEqual([]);
    expect(sectionStarting(msg, '*Replied within 24 h')).toMatch(/…and \d+ more$/);
  });
});
