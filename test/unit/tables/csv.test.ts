import { describe, expect, it } from 'vitest';
import { count, rate, seconds, stats, tableOf, text } from '../../../src/tables/columns.js';
import { formatCsv } from '../../../src/tables/csv.js';
import { csvObjects, parseCsv } from '../format/parse-csv.js';

type Row = { name: string | null; count: number };

describe('formatCsv', () => {
  it('quotes what RFC 4180 says to quote, and nothing else', () => {
    const rows: Row[] = [
      { name: 'plain', count: 1 },
      { name: 'a, b', count: 2 },
      { name: 'say "hi"', count: 3 },
      { name: 'two\nlines', count: 4 },
      { name: null, count: 5 },
    ];
    const csv = formatCsv(tableOf(rows, [text('name', (r) => r.name), count('count', (r) => r.count)]));
    expect(csv).toBe('name,count\r\nplain,1\r\n"a, b",2\r\n"say ""hi""",3\r\n"two\nlines",4\r\n,5\r\n');
    expect(parseCsv(csv).map((r) => r[0])).toEqual(['name', 'plain', 'a, b', 'say "hi"', 'two\nlines', '']);
  });

  it('writes the header row of an empty table', () => {
    expect(formatCsv(tableOf<Row>([], [text('name', (r) => r.name), count('count', (r) => r.count)]))).toBe('name,count\r\n');
  });

  it('spreads a rate and a duration figure over named columns, durations to the millisecond', () => {
    const row = {
      r: { value: 0.75, numerator: 9, denominator: 12 },
      s: { count: 2, avg: 117.69649999999999, median: 90, p90: 114.0004, max: null },
      t: 252.12345,
    };
    const { header, rows } = csvObjects(formatCsv(tableOf([row], [
      rate('replyRate', (x) => x.r), stats('firstResponse', (x) => x.s), stats('', (x) => x.s), seconds('waitingSeconds', (x) => x.t),
    ])));
    expect(header).toEqual([
      'replyRate', 'replyRateNumerator', 'replyRateDenominator',
      'firstResponseCount', 'firstResponseAvgSec', 'firstResponseMedianSec', 'firstResponseP90Sec', 'firstResponseMaxSec',
      'count', 'avgSec', 'medianSec', 'p90Sec', 'maxSec', 'waitingSeconds',
    ]);
    // 117.6964999… s → 117.696 (ms); 114.0004 → 114; max null → empty; 252.12345 → 252.123
    expect(rows[0]).toMatchObject({ replyRate: '0.75', replyRateNumerator: '9', replyRateDenominator: '12', firstResponseAvgSec: '117.696', firstResponseP90Sec: '114', firstResponseMaxSec: '', medianSec: '90', waitingSeconds: '252.123' });
  });
});
