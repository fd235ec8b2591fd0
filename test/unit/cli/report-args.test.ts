import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../../src/cli/report.js';
import { loadConfig } from '../../../src/config.js';

const config = loadConfig({ REPORT_TZ: 'Asia/Dubai' });
const now = new Date('2026-11-24T10:00:00Z'); // 14:00 in Dubai

describe('parseReportArgs', () => {
  it('defaults to the last 7 days in REPORT_TZ, as a table', () => {
    const a = parseReportArgs(['agents'], config, now);
    expect(a.format).toBe('table');
    // 7d = today (24 Nov, Dubai) and the 6 days before: 18 Nov 00:00 +04 → 25 Nov 00:00 +04
    expect([a.query.window.from.toISOString(), a.query.window.to.toISOString(), a.query.window.tz]).toEqual([
      '2026-11-17T20:00:00.000Z', '2026-11-24T20:00:00.000Z', 'Asia/Dubai',
    ]);
  });
  it('takes filters, zone and explicit dates, the --to day included', () => {
    const a = parseReportArgs(['failures', '--from', '2026-11-01', '--to', '2026-11-02', '--tz', 'UTC', '--channel', '106540352242922', '--format', 'json'], config, now);
    // 1 and 2 November, whole UTC days: 1 Nov 00:00 up to 3 Nov 00:00.
    expect(a.query).toEqual({
      window: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' },
      filters: { channel: '106540352242922' },
    });
    expect(a.tzGiven).toBe(true);
  });
  it('gives --from D --to D and --period D..D the identical window', () => {
    const fromTo = parseReportArgs(['messages', '--from', '2026-11-23', '--to', '2026-11-29'], config, now).query.window;
    const period = parseReportArgs(['messages', '--period', '2026-11-23..2026-11-29'], config, now).query.window;
    // Mon 23 to Sun 29 Nov in Dubai (UTC+4): 22 Nov 20:00 UTC up to 29 Nov 20:00 UTC, 7 days.
    expect(fromTo).toEqual({ from: new Date('2026-11-22T20:00:00Z'), to: new Date('2026-11-29T20:00:00Z'), tz: 'Asia/Dubai' });
    expect(period).toEqual(fromTo);
    // One day both ways; across London's DST change (25 Oct 2026, clocks back): 25 hours.
    const london = ['--tz', 'Europe/London'];
    const oneDay = parseReportArgs(['messages', '--from', '2026-10-25', '--to', '2026-10-25', ...london], config, now).query.window;
    expect(oneDay).toEqual({ from: new Date('2026-10-24T23:00:00Z'), to: new Date('2026-10-26T00:00:00Z'), tz: 'Europe/London' });
    expect(parseReportArgs(['messages', '--period', '2026-10-25', ...london], config, now).query.window).toEqual(oneDay);
  });
  it('keeps ISO times exact: --to an instant is excluded', () => {
    const a = parseReportArgs(['messages', '--from', '2026-11-01T09:00:00Z', '--to', '2026-11-01T17:30:00Z'], config, now);
    expect([a.query.window.from.toISOString(), a.query.window.to.toISOString()]).toEqual(['2026-11-01T09:00:00.000Z', '2026-11-01T17:30:00.000Z']);
    expect(() => parseReportArgs(['messages', '--from', '2026-11-01T09:00:00Z', '--to', '2026-11-01T09:00:00Z'], config, now)).toThrow(/after --from/);
    expect(() => parseReportArgs(['messages', '--from', '2026-11-02', '--to', '2026-11-01'], config, now)).toThrow(/not be before --from/);
  });
  it('says what is wrong', () => {
    expect(() => parseReportArgs(['nonsense'], config, now)).toThrow(/report name must be one of/);
    expect(() => parseReportArgs(['agents', '--format', 'xml'], config, now)).toThrow(/--format/);
    expect(() => parseReportArgs(['agents', '--format', 'png'], config, now)).toThrow(/--out/);
    expect(() => parseReportArgs(['agents', '--period', '7d', '--from', '2026-11-01', '--to', '2026-11-02'], config, now)).toThrow(/not both/);
    expect(() => parseReportArgs(['agents', '--period', 'fortnight'], config, now)).toThrow(/unknown period/);
  });
  it('rewords parseArgs errors as one line, and refuses stray arguments', () => {
    expect(() => parseReportArgs(['agents', '--format'], config, now)).toThrow(/^--format needs a value$/);
    expect(() => parseReportArgs(['agents', '--format', '--out', 'x'], config, now)).toThrow(/^--format needs a value$/);
    expect(() => parseReportArgs(['agents', '--colour', 'red'], config, now)).toThrow(/^unknown option --colour$/);
    expect(() => parseReportArgs(['messages', 'extra'], config, now)).toThrow(/^unexpected argument: "extra"$/);
  });
});
