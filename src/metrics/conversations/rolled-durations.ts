import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import type { DurationMetric } from '../response-times.js';
import { dayReads, monthsWithin, type DayRange, type Span } from '../rollup-days.js';
import { BUCKETS } from '../stats.js';

/**
 * Wall-clock duration figures from the rollups of migrations/0012, equal to what
 * durationColumns (statsColumns + bucketColumns) computes over the window's cycle_durations
 * rows, without reading them all:
 *  - counts and sums per bucket = rollups (+ uncompacted deltas) of the whole UTC days inside
 *    [from, to), its whole UTC months from their monthly sums (0021: monthsWithin), plus the
 *    rows of the partial days at either edge read directly (or, for an edge longer than half
 *    its day, that day's rollups minus the rest of the day: dayReads);
 *  - count, avg, response-time buckets come from those sums (a response-time class is a range
 *    of whole buckets, see duration_bucket);
 *  - median and p90 are percentile_cont's: rank pos = p·(N−1), the values at floor(pos) and
 *    ceil(pos) in value order, interpolated as Postgres does (lo + (pos − floor(pos))·(hi − lo)).
 *    Buckets are in value order, so the cumulative counts say which bucket holds each rank and
 *    at what offset; only that bucket's values in the window are read and sorted. Max is the
 *    last rank, in the top bucket.
 * avg is the exact numeric sum, as float8, over N: what statsColumns computes, so the same double.
 *
 * Serves the unscoped case only (no channel/assignee/team, no business hours): rows are
 * keyed by metric alone (`byAgent` false), or by metric and replying/assigned agent_id.
 * `metrics` limits the rows to those metrics (default: all); `medianOnly` reads the median's
 * ranks alone, leaving w_p90 and w_max null: a figure that shows only the median (the
 * overview's) skips the reads of the top buckets, which hold the fewest rows but the widest
 * spread of values.
 */

export type RolledOptions = { byAgent: boolean; metrics?: readonly DurationMetric[]; medianOnly?: boolean };

export type RolledKey = { metric: DurationMetric; agentId: string | null };
/** Columns named as durationColumns(false) names them: w_count … w_max, wb_b0 … wb_b6. */
export type RolledRow = RolledKey & Record<string, number | null | string>;

const PERCENTILES = [
  ['median', 0.5],
  ['p90', 0.9],
] as const;

type BucketRow = { metric: DurationMetric; agent_id: string | null; bucket: number | null; n: number; avg: number | null };

/**
 * Both reads in one REPEATABLE READ snapshot, so a value written meanwhile cannot shift a rank
 * between the counts and the read of its bucket. Throws RollupMismatch if the rollups do not
 * account for the rows (stale after a manual TRUNCATE, say): callers then take the slow path.
 */
export async function rolledDurations(db: Kysely<Database>, window: { from: Date; to: Date }, opts: RolledOptions): Promise<RolledRow[]> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    // The planner takes every (metric, agent, bucket) of the table for a group of the window:
    // 25,835 against the 3,040 a 90-day window at 10M has. Sized so, a hash aggregate would
    // spill at work_mem 4 MB, so it sorted 255,000 rollup rows instead (260 ms); the hash
    // aggregate it takes with room for the real groups (2 MB) ran in 90–120 ms. Local to this
    // transaction: every other query keeps the server's settings.
    await sql`SET LOCAL hash_mem_multiplier = 8`.execute(tx);
    return rolledIn(tx, window, opts);
  });
}

export class RollupMismatch extends Error {}

/**
 * `fast`, or `slow` when the rollups do not account for the rows (RollupMismatch). Any other
 * error — the database gone, a timeout — is the caller's: running the slow path then would only
 * fail slower, or hide a bug in the fast one.
 */
export function unlessMismatch<T>(fast: Promise<T>, slow: () => Promise<T>): Promise<T> {
  return fast.catch((err: unknown) => {
    if (err instanceof RollupMismatch) return slow();
    throw err;
  });
}

async function rolledIn(db: Kysely<Database>, window: { from: Date; to: Date }, opts: RolledOptions): Promise<RolledRow[]> {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (!(to > from)) return [];
  const split = dayReads(from, to);
  const ts = (ms: number) => sql`${new Date(ms)}::timestamptz`;
  const agent = opts.byAgent ? sql`agent_id` : sql`NULL::text`;
  const metrics = opts.metrics === undefined ? sql`` : sql`AND metric IN (${sql.join(opts.metrics.map((m) => sql`${m}::text`))})`;
  const rolled = (table: string, at: 'day' | 'month') => ({ lo, hi }: DayRange) => sql`
    SELECT metric, agent_id, bucket, n, sum_seconds FROM ${sql.table(table)}
     WHERE by_agent = ${opts.byAgent} ${lo === null ? sql`` : sql`AND ${sql.ref(at)} >= ${ts(lo)}`} AND ${sql.ref(at)} < ${ts(hi)} ${metrics}`;
  // whole months from their monthly sums (0021), the other whole days per day; the deltas not
  // yet compacted into either are per day
  const wholeDays = (d: DayRange) => {
    const { months, days } = monthsWithin(d);
    return [...months.map(rolled('duration_rollups_monthly', 'month')), ...days.map(rolled('duration_rollups', 'day')), rolled('duration_rollup_deltas', 'day')(d)];
  };
  // the rows of [lo, hi), each counted `sign` times (exact numeric sums subtract exactly, so
  // avg stays the same double)
  const edge = (sign: 1 | -1) => ({ lo, hi }: Span) => sql`
    SELECT metric, ${agent} AS agent_id, bucket, ${sign}::bigint AS n, ${sign} * seconds::numeric AS sum_seconds FROM cycle_durations
     WHERE ended_at >= ${ts(lo)} AND ended_at < ${ts(hi)} ${metrics}`;
  const parts = [
    ...split.days.flatMap(wholeDays),
    ...split.add.map(edge(1)),
    ...split.subtract.map(edge(-1)),
  ];
  // per bucket, then per group from those (not GROUPING SETS: that sorts, and spills to disk
  // over the ~200k per-agent rows of 90 days; two hash aggregates do not)
  const { rows } = await sql<BucketRow>`
    WITH f AS (${sql.join(parts, sql` UNION ALL `)}),
    b AS (SELECT metric, agent_id, bucket, sum(n) AS n, sum(sum_seconds) AS s FROM f GROUP BY metric, agent_id, bucket)
    SELECT metric, agent_id, bucket, n::float8 AS n, NULL::float8 AS avg FROM b WHERE n <> 0
    UNION ALL
    SELECT metric, agent_id, NULL, sum(n)::float8, (sum(s)::float8 / sum(n)::float8) FROM b GROUP BY metric, agent_id HAVING sum(n) <> 0`.execute(db);

  const groups = new Map<string, { key: RolledKey; n: number; avg: number | null; buckets: { bucket: number; n: number; start: number }[] }>();
  for (const r of rows) {
    const id = JSON.stringify([r.metric, r.agent_id]);
    if (!groups.has(id)) groups.set(id, { key: { metric: r.metric, agentId: r.agent_id }, n: 0, avg: null, buckets: [] });
    const g = groups.get(id)!;
    if (r.bucket === null) g.avg = r.avg === null ? null : Number(r.avg);
    else g.buckets.push({ bucket: Number(r.bucket), n: Number(r.n), start: 0 });
  }
  // buckets in value order, each with the rank of its first value
  for (const g of groups.values()) {
    g.buckets.sort((a, b) => a.bucket - b.bucket);
    for (const b of g.buckets) {
      b.start = g.n;
      g.n += b.n;
    }
  }

  // the ranks each group needs, as (bucket, offset in the bucket's sorted values) reads
  type Read = { group: string; metric: DurationMetric; agentId: string | null; bucket: number; size: number; lo: number; hi: number };
  const reads = new Map<string, Read>();
  const locate = (id: string, rank: number) => {
    const g = groups.get(id)!;
    const b = g.buckets.find((x) => rank < x.start + x.n);
    if (b === undefined) throw new RollupMismatch(`no bucket holds rank ${rank}`);
    const k = JSON.stringify([id, b.bucket]);
    const offset = rank - b.start;
    const read = reads.get(k) ?? { group: id, metric: g.key.metric, agentId: g.key.agentId, bucket: b.bucket, size: b.n, lo: offset, hi: offset };
    read.lo = Math.min(read.lo, offset);
    read.hi = Math.max(read.hi, offset);
    reads.set(k, read);
    return { key: k, offset };
  };
  const wanted = [...groups.entries()].map(([id, g]) => {
    const ranks = PERCENTILES.filter(([name]) => !opts.medianOnly || name === 'median').map(([name, p]) => {
      const pos = p * (g.n - 1);
      return { name, pos, lo: locate(id, Math.floor(pos)), hi: locate(id, Math.ceil(pos)), frac: pos - Math.floor(pos) };
    });
    return { id, g, ranks, max: opts.medianOnly ? null : locate(id, g.n - 1) };
  });

  const values = await readValues(db, window, opts.byAgent, [...reads.entries()]);
  const at = (ref: { key: string; offset: number }) => {
    const v = values.get(ref.key)?.get(ref.offset);
    if (v === undefined) throw new RollupMismatch(`duration rollups disagree with cycle_durations (${ref.key} @${ref.offset})`);
    return v;
  };

  return wanted.map(({ g, ranks, max }) => {
    const row: RolledRow = { ...g.key, w_count: g.n, w_avg: g.avg, w_p90: null, w_max: max === null ? null : at(max) };
    for (const r of ranks) {
      const lo = at(r.lo);
      const hi = at(r.hi);
      // Postgres' percentile_cont: the lower value itself when the ranks coincide, else lo + pct·(hi − lo)
      row[`w_${r.name}`] = r.lo.key === r.hi.key && r.lo.offset === r.hi.offset ? lo : lo + r.frac * (hi - lo);
    }
    BUCKETS.forEach((_, i) => {
      row[`wb_b${i}`] = g.buckets.filter((b) => Math.floor(b.bucket / 256) === i).reduce((s, b) => s + b.n, 0);
    });
    return row;
  });
}

type ValueRead = { metric: string; agentId: string | null; bucket: number; size: number; lo: number; hi: number };

/**
 * The values at offsets lo…hi of each bucket's window values in ascending order, one statement:
 * a list of reads joined LATERAL to one ordered, offset read, so it is planned once however
 * many reads there are (as 180 UNION ALL branches — 20 agents × 3 metrics × 3 ranks — planning
 * alone took most of a 7-day agents report).
 *
 * A read walks the bucket's values in value order (the 0019 indexes) up to its offsets, so its
 * cost grows with the offset: one nearer the top of the bucket is read from the top down, at
 * offset size − 1 − hi, `size` being the bucket's count in the window from the rollups (the same
 * snapshot). The values at the ranks are the same; the walk is at most half the bucket. The max
 * and p90 lie near the top: at 10M over 90 days, the agents report's 120 reads walked 572,000
 * index entries from the bottom (146 ms); both ways, 18 ms.
 */
async function readValues(db: Kysely<Database>, window: { from: Date; to: Date }, byAgent: boolean, reads: [string, ValueRead][]) {
  const out = new Map<string, Map<number, number>>();
  if (reads.length === 0) return out;
  // an agent's reads match agent_id by equality (the index's second column); the null agent's
  // (values no agent replied to) by IS NULL; without byAgent, agent is not a condition at all
  const agentMatch = (nullAgent: boolean) =>
    !byAgent ? sql`` : nullAgent ? sql`AND d.agent_id IS NULL` : sql`AND d.agent_id = r.agent_id`;
  const fromTop = (r: ValueRead) => r.lo > r.size - 1 - r.hi;
  const part = (nullAgent: boolean, down: boolean) => {
    const mine = reads.map(([, r], i) => ({ r, i }))
      .filter(({ r }) => (!byAgent || (r.agentId === null) === nullAgent) && fromTop(r) === down);
    if (mine.length === 0) return null;
    // `first`: where the walk starts, counted in its own direction; `n` values from there
    const list = sql.join(mine.map(({ r, i }) =>
      sql`(${i}::int, ${r.metric}::text, ${r.agentId}::text, ${r.bucket}::int, ${down ? r.size - 1 - r.hi : r.lo}::int, ${r.hi - r.lo + 1}::int, ${r.hi}::int)`));
    // the rn-th value of the walk is at ascending offset lo + rn − 1 going up, hi − (rn − 1) going down
    return sql`
      SELECT r.k, ${down ? sql`(r.hi - v.rn + 1)` : sql`(r.first + v.rn - 1)`}::int AS offset_in_bucket, v.seconds
      FROM (VALUES ${list}) AS r(k, metric, agent_id, bucket, first, n, hi)
      CROSS JOIN LATERAL (
        SELECT x.seconds, row_number() OVER (ORDER BY x.seconds ${down ? sql`DESC` : sql``}) AS rn FROM (
          SELECT d.seconds FROM cycle_durations d
           WHERE d.metric = r.metric AND d.bucket = r.bucket ${agentMatch(nullAgent)}
             AND d.ended_at >= ${window.from}::timestamptz AND d.ended_at < ${window.to}::timestamptz
           ORDER BY d.seconds ${down ? sql`DESC` : sql``} OFFSET r.first LIMIT r.n) x
      ) v`;
  };
  const parts = [false, true].flatMap((down) => [part(false, down), ...(byAgent ? [part(true, down)] : [])]).filter((p): p is RawBuilder<unknown> => p !== null);
  const { rows } = await sql<{ k: number; offset_in_bucket: number; seconds: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  for (const row of rows) {
    const key = reads[Number(row.k)]![0];
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(Number(row.offset_in_bucket), Number(row.seconds));
  }
  return out;
}
