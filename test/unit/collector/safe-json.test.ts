import { describe, expect, it } from 'vitest';
import { clip, implausibleTime, isInt4 } from '../../../src/collector/limits.js';
import { boundProblems } from '../../../src/collector/problems.js';
import { MAX_JSON_DEPTH, parseSafeJson } from '../../../src/collector/safe-json.js';

const parse = (text: string) => parseSafeJson(Buffer.from(text));

describe('parseSafeJson', () => {
  it('removes NULs from values and keys, naming each path', () => {
    const r = parse('{"a":[{"b\\u0000c":"x\\u0000y"}],"ok":"fine"}');
    expect(r).toMatchObject({ ok: true, value: { a: [{ bc: 'xy' }], ok: 'fine' } });
    if (!r.ok) return;
    // the key, then its value; paths use the cleaned key, since they are stored in jsonb too
    expect(r.problems.map((p) => [p.path, p.message.split(' (')[0]])).toEqual([
      ['a[0].bc', 'key NUL characters removed'],
      ['a[0].bc', 'NUL characters removed'],
    ]);
  });

  it('replaces unpaired surrogates, high or low, and leaves real pairs alone', () => {
    const r = parse('["\\ud800", "a\\udc00", "\\ud83d\\ude00", "\\udc00\\ud800"]');
    expect(r).toMatchObject({ ok: true, value: ['\uFFFD', 'a\uFFFD', '😀', '\uFFFD\uFFFD'] });
    if (r.ok) expect(r.problems.map((p) => p.path)).toEqual(['[0]', '[1]', '[3]']);
  });

  it('cleans a top-level string too', () => {
    expect(parse('"a\\u0000"')).toMatchObject({ ok: true, value: 'a', problems: [{ path: '' }] });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1}, naming where`, () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(parse(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    const r = parse(`{"x":${nested(MAX_JSON_DEPTH)}}`); // the object is level 1, so x's innermost is 65
    expect(r).toEqual({ ok: false, reason: 'too_deep', problem: { path: `x${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`, message: 'nests deeper than 64 levels' } });
    expect(parse(nested(100_000))).toMatchObject({ ok: false, reason: 'too_deep' }); // no stack overflow
  });

  it('names 20 cleaned strings, then counts the rest', () => {
    const r = parse(JSON.stringify(Array.from({ length: 25 }, () => 'a\u0000')));
    if (!r.ok) throw new Error('expected ok');
    expect(r.problems).toHaveLength(21);
    expect(r.problems[20]!.message).toBe('5 more strings cleaned the same way');
  });

  it('says not_json for anything JSON.parse refuses', () => {
    expect(parse('{"a":')).toEqual({ ok: false, reason: 'not_json' });
  });
});

describe('limits', () => {
  it('clip never leaves half a surrogate pair', () => {
    expect(clip('ab😀', 3)).toBe('ab'); // '😀' is 2 UTF-16 units: units 3–4
    expect(clip('ab😀', 4)).toBe('ab😀');
    expect(clip('abc', 2)).toBe('ab');
  });

  it('implausibleTime: 2009-01-01 up to a day after receipt', () => {
    const received = new Date('2026-11-30T12:00:00Z');
    expect(implausibleTime(new Date('2009-01-01T00:00:00Z'), received)).toBeNull();
    expect(implausibleTime(new Date('2008-12-31T23:59:59Z'), received)).toMatch(/before 2009-01-01/);
    expect(implausibleTime(new Date('2026-12-01T12:00:00Z'), received)).toBeNull();
    expect(implausibleTime(new Date('2026-12-01T12:00:01Z'), received)).toMatch(/more than a day after/);
    expect(implausibleTime(new Date(1e16), received)).toBe('is not a representable time');
  });

  it('isInt4 is the Postgres integer range', () => {
    expect([2 ** 31 - 1, -(2 ** 31), 131047].map(isInt4)).toEqual([true, true, true]);
    expect([2 ** 31, -(2 ** 31) - 1, 1.5].map(isInt4)).toEqual([false, false, false]);
  });

  it('boundProblems keeps 100, counts the rest, and cuts long messages', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ path: `p${i}`, message: 'x'.repeat(1000) }));
    const kept = boundProblems(many);
    expect(kept).toHaveLength(101);
    expect(kept[0]!.message).toHaveLength(501); // 500 characters and an ellipsis
    expect(kept[100]).toEqual({ path: '', message: '50 more problems not listed' });
  });
});
