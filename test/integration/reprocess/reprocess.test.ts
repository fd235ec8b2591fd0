import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { parseReprocessArgs, reprocessStore } from '../../../src/cli/reprocess.js';
import { loadConfig } from '../../../src/config.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { reprocess, type ReprocessDeps } from '../../../src/reprocess/index.js';
import type { StartOptions } from '../../../src/reprocess/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { pruneRawEvents } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { derivedSnapshot, ingestFixtures } from '../../helpers/derived-snapshot.js';
import { SIMULATED_DAY } from '../../helpers/simulated-day.js';

const IDLE_MS = 24 * 3_600_000;
const PATTERN = /(?:^|;)\s*agent=([^;]+)/;
const now = () => SIMULATED_DAY.now;
const deps: ReprocessDeps = { reapply: { attributionPattern: PATTERN, chatwootChannels: new Map() }, idleMs: IDLE_MS, now };
const start = (o: Partial<StartOptions> = {}): StartOptions => ({ mode: 'apply', batchSize: 500, resume: false, restart: false, force: false, now, ...o });

/**
 * History to reprocess: the simulated Monday (seed 3, scale 0.4: WhatsApp and team-inbox
 * bodies) plus every WhatsApp and Chatwoot fixture (out-of-band errors, echoes, history,
 * Chatwoot conversations and statuses), stored by live ingest and settled at 06:00 the next day.
 *
 * Storing it takes most of the time, so the tests share one database, in order: each but the
 * last ends by asserting the tables are back to exactly what live ingest made (`live`), which
 * is the state the next one starts from; the pruning test, which destroys history, runs last.
 */
describe.sequential.each(testDatabases)('wapulse reprocess on $name', (database) => {
  const ctx = {} as { store: TestStore };
  let live: Record<string, string[]>;
  let bodies: number;
  afterAll(() => ctx.store?.drop());

  beforeAll(async () => {
    ctx.store = await database.open();
    const db = ctx.store.db;
    // fixtures first: they are received in 2025, the simulated day in November 2026
    await ingestFixtures(db);
    await deliverToStore(db, generateTraffic({ seed: 3, start: SIMULATED_DAY.from, days: 1, scale: 0.4 }), PATTERN);
    await settleConversations(db, now(), IDLE_MS);
    live = await derivedSnapshot(db);
    bodies = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM raw_events`.execute(db)).rows[0]!.n;
  }, 300_000);

  it('holds history in every derived table before anything is reprocessed', () => {
    // otherwise "identical after reprocess" below would hold trivially
    for (const table of ['channels', 'contacts', 'messages', 'message_statuses', 'webhook_errors', 'agents', 'inbox_events', 'conversations', 'assignments', 'comments']) {
      expect(live[table]!.length, table).toBeGreaterThan(0);
    }
    // the fixtures errors-only-change.json and status-failed-131047.json… hold value.errors[]
    expect(live.webhook_errors!.length).toBeGreaterThan(0);
  }, 300_000);

  it('--rebuild empties the derived tables and re-applies every body to the very same rows', async () => {
    const r = await reprocess(ctx.store.db, start({ mode: 'rebuild', batchSize: 97 }), deps);
    expect(r.kind).toBe('finished');
    if (r.kind !== 'finished') return;
    expect(r.run.done).toBe(bodies);
    expect(r.run.failed).toBe(0);
    expect(await derivedSnapshot(ctx.store.db)).toEqual(live);
  }, 300_000);

  it('the default mode restores values and rows removed from the derived tables, adding nothing twice', async () => {
    const db = ctx.store.db;
    // what a normalisation fix would add: a rollup column, status rows, comments, a contact's name, out-of-band errors
    await sql`UPDATE messages SET delivered_at = NULL, preview = NULL`.execute(db);
    await sql`DELETE FROM message_statuses WHERE status = 'read'`.execute(db);
    await sql`DELETE FROM comments`.execute(db);
    await sql`UPDATE contacts SET profile_name = NULL`.execute(db);
    await sql`DELETE FROM webhook_errors WHERE id IN (SELECT min(id) FROM webhook_errors)`.execute(db);
    expect(await derivedSnapshot(db)).not.toEqual(live);
    const r = await reprocess(db, start(), deps);
    expect(r.kind).toBe('finished');
    // webhook_errors has no natural key: had any body's errors been added again, the multiset would differ
    expect(await derivedSnapshot(db)).toEqual(live);
    // a second pass over unchanged tables changes nothing
    expect((await reprocess(db, start(), deps)).kind).toBe('finished');
    expect(await derivedSnapshot(db)).toEqual(live);
  }, 300_000);

  it('a run stopped after 3 batches of 40 resumes after its last committed batch and ends as an uninterrupted one', async () => {
    const db = ctx.store.db;
    const stop = new AbortController();
    const seen: number[] = [];
    const first = await reprocess(db, start({ mode: 'rebuild', batchSize: 40 }), {
      ...deps,
      signal: stop.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done >= 120) stop.abort();
      },
    });
    expect(first.kind).toBe('stopped');
    if (first.kind !== 'stopped') return;
    // 0 reported at the start, then one report per committed batch of 40
    expect(seen).toEqual([0, 40, 80, 120]);
    expect(first.run.done).toBe(120);
    expect(first.run.finished_at).toBeNull();

    // a plain rerun (or a second rebuild) must not start over silently
    const again = await reprocess(db, start({ mode: 'rebuild' }), deps);
    expect(again.kind === 'refused' && again.refusal.kind).toBe('unfinished');

    const resumedAt: number[] = [];
    const second = await reprocess(db, start({ resume: true }), { ...deps, onProgress: (done) => resumedAt.push(done) });
    expect(second.kind).toBe('finished');
    if (second.kind !== 'finished') return;
    expect(second.resumed).toBe(true);
    expect(second.run.mode).toBe('rebuild');
    // the resumed run starts from 120, never re-reads the first three batches, and counts each body once
    expect(resumedAt[0]).toBe(120);
    expect(resumedAt.at(-1)).toBe(bodies);
    expect(second.run.done).toBe(bodies);
    expect(await derivedSnapshot(db)).toEqual(live);
    expect((await reprocess(db, start({ resume: true }), deps)).kind).toBe('refused');
  }, 300_000);

  it('the command prints a progress line per tenth in a log, then a summary; --rebuild refuses while bodies are arriving', async () => {
    const db = ctx.store.db;
    const config = loadConfig({ CONVERSATION_IDLE_HOURS: '24' });
    const progress: string[] = [];
    const lines = await reprocessStore(ctx.store, config, parseReprocessArgs(['--batch', '100']), { progress: (s) => progress.push(s), tty: false, now });
    // not a terminal: the first report (0 done) is the 0th tenth, then each new tenth, then the finish
    expect(progress[0]).toMatch(new RegExp(`^reprocess \\[\\.{30}\\] 0/${bodies} 0%`));
    expect(progress.at(-1)).toMatch(new RegExp(`^reprocess \\[#{30}\\] ${bodies}/${bodies} 100%`));
    expect(lines[0]).toMatch(new RegExp(`^reprocess run \\d+ \\(apply over existing rows\\): ${bodies}/${bodies} bodies in [\\d.]+ s: ${bodies} applied, 0 unreadable \\(rejected at ingest, nothing to apply\\), 0 failed$`));
    expect(lines.at(-1)).toMatch(/^conversations settled: \d+ contact × number pairs, \d+ idle conversations closed$/);
    expect(await derivedSnapshot(db)).toEqual(live);

    // a body received a minute before "now": serve looks alive, so --rebuild refuses and empties nothing
    const last = await db.selectFrom('raw_events').select(sql<Date>`max(received_at)`.as('at')).executeTakeFirstOrThrow();
    const soon = () => new Date(new Date(last.at).getTime() + 60_000);
    await expect(reprocessStore(ctx.store, config, parseReprocessArgs(['--rebuild']), { progress: () => {}, now: soon })).rejects.toThrow(
      /serve looks alive: stop it before --rebuild/,
    );
    expect(await derivedSnapshot(db)).toEqual(live);
  }, 300_000);

  it('--rebuild refuses when raw bodies were pruned, unless forced; the default mode keeps what they made', async () => {
    const db = ctx.store.db;
    // prune the fixtures (received in 2025) and the simulated bodies before 12:00 Dubai time
    const pruned = await pruneRawEvents(db, new Date('2026-11-02T08:00:00Z'));
    expect(pruned.partitions.length + pruned.rows).toBeGreaterThan(0);
    const refused = await reprocess(db, start({ mode: 'rebuild' }), deps);
    expect(refused.kind === 'refused' && refused.refusal.kind).toBe('pruned');
    // refused before anything was emptied
    expect(await derivedSnapshot(db)).toEqual(live);

    expect((await reprocess(db, start(), deps)).kind).toBe('finished');
    expect(await derivedSnapshot(db)).toEqual(live);

    // forced, it rebuilds from what is left: the pruned morning's messages are gone
    const forced = await reprocess(db, start({ mode: 'rebuild', force: true }), deps);
    expect(forced.kind).toBe('finished');
    expect((await derivedSnapshot(db)).messages!.length).toBeLessThan(live.messages!.length);
  }, 300_000);
});
