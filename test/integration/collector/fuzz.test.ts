import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fuzzCases, runFuzz, type FuzzAnswer } from '../../../src/fuzz/run.js';
import { loadSeeds } from '../../../src/fuzz/seeds.js';
import { APP_SECRET, CHATWOOT_KEY, FIXTURES_DIR, INBOX_SECRET } from '../../helpers/fixtures.js';
import { testDatabases } from '../../helpers/databases.js';
import { useTestServer } from '../../helpers/server.js';

// Seeded fuzzing of all three webhooks with mutated real bodies (src/fuzz): while the
// database is up, no answer may be a 5xx, and every body answered 200 or 400 must be in
// raw_events byte for byte. Longer runs: `npm run fuzz -- --seed 7 --count 20000`.
const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

describe.each(testDatabases)('fuzzed webhook bodies on $name', (database) => {
  const ctx = useTestServer(database);

  it(`answers ${COUNT} mutated bodies without a 5xx and keeps each one raw`, async () => {
    const cases = fuzzCases(loadSeeds(fileURLToPath(FIXTURES_DIR)), SEED, COUNT);
    const answers: FuzzAnswer[] = [];
    const target = { url: ctx.server.url, appSecret: APP_SECRET, inboxSecret: INBOX_SECRET, chatwootKey: CHATWOOT_KEY };
    const report = await runFuzz(target, cases, 4, (a) => answers.push(a));
    expect(report.serverErrors.map((e) => `${e.index} ${e.seed} ${e.status}`)).toEqual([]);

    const rows = await ctx.store.db.selectFrom('raw_events').select(['source', 'body_sha256', 'outcome']).execute();
    const kept = new Set(rows.map((r) => `${r.source}:${r.body_sha256}`));
    const missing = answers.filter(
      (a) => (a.status === 200 || a.status === 400) && !kept.has(`${a.endpoint}:${createHash('sha256').update(a.body).digest('hex')}`),
    );
    expect(missing.map((a) => a.index)).toEqual([]);

    // The run must have reached the interesting paths, or it proves nothing: each endpoint
    // answered both 200 and 400, and partly stored bodies exist.
    for (const endpoint of ['whatsapp', 'inbox', 'chatwoot'] as const) {
      expect(report.statuses[endpoint][200], `${endpoint} 200s`).toBeGreaterThan(0);
      expect(report.statuses[endpoint][400], `${endpoint} 400s`).toBeGreaterThan(0);
    }
    expect(rows.filter((r) => r.outcome === 'partial').length).toBeGreaterThan(0);
    console.info(`fuzz on ${database.name}: ${COUNT} bodies in ${report.ms} ms`, JSON.stringify(report.statuses));
  }, 300_000);
});
