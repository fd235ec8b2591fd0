import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { inboundBody, statusBody } from '../../helpers/whatsapp-bodies.js';
import { secondStore, shuffle } from './pool.js';

/**
 * The HTTP group commit must answer every request exactly as the one-body-per-transaction
 * path does, and leave the same rows. 200 bodies, built by hand:
 *   - 60 inbound messages, contact 9715000000k (k = 0 … 29) writes wamid.in-j (j = 0 … 59, k = j mod 30);
 *   - 60 single-status bodies: `delivered` for wamid.out-j, to the same 30 contacts;
 *   - 20 two-status bodies: `read` for wamid.out-j (j = 0 … 19) and a status with a timestamp
 *     that is not a number (→ stored with one problem: outcome `partial`);
 *   - 58 exact copies of earlier bodies (the 20 partial ones, 38 inbound) → `duplicate`;
 *   - 1 JSON body that is not a WhatsApp envelope → 200 `rejected`; 1 body that is not JSON → 400.
 * Sequentially (A) every answer is known by hand: 60 + 60 `processed`, 20 `partial`,
 * 58 `duplicate`, 1 `rejected`, one 400. Concurrently — all 200 at once on one server (B) and
 * split over two servers on one database (C) — each distinct body must get the same multiset of
 * answers as in A (which of two identical bodies is "first" is a race), and every table must
 * equal A's. With 200 requests in flight, batches of more than one body must have formed.
 */
const TS = 1_764_547_200; // 2025-12-01T00:00:00Z, seconds
const contact = (k: number) => `9715000000${String(k).padStart(2, '0')}`;
const inbound = Array.from({ length: 60 }, (_, j) =>
  inboundBody([{ id: `wamid.in-${j}`, from: contact(j % 30), timestamp: String(TS + j) }]),
);
const delivered = Array.from({ length: 60 }, (_, j) =>
  statusBody([{ id: `wamid.out-${j}`, status: 'delivered', timestamp: String(TS + 100 + j), recipient_id: contact(j % 30) }]),
);
const partial = Array.from({ length: 20 }, (_, j) =>
  statusBody([
    { id: `wamid.out-${j}`, status: 'read', timestamp: String(TS + 200 + j), recipient_id: contact(j % 30) },
    { id: `wamid.bad-${j}`, status: 'read', timestamp: 'not-a-time', recipient_id: contact(j % 30) },
  ]),
);
const notWhatsApp = JSON.stringify({ object: 'page', entry: 'nothing here' });
const notJson = '{"object": "whatsapp_business_account", "entry": [';
const distinct = [...inbound, ...delivered, ...partial, notWhatsApp, notJson];
const bodies = [...distinct, ...partial, ...inbound.slice(0, 38)];

type Answer = { status: number; json: unknown };
const answer = async (url: string, body: string): Promise<Answer> => {
  const res = await postWhatsApp(url, body);
  return { status: res.status, json: await res.json() };
};

// Every table ingest writes, ids and arrival times left out (they differ between runs).
const TABLES: Record<string, string> = {
  raw_events: `SELECT to_jsonb(t) - ARRAY['id', 'received_at'] AS r FROM raw_events t`,
  channels: `SELECT to_jsonb(t) - 'first_seen_at' AS r FROM channels t`,
  contacts: `SELECT to_jsonb(t) - ARRAY['id', 'created_at'] AS r FROM contacts t`,
  messages: `SELECT to_jsonb(t) - 'contact_id' || jsonb_build_object('contact', ct.wa_id) AS r
               FROM messages t LEFT JOIN contacts ct ON ct.id = t.contact_id`,
  message_statuses: `SELECT to_jsonb(t) - 'raw_event_id' AS r FROM message_statuses t`,
  webhook_errors: `SELECT to_jsonb(t) - ARRAY['id', 'raw_event_id', 'observed_at'] AS r FROM webhook_errors t`,
  conversation_dirty: `SELECT to_jsonb(t) - 'contact_id' AS r FROM conversation_dirty t`,
};

async function tables(store: Store) {
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(TABLES)) {
    const { rows } = await sql<{ r: unknown }>`SELECT r FROM (${sql.raw(query)}) s ORDER BY r::text`.execute(store.db);
    out[name] = rows.map((x) => x.r);
  }
  return out;
}

/** Answers grouped by body, each group sorted: what must not depend on arrival order. */
function byBody(sent: readonly string[], answers: readonly Answer[]) {
  const groups = new Map<string, string[]>();
  sent.forEach((b, i) => groups.set(b, [...(groups.get(b) ?? []), JSON.stringify(answers[i])]));
  return Object.fromEntries([...groups].map(([b, a]) => [b, a.sort()]));
}

const batchesOf = async (server: TestServer) => {
  const h = (await server.app.metrics.ingestBatchBodies.get()).values;
  const count = h.find((v) => v.metricName === 'wapulse_ingest_batch_bodies_count')?.value ?? 0;
  const sum = h.find((v) => v.metricName === 'wapulse_ingest_batch_bodies_sum')?.value ?? 0;
  return { count, sum };
};

describe.each(testDatabases)('group commit over HTTP equals one-at-a-time on $name', (database) => {
  const opened: TestStore[] = [];
  const servers: TestServer[] = [];
  const runs: Record<string, { answers: Answer[]; sent: string[]; tables: Record<string, unknown[]> }> = {};
  let batches: { count: number; sum: number };

  beforeAll(async () => {
    const open = async () => {
      const store = await database.open();
      opened.push(store);
      return store;
    };
    const serve = async (store: Store) => {
      const s = await startTestServer(store);
      servers.push(s);
      return s;
    };

    const a = await open();
    const seq = await serve(a);
    const answersA: Answer[] = [];
    for (const b of bodies) answersA.push(await answer(seq.url, b));
    runs.A = { answers: answersA, sent: bodies, tables: await tables(a) };

    // all 200 at once, shuffled
    const b = await open();
    const one = await serve(b);
    const sentB = shuffle(bodies, 5);
    runs.B = { answers: await Promise.all(sentB.map((x) => answer(one.url, x))), sent: sentB, tables: [] as never };
    runs.B.tables = await tables(b);
    batches = await batchesOf(one);

    if (database.name === 'postgres') {
      // two app instances (two pools) on one database, alternating
      const c = await open();
      const extra = secondStore(c);
      const pair = [await serve(c), await serve(extra)];
      const sentC = shuffle(bodies, 9);
      runs.C = { answers: await Promise.all(sentC.map((x, i) => answer(pair[i % 2]!.url, x))), sent: sentC, tables: [] as never };
      runs.C.tables = await tables(c);
      await pair[1]!.close();
      servers.pop();
      await extra.close();
    }
  }, 240_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const s of opened) await s.drop();
  });

  it('answers one at a time as worked out by hand', () => {
    const tally = (status: number, kind: string) =>
      runs.A!.answers.filter((x) => x.status === status && (x.json as { status?: string }).status === kind).length;
    expect([tally(200, 'processed'), tally(200, 'partial'), tally(200, 'duplicate'), tally(200, 'rejected')]).toEqual([120, 20, 58, 1]);
    expect(runs.A!.answers.filter((x) => x.status === 400)).toEqual([{ status: 400, json: { error: 'body is not JSON' } }]);
    // every distinct body is kept raw once, the not-JSON one too: 60 + 60 + 20 + 1 + 1
    expect(runs.A!.tables.raw_events).toHaveLength(142);
    // 60 inbound, and the 60 outbound rows the statuses create; the unreadable statuses store nothing
    expect(runs.A!.tables.messages).toHaveLength(120);
    expect(runs.A!.tables.message_statuses).toHaveLength(60 + 20);
  });

  it('formed batches of more than one body when requests arrived together', () => {
    expect(batches.sum).toBe(bodies.length);
    expect(batches.count).toBeLessThan(bodies.length);
  });

  describe.each(database.name === 'postgres' ? ['B', 'C'] : ['B'])('concurrent run %s', (name) => {
    it('answers each body as the one-at-a-time path did', () => {
      expect(byBody(runs[name]!.sent, runs[name]!.answers)).toEqual(byBody(runs.A!.sent, runs.A!.answers));
    });
    it.each(Object.keys(TABLES))('stores the same %s rows', (table) => {
      expect(runs[name]!.tables[table]).toEqual(runs.A!.tables[table]);
    });
  });
});
