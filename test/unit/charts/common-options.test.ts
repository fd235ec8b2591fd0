import { describe, expect, it } from 'vitest';
import { titleOptions, wrapNote } from '../../../src/charts/common-options.js';
import { week } from './fixtures.js';

describe('subtitle notes', () => {
  it('wraps at word boundaries, each line at most the width', () => {
    // "aaa bbb" is 7 characters: fits 7; "ccc" would make it 11.
    expect(wrapNote('aaa bbb ccc dd', 7)).toEqual(['aaa bbb', 'ccc dd']);
    expect(wrapNote('one', 84)).toEqual(['one']);
    // A word longer than the width keeps a line of its own rather than being cut.
    expect(wrapNote('x abcdefghij y', 5)).toEqual(['x', 'abcdefghij', 'y']);
  });

  it('puts the window and zone first, then the wrapped notes', () => {
    const note =
      'Bar: median; whisker: 90th percentile. First response: replies sent in the window. Resolution: conversations closed in the window.';
    const { subtitle } = titleOptions<'bar'>('T', week, [note]);
    const lines = subtitle?.text as string[];
    expect(lines[0]).toBe('7 Jul – 13 Jul 2025 · Asia/Riyadh');
    // 130 characters: two lines of at most 84.
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.length <= 84)).toBe(true);
    expect(lines.slice(1).join(' ')).toBe(note);
  });

  it('is the bare window without notes', () => {
    expect(titleOptions<'bar'>('T', week).subtitle?.text).toBe('7 Jul – 13 Jul 2025 · Asia/Riyadh');
  });
});
