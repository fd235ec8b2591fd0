import { describe, expect, it } from 'vitest';
import type { OverviewReport } from '../../../../src/metrics/overview.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { overviewAnswer } from '../../../../src/slack/blocks/overview.js';
import { ARABIC_LETTERS, EASTERN_DIGITS, WEEK, WEEK_TEXT_EN, ctxFor, field, texts } from './answer-fixtures.js';

type Filter = ('channel' | 'agent' | 'team')[];
const d = (current: number, previous: number, filteredBy: Filter = []) => ({
  current, previous, change: previous === 0 ? null : (current - previous) / previous, filteredBy,
});

/** A past week against the week before, no filters. Changes are (current − previous) / previous. */
function report(over: Partial<OverviewReport> = {}, by: { out?: Filter } = {}): OverviewReport {
  const out = by.out ?? [];
  return {
    report: 'overview',
    window: WEEK,
    previousWindow: { from: '2026-11-16T20:00:00.000Z', to: '2026-11-23T20:00:00.000Z', tz: 'Asia/Dubai' },
    asOf: null,
    filters: {},
    kpis: {
      received: d(1200, 1000), // +20 %
      sent: d(900, 1000, out), // −10 %
      deliveryRate: d(0.95, 0.9, out), // 0.05 / 0.9 = +5.56 % → "5.6"
      readRate: d(0.8, 0.8, out), // no change
      failed: d(12, 0, out), // nothing before → n/a
      conversationsOpened: d(300, 250, out), // +20 %
      conversationsClosed: d(280, 280, out),
      unresolved: d(20, 25, out), // −20 %
      medianFirstResponseSec: d(252, 300, out), // 4m 12s, −48/300 = −16 %
      medianResolutionSec: d(3720, 3600, out), // 1h 2m, +120/3600 = +3.33 % → "3.3"
      newContacts: d(40, 50), // −20 %
    },
    ...over,
  };
}

describe('overviewAnswer', () => {
  it('shows every KPI with its change against the previous period', () => {
    const msg = overviewAnswer(report(), ctxFor('en'));
    expect(field(msg, 'Received')).toBe('\n1,200   ▲ 20 %');
    expect(field(msg, 'Sent')).toBe('\n900   ▼ 10 %');
    expect(field(msg, 'Delivery rate')).toBe('\n95.0 %   ▲ 5.6 %');
    expect(field(msg, 'Read rate')).toBe('\n80.0 %   no change');
    expect(field(msg, 'Failed')).toBe('\n12   n/a (nothing before)');
    expect(field(msg, 'Unresolved')).toBe('\n20   ▼ 20 %');
    expect(field(msg, 'Median first response')).toBe('\n4m 12s   ▼ 16 %');
    expect(field(msg, 'Median resolution')).toBe('\n1h 2m   ▲ 3.3 %');
    expect(field(msg, 'New contacts')).toBe('\n40   ▼ 20 %');
    // 11 KPIs: a full section of 10 fields and one more
    expect(msg.blocks.filter((b) => b.type === 'section')).toHaveLength(2);
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Overview' } });
    const all = texts(msg).join('\n');
    expect(all).toContain(WEEK_TEXT_EN);
    // the week before, whole local days 17–23 Nov
    expect(all).toContain('Compared with Tue 17 Nov 2026 – Mon 23 Nov 2026 (7 days, Asia/Dubai)');
    expect(all).not.toContain('as of');
    expect(msg.text).toBe(`Overview ${WEEK_TEXT_EN}: 1,200 received, 900 sent, 95.0 % delivered`);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('marks the KPIs an agent filter narrows and explains the mark', () => {
    const msg = overviewAnswer(report({ filters: { agent: 'ag_7' } }, { out: ['agent'] }), ctxFor('en'));
    // outbound and conversation KPIs are the agent's; received and new contacts have no agent
    expect(field(msg, 'Sent')).toBe(' *\n900   ▼ 10 %');
    expect(field(msg, 'Median first response')).toBe(' *\n4m 12s   ▼ 16 %');
    expect(field(msg, 'Received')).toBe('\n1,200   ▲ 20 %');
    expect(field(msg, 'New contacts')).toBe('\n40   ▼ 20 %');
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Overview — agent ag_7' } });
    const all = texts(msg).join('\n');
    expect(all).toContain('* counted for agent ag_7 only');
    expect(all).toContain('Filtered to agent ag_7');
  });

  it('escapes filter values in mrkdwn, so a typed name cannot ping the channel', () => {
    const msg = overviewAnswer(report({ filters: { team: '<!channel> & co' } }, { out: ['team'] }), ctxFor('en'));
    const all = texts(msg).join('\n');
    expect(all).toContain('Filtered to team &lt;!channel&gt; &amp; co');
    expect(all).toContain('* counted for team &lt;!channel&gt; &amp; co only');
    // the header is plain text: Slack shows it as typed and parses nothing
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Overview — team <!channel> & co' } });
  });

  it('does not mark anything for a number filter, which applies to every KPI', () => {
    const msg = overviewAnswer(report({ filters: { channel: '1098' } }, { out: ['channel'] }), ctxFor('en'));
    expect(field(msg, 'Sent')).toBe('\n900   ▼ 10 %');
    expect(texts(msg).join('\n')).not.toContain('* counted');
  });

  it('says "as of" for a running window and names the elapsed span it is compared with', () => {
    const today = { from: '2026-11-30T20:00:00.000Z', to: '2026-12-01T20:00:00.000Z', tz: 'Asia/Dubai' };
    // 10:05 UTC = 14:05 in Dubai; yesterday from local midnight to the same 14:05
    const prev = { from: '2026-11-29T20:00:00.000Z', to: '2026-11-30T10:05:00.000Z', tz: 'Asia/Dubai' };
    const msg = overviewAnswer(report({ window: today, previousWindow: prev, asOf: '2026-12-01T10:05:00.000Z' }), ctxFor('en'));
    const all = texts(msg).join('\n');
    expect(all).toContain('as of Tue 1 Dec 2026 14:05 (Asia/Dubai)');
    expect(all).toContain('Compared with Mon 30 Nov 2026 00:00 → Mon 30 Nov 2026 14:05, end excluded (Asia/Dubai)');
  });

  it('answers in Arabic with the same numbers in Western digits', () => {
    const msg = overviewAnswer(report(), ctxFor('ar'));
    expect(field(msg, 'الرسائل الواردة')).toBe('\n1,200   ▲ 20٪');
    expect(field(msg, 'نسبة التسليم')).toBe('\n95.0٪   ▲ 5.6٪');
    expect(field(msg, 'الرسائل الفاشلة')).toBe('\n12   غير متاح (لا بيانات سابقة)');
    // 252 s → 4 د 12 ث in Arabic units
    expect(field(msg, 'وسيط زمن أول رد')).toBe('\n4د 12ث   ▼ 16٪');
    const all = texts(msg).join('\n');
    expect(all).toMatch(ARABIC_LETTERS);
    expect(all).not.toMatch(EASTERN_DIGITS);
    expect(msg.text).toMatch(ARABIC_LETTERS);
    expect(all).toContain('المقارنة مع الفترة: من الثلاثاء 17 نوفمبر 2026 إلى الاثنين 23 نوفمبر 2026 (7 أيام، Asia/Dubai)');
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('stays inside Slack limits with absurd filters, and carries the buttons', () => {
    const long = 'x'.repeat(300);
    const msg = overviewAnswer(
      report({ filters: { agent: long, team: long, channel: long } }, { out: ['agent', 'team', 'channel'] }),
      ctxFor('en', { kind: 'none' }, { csv: 'overview 7d csv', share: 'overview 7d share' }),
    );
    expect(blockKitProblems(msg)).toEqual([]);
    const actions = msg.blocks.at(-1);
    expect(actions).toMatchObject({ type: 'actions', elements: [{ value: 'overview 7d csv' }, { value: 'overview 7d share' }] });
  });
});
