import { describe, expect, it } from 'vitest';
import { progressBar } from '../../../src/cli/progress-bar.js';

describe('progressBar', () => {
  it('off a terminal prints one line per tenth and a final line', () => {
    const out: string[] = [];
    let t = 0;
    const bar = progressBar({ label: 'seed', total: 100, write: (s) => out.push(s), tty: false, now: () => t, width: 10 });
    for (let i = 1; i <= 100; i++) {
      t += 10; // 10 ms per item: 100 items/s
      bar.tick(i);
    }
    bar.finish();
    // tenths 0..9 are reached at i = 1, 10, 20, …, 90 → 10 lines, plus the final one
    expect(out).toHaveLength(11);
    // at i = 50: 5 of 10 cells, 50 %, 0.5 s, 50 / 0.5 = 100/s
    expect(out[5]).toBe('seed [#####.....] 50/100 50% 0.5s 100/s\n');
    expect(out[10]).toBe('seed [##########] 100/100 100% 1.0s 100/s\n');
  });

  it('on a terminal redraws in place, at most once per interval', () => {
    const out: string[] = [];
    let t = 0;
    const bar = progressBar({ label: 'x', total: 4, write: (s) => out.push(s), tty: true, now: () => t, intervalMs: 100, width: 4 });
    bar.tick(1); // drawn (first)
    t = 50;
    bar.tick(2); // 50 ms later: skipped
    t = 150;
    bar.tick(3); // drawn
    bar.finish();
    expect(out).toHaveLength(3);
    expect(out.every((s) => s.startsWith('\r'))).toBe(true);
    expect(out[1]).toContain('[###.] 3/4 75%');
    expect(out[2]).toBe('\rx [####] 4/4 100% 0.1s 27/s\n');
  });
});
