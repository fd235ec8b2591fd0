import { describe, expect, it } from 'vitest';
import type { IngestFigures } from '../../../src/bench/ingest.js';
import { ingestRows } from '../../../src/bench/ingest-rows.js';
import type { LoadResult } from '../../../src/bench/load.js';

/** A run of `requests` answered in `seconds`, `perBody` statuses each, every latency `ms`. */
const load = (requests: number, seconds: number, perBody: number, ms = 10, errors = 0): LoadResult => ({
  requests, errors, statuses: (requests - errors) * perBody, seconds, latencies: Array(requests).fill(ms),
});

const figures = (): IngestFigures => ({
  bareInsertRowsPerSec: 40_000,
  runs: [
    // 6 000 req in 1 s at 16 in flight: ≥ 5 000 req/s passes
    { perBody: 1, concurrency: 16, wapulse: load(6_000, 1, 1), bare: load(30_000, 1, 1) },
    // 400 req × 50 = 20 000 statuses/s = exactly 50 % of 40 000 rows/s: passes; 2 errors at 64 fail
    { perBody: 50, concurrency: 64, wapulse: load(402, 1, 50, 10, 2), bare: load(10_000, 1, 50) },
    // 1 in flight carries no target
    { perBody: 1, concurrency: 1, wapulse: load(100, 1, 1), bare: load(1_000, 1, 1) },
  ],
  open: load(1_000, 1, 1, 60),
  pglite: load(300, 1, 1),
  pgliteBare: load(3_000, 1, 1),
  serveRssKiB: 350 * 1024,
  pgliteRssKiB: 100 * 1024,
});

describe('ingestRows', () => {
  const rows = ingestRows(figures());
  const row = (figure: string, section = 'Postgres') => rows.find((r) => r.figure === figure && r.section.includes(section))!;

  it('judges each configuration against the targets that apply to it', () => {
    expect(row('1/body, 16 in flight').target).toBe('pass (≥ 5000 req/s)');
    expect(row('50/body, 64 in flight').target).toBe('pass (≥ 50 % of INSERT); MISS: 2 (0 errors)');
    expect(row('1/body, 1 in flight').target).toBe('');
  });

  it('states the ratios to both baselines from the same run', () => {
    // 6 000 st/s ÷ 40 000 rows/s = 15 %; 6 000 ÷ 30 000 req/s = 20 %
    expect(row('1/body, 16 in flight').ratio).toBe('15 % of INSERT; 20 % of HTTP');
    // 20 000 ÷ 40 000 = 50 %; 402 ÷ 10 000 = 4.0 %
    expect(row('50/body, 64 in flight').ratio).toBe('50 % of INSERT; 4.0 % of HTTP');
  });

  it('fails the open-loop p99 and the RSS bound when over them', () => {
    // every latency 60 ms: p99 60 > 50 → ×1.2
    expect(row('1/body, open loop 1000 req/s').target).toBe('MISS ×1.2 (p99 ≤ 50 ms)');
    // 350 MB > 300 → ×1.2
    expect(row('serve peak RSS (VmHWM)').target).toBe('MISS ×1.2 (≤ 300 MB)');
    expect(row('1/body, 16 in flight', 'PGlite').ratio).toBe('10 % of HTTP');
  });
});
