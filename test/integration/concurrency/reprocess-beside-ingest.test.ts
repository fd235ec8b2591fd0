import { describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { reprocess, type ReprocessDeps, type StartOptions } from '../../../src/reprocess/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { testDatabases } from '../../helpers/databases.js';
import { derivedSnapshot } from '../../helpers/derived-snapshot.js';
import { SIMULATED_DAY } from '../../helpers/simulated-day.js';

const IDLE_MS = 24 * 3_600_000;
const PATTERN = /(?:^|;)\s*agent=([^;]+)/;
const now = () => SIMULATED_DAY.now;
const deps: ReprocessDeps = { reapply: { attributionPattern: PATTERN, chatwootChannels: new Map() }, idleMs: IDLE_MS, now };
const start = (o: Partial<StartOptions>): StartOptions => ({ mode: 'apply', batchSize: 25, resume: false, restart: false, force: false, now, ...o });

/**
 * The default mode claims to be safe while serve runs. The simulated Monday (seed 3, scale 0.4)
 * stored one group at a time and settled is the reference. On a second database the morning
 * (the first 60 % of bodies) is stored and settled, a reprocess run is started and stopped after
 * its first batch, and then, all at once on real Postgres: two processes resume that run (they
 * must take turns on its cursor, not apply a batch twice) while the rest of the day arrives
 * through live ingest in groups of 10. Settled at the same instant, both databases must hold the
 * very same rows. PGlite has one connection, so nothing would run at once there: Postgres only.
 */
describe.each(testDatabases.filter((d) => d.name === 'postgres'))('reprocess beside live ingest on $name', (database) => {
  it('ends with the rows one-at-a-time ingest makes, each body counted once', async () => {
    const deliveries = [...generateTraffic({ seed: 3, start: SIMULATED_DAY.from, days: 1, scale: 0.4 })];
    const cut = Math.floor(deliveries.length * 0.6);

    const reference = await database.open();
    const store = await database.open();
    try {
      await deliverToStore(reference.db, deliveries, PATTERN);
      await settleConversations(reference.db, now(), IDLE_MS);
      const expected = await derivedSnapshot(reference.db, { rawBodiesByHash: true });

      await deliverToStore(store.db, deliveries.slice(0, cut), PATTERN);
      await settleConversations(store.db, now(), IDLE_MS);
      const stop = new AbortController();
      const first = await reprocess(store.db, start({}), { ...deps, signal: stop.signal, onProgress: (done) => done > 0 && stop.abort() });
      expect(first.kind).toBe('stopped');

      const [a, b] = await Promise.all([
        reprocess(store.db, start({ resume: true }), deps),
        reprocess(store.db, start({ resume: true }), deps),
        deliverToStore(store.db, deliveries.slice(cut), PATTERN, undefined, 10),
      ]);
      expect([a.kind, b.kind]).toEqual(['finished', 'finished']);
      if (a.kind !== 'finished') return;
      // the run covers the bodies stored before it started, each once: done equals that total
      expect(a.run.done).toBe(a.run.total);
      expect(a.run.total).toBeGreaterThan(0);
      await settleConversations(store.db, now(), IDLE_MS);
      expect(await derivedSnapshot(store.db, { rawBodiesByHash: true })).toEqual(expected);
    } finally {
      await reference.drop();
      await store.drop();
    }
  }, 300_000);
});
