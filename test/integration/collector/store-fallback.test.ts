import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestWhatsAppBodies, writeWhatsAppBatch } from '../../../src/collector/index.js';
import { whatsappFallback } from '../../../src/collector/whatsapp/fallback.js';
import { fixtureBytes, postChatwoot, postInbox, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { NOW, rawRow, sent, waBody } from '../../helpers/poison.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

// Defence in depth: input that passes every check but that the database still refuses. A
// trigger plays the database: it refuses chosen rows with a real SQLSTATE — 22023 (data),
// P0001 (raise_exception: a 'bug'), 57014 (query_canceled: 'unavailable'). The body must be
// kept raw and every other item stored, except for 'unavailable', which stays a 503.
const GUARDS = `
CREATE FUNCTION test_refuse(k text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF k LIKE '%POISON%' THEN RAISE EXCEPTION 'refused by test guard' USING ERRCODE = '22023'; END IF;
  IF k LIKE '%BUG%' THEN RAISE EXCEPTION 'a bug in a query' USING ERRCODE = 'P0001'; END IF;
  IF k LIKE '%OUTAGE%' THEN RAISE EXCEPTION 'statement timeout' USING ERRCODE = '57014'; END IF;
END $$;
CREATE FUNCTION test_guard_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM test_refuse(NEW.wamid); RETURN NEW; END $$;
CREATE FUNCTION test_guard_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM test_refuse(NEW.payload::text); RETURN NEW; END $$;
CREATE TRIGGER test_guard BEFORE INSERT ON message_statuses FOR EACH ROW EXECUTE FUNCTION test_guard_status();
CREATE TRIGGER test_guard BEFORE INSERT ON inbox_events FOR EACH ROW EXECUTE FUNCTION test_guard_event();
`;
const V = 'entry[0].changes[0].value';
const PATTERN = /(?:^|;)\s*agent=([^;]+)/;

describe.each(testDatabases)('item-by-item fallback on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await database.open();
    await store.execScript(GUARDS);
    server = await startTestServer(store, { CHATWOOT_INBOX_NUMBERS: '7=106540352242922' }, () => NOW);
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });
  const statuses = async (prefix: string) =>
    (await store.db.selectFrom('message_statuses').select('wamid').where('wamid', 'like', `${prefix}%`).orderBy('wamid').execute()).map((r) => r.wamid);

  for (const [kind, code] of [['POISON', '22023'], ['BUG', 'P0001']] as const) {
    it(`WhatsApp: a status refused with ${code} is named; the raw body and the other statuses are stored`, async () => {
      const body = waBody({ statuses: [sent(`wamid.${code}-A`), sent(`wamid.${kind}`), sent(`wamid.${code}-C`)] });
      const res = await postWhatsApp(server.url, body);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { status: string; problems: { path: string; message: string }[] };
      expect(answer.status).toBe('partial');
      // first the refusal of the body as a whole, then the one status refused on its own
      expect(answer.problems.map((p) => p.path)).toEqual(['', `${V}.statuses[1]`]);
      expect(answer.problems[1]!.message).toContain(code);
      expect(await statuses(`wamid.${code}`)).toEqual([`wamid.${code}-A`, `wamid.${code}-C`]);
      const raw = await rawRow(store, 'whatsapp', body);
      expect(raw).toMatchObject({ outcome: 'partial', problems: answer.problems });
      // the refused status left no messages row behind (its savepoint was rolled back)
      expect(await store.db.selectFrom('messages').select('wamid').where('wamid', '=', `wamid.${kind}`).execute()).toEqual([]);
    });
  }

  it('WhatsApp: an outage inside the fallback still answers 503 and stores nothing', async () => {
    const body = waBody({ statuses: [sent('wamid.OUTAGE')] });
    const res = await postWhatsApp(server.url, body);
    expect(res.status).toBe(503);
    expect(await rawRow(store, 'whatsapp', body)).toBeUndefined();
  });

  it('WhatsApp group commit: only the poisoned body goes item by item, the others are processed', async () => {
    const bodies = ['wamid.g1', 'wamid.POISON-g2', 'wamid.g3'].map((id) => ({ raw: Buffer.from(waBody({ statuses: [sent(id)] })), receivedAt: NOW }));
    const results = await ingestWhatsAppBodies(store.db, bodies, PATTERN);
    expect(results.map((r) => (r.kind === 'stored' ? r.outcome : r.kind))).toEqual(['processed', 'partial', 'processed']);
    expect(await statuses('wamid.g')).toEqual(['wamid.g1', 'wamid.g3']);
  });

  it('WhatsApp: a reader that throws (a bug of ours) still keeps the body raw, rejected, with the error named', async () => {
    const raw = Buffer.from(waBody({ statuses: [sent('wamid.READER-THREW')] }));
    const bug = new TypeError("Cannot read properties of null (reading 'code')");
    const [result] = await whatsappFallback(store.db, [{ raw, receivedAt: NOW }], bug, {
      one: () => Promise.reject(new Error('not used for one body')),
      prepare: () => {
        throw bug;
      },
      signatureOk: true,
      write: writeWhatsAppBatch,
    });
    expect(result).toMatchObject({ kind: 'rejected', fallback: { kind: 'bug' } });
    const row = await rawRow(store, 'whatsapp', raw);
    expect(row!.outcome).toBe('rejected');
    expect(row!.problems).toEqual([{ path: '', message: expect.stringContaining("Cannot read properties of null (reading 'code')") }]);
    expect(await statuses('wamid.READER')).toEqual([]);
  });

  it('inbox: an event refused by the database leaves `accepted`, is named, the others are stored', async () => {
    const at = '2026-11-30T09:00:00Z';
    const events = ['e-1', 'e-POISON', 'e-3'].map((id) => ({ id, type: 'agent.upserted', at, agent: { id: `agent-${id}`, name: id } }));
    const res = await postInbox(server.url, events);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { accepted: string[]; problems: { path: string; message: string }[] };
    expect(answer.accepted).toEqual(['e-1', 'e-3']);
    expect(answer.problems.map((p) => p.path)).toEqual(['', 'event e-POISON']);
    const agents = await store.db.selectFrom('agents').select('id').where('id', 'like', 'agent-e-%').orderBy('id').execute();
    expect(agents.map((a) => a.id)).toEqual(['agent-e-1', 'agent-e-3']);
    expect((await rawRow(store, 'inbox', JSON.stringify({ events })))!.outcome).toBe('partial');
  });

  it('Chatwoot: the refused message.sent is named, the agent is stored, 200', async () => {
    const body = JSON.stringify({
      ...(JSON.parse(fixtureBytes('chatwoot/message_created_outgoing.json').toString()) as object),
      id: 94001,
      source_id: 'wamid.CW-POISON', // in message.sent's payload only: the guard refuses that event
    });
    const res = await postChatwoot(server.url, body);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { accepted: string[]; problems: { path: string }[] };
    // the sender's upsert and the observed assignee (12, the sender itself) are stored
    expect(answer.accepted).toEqual(['chatwoot:message:94001:agent:12', 'chatwoot:message:94001:assignee:12']);
    expect(answer.problems.map((p) => p.path)).toEqual(['', 'event chatwoot:message:94001:sent']);
    expect((await rawRow(store, 'chatwoot', body))!.outcome).toBe('partial');
    expect(await store.db.selectFrom('messages').select('wamid').where('wamid', '=', 'wamid.CW-POISON').execute()).toEqual([]);
  });
});
