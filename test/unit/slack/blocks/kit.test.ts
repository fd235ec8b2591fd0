import { describe, expect, it } from 'vitest';
import { deltaText, kpiWithDelta } from '../../../../src/slack/blocks/delta.js';
import { cut, fieldSections, header } from '../../../../src/slack/blocks/kit.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { windowText } from '../../../../src/slack/blocks/window-line.js';
import { formatDate } from '../../../../src/i18n/index.js';

describe('deltas', () => {
  it('words a change by arrow and relative %, neutral in both languages', () => {
    // 10 % and above in whole percent, below with one decimal
    expect(deltaText(0.123, 'en')).toBe('▲ 12 %');
    expect(deltaText(0.045, 'en')).toBe('▲ 4.5 %');
    expect(deltaText(-0.5, 'en')).toBe('▼ 50 %');
    expect(deltaText(0, 'en')).toBe('no change');
    // previous period was 0: no ratio exists
    expect(deltaText(null, 'en')).toBe('n/a (nothing before)');
    expect(deltaText(0.045, 'ar')).toBe('▲ 4.5٪');
  });
  it('puts the value before its change', () => {
    // 252 s = 4 min 12 s; a 10 % rise
    expect(kpiWithDelta({ kind: 'duration', value: 252 }, 0.1, 'en')).toBe('4m 12s   ▲ 10 %');
    expect(kpiWithDelta({ kind: 'rate', value: 0.9842 }, undefined, 'en')).toBe('98.4 %');
  });
});

describe('window line', () => {
  // Dubai is UTC+4 all year: local midnight of 24 Nov is 23 Nov 20:00 UTC.
  const week = { from: '2026-11-23T20:00:00.000Z', to: '2026-11-30T20:00:00.000Z', tz: 'Asia/Dubai' };
  it('names whole local days, both included, with the count and zone', () => {
    expect(windowText(week, 'en')).toBe('Tue 24 Nov 2026 – Mon 30 Nov 2026 (7 days, Asia/Dubai)');
    expect(windowText(week, 'ar')).toBe('من الثلاثاء 24 نوفمبر 2026 إلى الاثنين 30 نوفمبر 2026 (7 أيام، Asia/Dubai)');
  });
  it('gives instants for spans that are not whole days, end excluded', () => {
    const span = { from: '2026-11-24T05:00:00.000Z', to: '2026-11-24T09:30:00.000Z', tz: 'Asia/Dubai' };
    expect(windowText(span, 'en')).toBe('Tue 24 Nov 2026 09:00 → Tue 24 Nov 2026 13:30, end excluded (Asia/Dubai)');
  });
});

describe('dates', () => {
  it('names September Sep, as the CLI does (recent ICU spells it Sept in en-GB)', () => {
    // 5 Sep 2026 10:00 UTC is 14:00 the same day in Dubai, a Saturday
    expect(formatDate(new Date('2026-09-05T10:00:00Z'), 'Asia/Dubai', 'en')).toBe('Sat 5 Sep 2026');
    expect(formatDate(new Date('2026-09-05T10:00:00Z'), 'Asia/Dubai', 'ar')).toBe('السبت 5 سبتمبر 2026');
  });
});

describe('limits', () => {
  it('cuts text to Slack limits and reports what still breaks them', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(header('x'.repeat(400)).text.text).toHaveLength(150);
    // 23 pairs → sections of 10, 10 and 3 fields
    expect(fieldSections(Array.from({ length: 23 }, (_, i) => [`k${i}`, `v${i}`])).map((s) => s.fields!.length)).toEqual([10, 10, 3]);
    const tooMany = { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' as const })) };
    expect(blockKitProblems(tooMany)).toEqual(['51 blocks (max 50)']);
    expect(blockKitProblems(tooMany, 'home')).toEqual([]);
  });
});
