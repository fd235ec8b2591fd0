import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsReport } from '../../../src/metrics/contacts.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postInbox, postWhatsApp } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { inboundBody } from '../../helpers/whatsapp-bodies.js';
import { inParallel } from './pool.js';

/**
 * A contact seen in the same second through an inbox event and an inbound WhatsApp message
 * (WhatsApp times are whole seconds, so this happens whenever an inbox opens a conversation as
 * the customer writes). The tie-break (SEEN_VIA_ORDER in contacts-repo.ts) ranks inbound before
 * inbox, so worked by hand every contact ends with first_seen_via 'inbound' and created_at
 * 10:00:00 — whichever arrives first, or when both arrive at once.
 *
 * Per contact n (10 per delivery mode, 3 modes, 2 inbox event kinds = 60 contacts):
 *  - inbound message wamid.tie-n from 9715522<n> at 10:00:00 (Unix 1793613600);
 *  - either `conversation.opened` at 10:00:00 for that contact (no source: the report label is
 *    then decided by first_seen_via → 'incoming_message'), or `contact.created` at 10:00:00
 *    with source 'manual' (label 'manual', first_seen_via still 'inbound').
 * Contacts report for [09:00, 11:00): 60 new = 30 incoming_message + 30 manual, 0 unknown.
 */
const AT_ISO = '2026-11-02T10:00:00Z';
const AT_UNIX = String(Date.parse(AT_ISO) / 1000);
const MODES = ['inbox first', 'whatsapp first', 'both at once'] as const;
const KINDS = ['conversation.opened', 'contact.created'] as const;
const PER = 10;

type Case = { n: number; mode: (typeof MODES)[number]; kind: (typeof KINDS)[number]; waId: string };
const cases: Case[] = MODES.flatMap((mode, m) =>
  KINDS.flatMap((kind, k) => Array.from({ length: PER }, (_, i) => {
    const n = (m * KINDS.length + k) * PER + i;
    return { n, mode, kind, waId: `9715522${String(n).padStart(4, '0')}` };
  })),
);

function inboxEvent(c: Case) {
  return c.kind === 'conversation.opened'
    ? { id: `tie-open-${c.n}`, type: c.kind, at: AT_ISO, conversation_id: `tie-${c.n}`, contact: { wa_id: c.waId }, phone_number_id: '106540352242922', opened_by: 'contact' }
    : { id: `tie-created-${c.n}`, type: c.kind, at: AT_ISO, contact: { wa_id: c.waId, name: 'Tie' }, source: 'manual' };
}

async function deliver(url: string, c: Case): Promise<number[]> {
  const inbox = () => postInbox(url, [inboxEvent(c)]);
  const wa = () => postWhatsApp(url, inboundBody([{ id: `wamid.tie-${c.n}`, from: c.waId, timestamp: AT_UNIX }]));
  const res =
    c.mode === 'both at once' ? await Promise.all([inbox(), wa()])
    : c.mode === 'inbox first' ? [await inbox(), await wa()]
    : [await wa(), await inbox()];
  return res.map((r) => r.status);
}

describe.each(testDatabases)('first sighting in the same second on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await database.open();
    server = await startTestServer(store);
    const statuses = await inParallel(cases, 8, (c) => deliver(server.url, c));
    expect(statuses.flat().filter((s) => s !== 200)).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it.each(MODES)('is inbound at 10:00:00 for every contact delivered %s', async (mode) => {
    const waIds = cases.filter((c) => c.mode === mode).map((c) => c.waId);
    const rows = await store.db.selectFrom('contacts').select(['wa_id', 'first_seen_via', 'created_at']).where('wa_id', 'in', waIds).execute();
    expect(rows).toHaveLength(2 * PER);
    expect(rows.filter((r) => r.first_seen_via !== 'inbound' || r.created_at.toISOString() !== '2026-11-02T10:00:00.000Z')).toEqual([]);
  });

  it('splits the contacts report by source the same way', async () => {
    const r = await contactsReport(store.db, { window: { from: new Date('2026-11-02T09:00:00Z'), to: new Date('2026-11-02T11:00:00Z'), tz: 'UTC' }, filters: {} });
    expect(r.new.total).toBe(60);
    expect(r.new.bySource).toMatchObject({ incoming_message: 30, manual: 30, unknown: 0 });
  });
});
