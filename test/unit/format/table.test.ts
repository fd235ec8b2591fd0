import { describe, expect, it } from 'vitest';
import { count, tableOf, text } from '../../../src/tables/columns.js';
import { render } from '../../../src/cli/format/render.js';
import { gridLines, shorten } from '../../../src/cli/format/table.js';
import { formatWindow } from '../../../src/cli/format/window-text.js';
import { busyHours, messages, overview } from './hand-made.js';

const table = async (r: Parameters<typeof render>[0], section?: string) => String(await render(r, 'table', { section }));

describe('text tables', () => {
  it('open with the window in local time and zone, and the filters', async () => {
    // 22 Nov 20:00Z = Mon 23 Nov 00:00 in Dubai (UTC+4); 29 Nov 20:00Z = Mon 30 Nov 00:00
    const t = await table(messages);
    expect(t.split('\n').slice(0, 3)).toEqual([
      'messages report',
      'window: Mon 23 Nov 2026 – Sun 29 Nov 2026 (7 days, Asia/Dubai)',
      'filters: none',
    ]);
    // the same instants in London (UTC+0 in November), and across a DST change in New York:
    // 8 Mar 2026 02:00 EST → 03:00 EDT; 7 Mar 05:00Z = 00:00 EST, 9 Mar 04:00Z = 00:00 EDT
    expect(formatWindow({ from: '2026-11-22T20:00:00.000Z', to: '2026-11-29T20:00:00.000Z', tz: 'Europe/London' }))
      .toBe('Sun 22 Nov 2026 20:00 → Sun 29 Nov 2026 20:00, end excluded (Europe/London)');
    expect(formatWindow({ from: '2026-03-07T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z', tz: 'America/New_York' }))
      .toBe('Sat 7 Mar 2026 – Sun 8 Mar 2026 (2 days, America/New_York)');
  });

  it('print rates as percentages with what they were computed from', async () => {
    const t = await table(messages);
    // 5 / 6 = 83.33 % → 83.3 %; read rate of channel B 1 / 2 = 50.0 %
    expect(t).toMatch(/^ {2}delivery rate: +83\.3 % \(5 of 6\)$/m);
    expect(t).toMatch(/^ {2}read rate +66\.7 % +50\.0 %$/m);
    expect(t).not.toMatch(/\[\d+\]|\{"/);
    // days read as days: 2026-11-23 was a Monday (23 Nov 2026 = Mon, as the window's Mon 23 Nov)
    expect(t).toMatch(/^ {2}Mon 23 Nov +4 +3 +2 +3$/m);
    expect(t).toMatch(/^ {2}Tue 24 Nov +2 +2 +1 +1$/m);
  });

  it('draw the busy hours as weekday × hour grids, twelve hours a block', async () => {
    const t = await table(busyHours);
    const lines = t.split('\n');
    const head = lines.findIndex((l) => l.startsWith('messages received by local weekday and hour'));
    expect(lines[head]).toContain('totals over the 7 local days');
    // cells are 4 wide (1200 → "1.2k"), one space apart: Tue 14:00 = 5 is the 3rd cell of the afternoon block
    expect(lines[head + 1]).toBe('         00   01   02   03   04   05   06   07   08   09   10   11');
    expect(lines[head + 10]).toBe('         12   13   14   15   16   17   18   19   20   21   22   23');
    expect(lines[head + 12]).toBe('  Tue     0    0    5    0    0    0    0    0    0    0    0    0');
    expect(lines[head + 17]).toBe('  Sun     0    0    0    0    0    0    0    0    0    0    0 1.2k');
    // staffing: handle time 252 s = 4m 12s, service level 80 %
    expect(t).toMatch(/^ {2}handle time: +4m 12s$/m);
    expect(t).toMatch(/^ {2}service level: +80\.0 %$/m);
    // a hint was given, so nothing withheld it; peak hours read as clock times (23 → 23:00)
    expect(t).toMatch(/^ {2}hint withheld because: +—$/m);
    expect(t).toMatch(/^ {2}messages +23:00 +1,200 +171\.43$/m);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(100);
  });

  it('mark the overview KPIs an agent filter applies to, and compare a running week with the same span', async () => {
    const t = await table(overview);
    // previous window 15 Nov 20:00Z → 18 Nov 05:00Z = Mon 16 Nov 00:00 → Wed 18 Nov 09:00 in Dubai
    expect(t).toContain([
      'compared with: Mon 16 Nov 2026 00:00 → Wed 18 Nov 2026 09:00, end excluded (Asia/Dubai)',
      '  (this period runs only to Wed 25 Nov 2026 09:00: the same elapsed span of the previous one)',
    ].join('\n'));
    expect(t).toMatch(/^ {2}messages received {8,}120 +100 +\+20\.0 %$/m);
    expect(t).toMatch(/^ {2}messages sent \* +40 +50 +−20\.0 %$/m);
    // 252 s → 4m 12s, 300 s → 5m; (252 − 300) / 300 = −16 %
    expect(t).toMatch(/^ {2}median first response \* +4m 12s +5m +−16\.0 %$/m);
    // no resolution this week: a dash and n/a, never 0
    expect(t).toMatch(/^ {2}median resolution \* +– +1h 5m +n\/a$/m);
    expect(t).toMatch(/^ {2}delivery rate \* +98\.4 % +99\.0 % +−0\.6 %$/m);
    expect(t).toMatch(/^ {2}new contacts +7 +7 +0\.0 %$/m);
    expect(t).toContain('* counted for agent omar only. Not filtered (no agent to filter by): messages received, new contacts.');
  });

  it('say which facts an agent filter cannot reach', async () => {
    const t = await table({ ...messages, filters: { agent: 'omar' } });
    expect(t.split('\n').slice(2, 4)).toEqual([
      'filters: agent omar',
      'note: agent/team filters apply to outbound messages; received messages and reactions are counted for everyone',
    ]);
  });

  it('show one section when asked', async () => {
    const t = await table(messages, 'days');
    expect(t).toContain('days:');
    expect(t).not.toContain('totals:');
    await expect(table(messages, 'nope')).rejects.toThrow(/must be one of totals, days/);
  });
});

describe('grids', () => {
  const title = 'This message was not delivered to maintain healthy ecosystem engagement.';
  it('shorten long text at a word boundary, marked with an ellipsis', () => {
    // 48 wide: the first 47 characters end in "maintain heal"; back to the last space, then "…"
    expect(shorten(title, 48)).toBe('This message was not delivered to maintain…');
    expect(shorten('short', 48)).toBe('short');
  });
  it('print codes as written and a missing value as what it means', () => {
    const rows = [{ code: 131049, title, count: 1234 }, { code: null, title: null, count: 1 }];
    const lines = gridLines(tableOf(rows, [
      text('code', (r) => r.code, { blank: 'no code' }), text('title', (r) => r.title, { maxWidth: 48 }), count('count', (r) => r.count),
    ]), 'UTC');
    expect(lines).toEqual([
      '  code     title                                        count',
      '  -------  -------------------------------------------  -----',
      '  131049   This message was not delivered to maintain…  1,234',
      '  no code                                                   1',
    ]);
  });
});
