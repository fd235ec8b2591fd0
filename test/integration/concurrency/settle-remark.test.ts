import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { markPairsDirty } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { HAS_POSTGRES } from './pool.js';

/**
 * A pair marked dirty again while a settle batch is working on it must stay dirty. Worked by
 * hand: contact 971560000001 on number 106540352242922 wrote at 09:00 (m1, committed and dirty).
 * A webhook transaction stores m2 at 09:30 and re-marks the pair — which leaves `since` at 09:00
 * (least) — but commits only after the settle batch has read the pair and its messages. The
 * batch derives one cycle [09:00, 09:00] without m2 and must then NOT clear the pair (its row
 * version changed), so the next settle derives [09:00, 09:30]. Clearing by `since` alone would
 * have lost m2 for good. NOW = 10:00, idle 24 h, so the cycle stays open.
 */
const CHANNEL = '106540352242922';
const NOW = new Date('2026-11-02T10:00:00Z');
const IDLE = 24 * 3_600_000;

describe.skipIf(!HAS_POSTGRES)('a pair re-marked during a settle batch, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  beforeEach(async () => {
    store = await postgres.open();
  });
  afterEach(() => store.drop());

  const message = (wamid: string, contactId: number, ts: string) =>
    store.db.insertInto('messages').values({ wamid, direction: 'inbound', origin: 'live', type: 'text', phone_number_id: CHANNEL, contact_id: contactId, ts: new Date(ts) }).execute();
  const cycles = () => store.db.selectFrom('conversations').select(['opened_at', 'last_message_at', 'closed_at']).execute();

  it('stays dirty and is settled by the next run', async () => {
    const { id } = await store.db.insertInto('contacts').values({ wa_id: '971560000001', first_seen_via: 'inbound', created_at: new Date('2026-11-02T09:00:00Z') })
      .returning('id').executeTakeFirstOrThrow();
    await message('wamid.m1', id, '2026-11-02T09:00:00Z');
    await markPairsDirty(store.db, ['wamid.m1']);

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let marked!: () => void;
    const markedNow = new Promise<void>((r) => (marked = r));
    const webhook = store.db.transaction().execute(async (tx) => {
      await tx.insertInto('messages').values({ wamid: 'wamid.m2', direction: 'inbound', origin: 'live', type: 'text', phone_number_id: CHANNEL, contact_id: id, ts: new Date('2026-11-02T09:30:00Z') }).execute();
      await markPairsDirty(tx, ['wamid.m2']);
      marked();
      await gate; // hold the re-mark uncommitted while the settle batch runs
    });
    await markedNow;
    const first = settleConversations(store.db, NOW, IDLE);
    // the batch reads the old row version and m1 only, then waits on the re-marked row
    await new Promise((r) => setTimeout(r, 500));
    release();
    await webhook;
    expect((await first).pairs).toBe(1);

    expect(await store.db.selectFrom('conversation_dirty').select(['contact_id', 'since']).execute())
      .toEqual([{ contact_id: id, since: new Date('2026-11-02T09:00:00Z') }]);
    expect(await cycles()).toEqual([{ opened_at: new Date('2026-11-02T09:00:00Z'), last_message_at: new Date('2026-11-02T09:00:00Z'), closed_at: null }]);

    await settleConversations(store.db, NOW, IDLE);
    expect(await cycles()).toEqual([{ opened_at: new Date('2026-11-02T09:00:00Z'), last_message_at: new Date('2026-11-02T09:30:00Z'), closed_at: null }]);
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM conversation_dirty`.execute(store.db)).rows[0]!.n)).toBe(0);
  });
});
