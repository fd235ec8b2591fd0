import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ingestWhatsAppBodies } from '../../../src/collector/index.js';
import { reprocess } from '../../../src/reprocess/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { NOW, TS, waBody } from '../../helpers/poison.js';

const PATTERN = /agent=([^;]+)/;
const inbound = (id: string, text: string) =>
  waBody({
    contacts: [{ wa_id: '971500000001', profile: { name: 'Sara' } }],
    messages: [{ from: '971500000001', id, timestamp: TS, type: 'text', text: { body: text } }],
  });

/**
 * Four bodies received a second apart: a message "hello", a message "poison", one that is not
 * JSON (stored raw as rejected at ingest), and a message "bye". Then the database is made to
 * refuse the preview "poison" (a CHECK added after ingest, standing in for any refusal a
 * changed normaliser could meet). Reprocessing in batches of 2: batch 1 (hello, poison) is
 * refused as a whole, retried body by body — hello applies, poison is refused alone and
 * skipped — then batch 2 (not JSON, bye): 4 done, 2 applied, 1 unreadable, 1 failed.
 */
describe.each(testDatabases)('reprocess meets bodies it cannot apply on $name', (database) => {
  const ctx = useFreshStore(database);

  it('skips and names the body the database refuses, counts the unreadable one, applies the rest', async () => {
    const db = ctx.store.db;
    const bodies = [inbound('wamid.hello', 'hello'), inbound('wamid.poison', 'poison'), '{not json', inbound('wamid.bye', 'bye')];
    for (const [i, body] of bodies.entries()) {
      await ingestWhatsAppBodies(db, [{ raw: Buffer.from(body), receivedAt: new Date(NOW.getTime() + i * 1000) }], PATTERN);
    }
    const ids = (await db.selectFrom('raw_events').select('id').orderBy('received_at').execute()).map((r) => r.id);
    await sql`ALTER TABLE messages ADD CONSTRAINT test_no_poison CHECK (preview IS DISTINCT FROM 'poison') NOT VALID`.execute(db);
    await sql`DELETE FROM messages`.execute(db);

    const r = await reprocess(
      db,
      { mode: 'apply', batchSize: 2, resume: false, restart: false, force: false, now: () => NOW },
      { reapply: { attributionPattern: PATTERN, chatwootChannels: new Map() }, idleMs: 86_400_000, now: () => NOW },
    );
    expect(r.kind).toBe('finished');
    if (r.kind !== 'finished') return;
    expect([r.run.done, r.run.unreadable, r.run.failed]).toEqual([4, 1, 1]);
    const failures = r.run.failures as { rawEventId: number; reason: string }[];
    expect(failures.map((f) => f.rawEventId)).toEqual([ids[1]]);
    expect(failures[0]!.reason).toMatch(/^the database refused its facts: 23514/);
    const kept = await db.selectFrom('messages').select('wamid').orderBy('wamid').execute();
    expect(kept.map((m) => m.wamid)).toEqual(['wamid.bye', 'wamid.hello']);
  });
});
