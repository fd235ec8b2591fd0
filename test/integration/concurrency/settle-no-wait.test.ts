import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { markPairsDirty } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { HAS_POSTGRES } from './pool.js';

/**
 * Settle must never wait for a webhook: a webhook waiting behind settle while settle waits
 * behind another webhook is how seconds-long stalls (and deadlocks, decided only after
 * deadlock_timeout) build up under load. Worked by hand: contact 971560000002 on number
 * 106540352242922 wrote at 09:00 (m1, dirty). A webhook transaction stores m2 at 09:30 and
 * re-marks the pair, then stays open for HOLD_MS. A settle started meanwhile must return well
 * before that (it skips the locked row), having derived [09:00, 09:00] and left the pair dirty;
 * once the webhook commits, the next settle derives [09:00, 09:30] and clears it.
 */
const CHANNEL = '106540352242922';
const NOW = new Date('2026-11-02T10:00:00Z');
const IDLE = 24 * 3_600_000;
const HOLD_MS = 3_000;

describe.skipIf(!HAS_POSTGRES)('settle while a webhook holds a dirty row, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  beforeEach(async () => {
    store = await postgres.open();
  });
  afterEach(() => store.drop());

  const message = (wamid: string, contactId: number, ts: string) =>
    store.db.insertInto('messages').values({ wamid, direction: 'inbound', origin: 'live', type: 'text', phone_number_id: CHANNEL, contact_id: contactId, ts: new Date(ts) }).execute();
  const cycles = () => store.db.selectFrom('conversations').select(['opened_at', 'last_message_at']).execute();

  it('skips the row instead of waiting, and settles it on the next run', async () => {
    const { id } = await store.db.insertInto('contacts').values({ wa_id: '971560000002', first_seen_via: 'inbound', created_at: new Date('2026-11-02T09:00:00Z') })
      .returning('id').executeTakeFirstOrThrow();
    await message('wamid.n1', id, '2026-11-02T09:00:00Z');
    await markPairsDirty(store.db, ['wamid.n1']);

    let marked!: () => void;
    const markedNow = new Promise<void>((r) => (marked = r));
    const webhook = store.db.transaction().execute(async (tx) => {
      await tx.insertInto('messages').values({ wamid: 'wamid.n2', direction: 'inbound', origin: 'live', type: 'text', phone_number_id: CHANNEL, contact_id: id, ts: new Date('2026-11-02T09:30:00Z') }).execute();
      await markPairsDirty(tx, ['wamid.n2']);
      marked();
      await new Promise((r) => setTimeout(r, HOLD_MS));
    });
    await markedNow;
    const started = performance.now();
    const first = await settleConversations(store.db, NOW, IDLE);
    const took = performance.now() - started;
    // the old code waited for the webhook's commit (≥ HOLD_MS) in clearDirtyPairs
    expect(took).toBeLessThan(HOLD_MS / 2);
    expect(first.pairs).toBe(1);
    expect(await cycles()).toEqual([{ opened_at: new Date('2026-11-02T09:00:00Z'), last_message_at: new Date('2026-11-02T09:00:00Z') }]);

    await webhook;
    expect(await store.db.selectFrom('conversation_dirty').select(['contact_id', 'since']).execute())
      .toEqual([{ contact_id: id, since: new Date('2026-11-02T09:00:00Z') }]);
    await settleConversations(store.db, NOW, IDLE);
    expect(await cycles()).toEqual([{ opened_at: new Date('2026-11-02T09:00:00Z'), last_message_at: new Date('2026-11-02T09:30:00Z') }]);
    expect(await store.db.selectFrom('conversation_dirty').select('contact_id').execute()).toEqual([]);
  });
});
