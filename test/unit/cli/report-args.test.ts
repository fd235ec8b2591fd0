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
  it('takes filters, zone and explicit dates', () => {
    const a = parseReportArgs(['failures', '--from', '2026-11-01', '--to', '2026-11-02', '--tz', 'UTC', '--channel', '106540352242922', '--format', 'json'], config, now);
    expect(a.query).toEqual({
      window: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z'), tz: 'UTC' },
      filters: { channel: '106540352242922' },
    });
  });
  it('says what is wrong', () => {
    expect(() => parseReportArgs(['nonsense'], config, now)).toThrow(/report name must be one of/);
    expect(() => parseReportArgs(['agents', '--format', 'xml'], config, now)).toThrow(/--format/);
    expect(() => parseReportArgs(['agents', '--format', 'png'], config, now)).toThrow(/--out/);
    expect(() => parseReportArgs(['agents', '--period', '7d', '--from', '2026-11-01', '--to', '2026-11-02'], config, now)).toThrow(/not both/);
    expect(() => parseReportArgs(['agents', '--period', 'fortnight'], config, now)).toThrow(/unknown period/);
  });
});
