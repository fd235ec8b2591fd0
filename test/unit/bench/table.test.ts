import { describe, expect, it } from 'vitest';
import { layoutTable } from '../../../src/bench/table.js';

describe('layoutTable', () => {
  it('aligns columns to the widest cell, with one heading per section', () => {
    const text = layoutTable([
      { section: 'ingest', figure: '1/body', value: '530 st/s', baseline: '42k rows/s', ratio: '1.3 %', target: 'MISS ×9.4 (≥ 5000 req/s)' },
      { section: 'ingest', figure: 'RSS', value: '207 MB' },
      { section: 'reports', figure: 'overview, last 90 d', value: 'p50 1.4 s' },
    ]);
    const lines = text.trimEnd().split('\n');
    // header, rule, ingest heading, 2 rows, reports heading, 1 row
    expect(lines).toHaveLength(7);
    expect(lines[2]).toBe('== ingest ==');
    expect(lines[5]).toBe('== reports ==');
    // 'overview, last 90 d' (19 characters) is the widest figure: every row's value starts after it and ' | '
    const valueAt = 19 + 3;
    expect(lines[0]!.indexOf('value')).toBe(valueAt);
    expect(lines[3]!.indexOf('530 st/s')).toBe(valueAt);
    expect(lines[6]!.indexOf('p50 1.4 s')).toBe(valueAt);
    // a row without optional cells leaves no trailing separators or spaces
    expect(lines[4]).toBe(`RSS${' '.repeat(16)} | 207 MB`);
    expect(lines[1]).toMatch(/^-+(-\+-+)+$/);
  });
});
