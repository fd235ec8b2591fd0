import pg from 'pg';
import { statusRow } from './bodies.js';

/**
 * The bare-INSERT baseline: the same status rows the webhooks carry, written as multi-row
 * INSERTs of 50 into a scratch table shaped like message_statuses (same columns, keys and
 * indexes: LIKE … INCLUDING ALL) over `connections` pg connections for `durationMs`. No
 * parsing, no signature, no rollup: the most this Postgres takes of these rows. Returns rows/s.
 */
export async function bareInsertRate(url: string, durationMs: number, connections = 4): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    await pool.query('DROP TABLE IF EXISTS bench_bare_statuses');
    await pool.query('CREATE TABLE bench_bare_statuses (LIKE message_statuses INCLUDING ALL)');
    const perInsert = 50;
    const cols = 9;
    const placeholders = Array.from({ length: perInsert }, (_, r) =>
      `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(', ')})`).join(', ');
    const text = `INSERT INTO bench_bare_statuses (wamid, status, ts, recipient_id, pricing_type, pricing_category,
      pricing_model, billable, raw_event_id) VALUES ${placeholders}`;
    const tsSec = Math.floor(Date.now() / 1000);
    let rows = 0;
    let next = 0;
    const started = performance.now();
    const deadline = started + durationMs;
    const worker = async () => {
      while (performance.now() < deadline) {
        const values: unknown[] = [];
        for (let i = 0; i < perInsert; i++) {
          const r = statusRow('bare', next++, tsSec);
          values.push(r.wamid, 'sent', new Date(r.ts * 1000), r.recipientId, 'regular', 'marketing', 'PMP', true, 0);
        }
        await pool.query(text, values);
        rows += perInsert;
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_bare_statuses').catch(() => {});
    await pool.end();
  }
}
