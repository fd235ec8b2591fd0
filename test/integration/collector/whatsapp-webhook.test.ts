import { beforeEach, describe, expect, it } from 'vitest';
import { signBody } from '../../../src/collector/index.js';
import { APP_SECRET, VERIFY_TOKEN, fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases } from '../../helpers/databases.js';
import { useTestServer } from '../../helpers/server.js';
import { statusBody } from '../../helpers/whatsapp-bodies.js';

describe.each(testDatabases)('WhatsApp webhook edge cases on $name', (database) => {
  const ctx = useTestServer(database);
  beforeEach(async () => {
    for (const t of ['raw_events', 'message_statuses', 'messages', 'contacts', 'channels', 'webhook_errors'] as const) {
      await ctx.store.db.deleteFrom(t).execute();
    }
  });
  const rawCount = async () => (await ctx.store.db.selectFrom('raw_events').select('id').execute()).length;

  it('answers the verification handshake with the challenge, and 403 otherwise', async () => {
    const ok = await fetch(`${ctx.server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${ctx.server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
    const noMode = await fetch(`${ctx.server.url}/webhooks/whatsapp?hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
    expect(noMode.status).toBe(403);
  });

  it('refuses forged, missing, malformed and truncated signatures with 401 and stores nothing', async () => {
    const body = fixtureBytes('whatsapp/inbound-text.json');
    const good = signBody(body, APP_SECRET);
    const forged = signBody(body, 'some-other-secret');
    for (const signature of [forged, null, 'sha1=abc', good.slice(0, -2), `${good}00`, 'sha256=']) {
      const res = await postWhatsApp(ctx.server.url, body, signature);
      expect(res.status, `signature ${signature}`).toBe(401);
    }
    // a valid signature over different bytes (one space added) is a mismatch too
    const res = await postWhatsApp(ctx.server.url, Buffer.concat([body, Buffer.from(' ')]), good);
    expect(res.status).toBe(401);
    expect(await rawCount()).toBe(0);
  });

  it('verifies the signature over raw UTF-8 bytes, not re-serialised JSON', async () => {
    // Arabic name and emoji written literally; JSON.stringify(JSON.parse(raw)) would change
    // the whitespace, so a verifier that re-serialises would refuse this genuine body.
    const raw = Buffer.from(
      '{ "object": "whatsapp_business_account", "entry": [ { "id": "1", "changes": [ { "field": "messages", "value": {' +
        ' "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },' +
        ' "contacts": [ { "profile": { "name": "ليلى 🌙" }, "wa_id": "971500000001" } ],' +
        ' "messages": [ { "from": "971500000001", "id": "wamid.UTF8", "timestamp": "1750000000", "type": "text", "text": { "body": "مرحبا 👋" } } ] } } ] } ] }',
      'utf8',
    );
    expect(JSON.stringify(JSON.parse(raw.toString()))).not.toBe(raw.toString());
    const res = await postWhatsApp(ctx.server.url, raw);
    expect(res.status).toBe(200);
    const contact = await ctx.store.db.selectFrom('contacts').select('profile_name').executeTakeFirstOrThrow();
    expect(contact.profile_name).toBe('ليلى 🌙');
    const msg = await ctx.store.db.selectFrom('messages').select('preview').executeTakeFirstOrThrow();
    expect(msg.preview).toBe('مرحبا 👋');
  });

  it('treats the same body twice as one', async () => {
    const body = fixtureBytes('whatsapp/batched-two-numbers.json');
    expect((await postWhatsApp(ctx.server.url, body)).status).toBe(200);
    const second = await postWhatsApp(ctx.server.url, body);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ status: 'duplicate' });
    expect(await rawCount()).toBe(1);
    expect((await ctx.store.db.selectFrom('messages').select('wamid').execute()).length).toBe(4);
  });

  it('refuses a 6 MB body with 413 and stores nothing', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
    const res = await postWhatsApp(ctx.server.url, big);
    expect(res.status).toBe(413);
    expect(await rawCount()).toBe(0);
  });

  it('stores signed JSON that is not a WhatsApp payload as rejected, answering 200', async () => {
    const res = await postWhatsApp(ctx.server.url, JSON.stringify({ hello: 'world' }));
    expect(res.status).toBe(200);
    // the answer names why, as a partial answer does: no `object`, no `entry`
    expect(await res.json()).toMatchObject({ status: 'rejected', problems: [{ path: 'object' }, { path: 'entry' }] });
    const raw = await ctx.store.db.selectFrom('raw_events').select(['outcome', 'problems']).executeTakeFirstOrThrow();
    expect(raw.outcome).toBe('rejected');
    expect(JSON.stringify(raw.problems)).toContain('object');
    const metrics = await (await fetch(`${ctx.server.url}/metrics`)).text();
    expect(metrics).toMatch(/wapulse_webhooks_rejected_total\{source="whatsapp",reason="not_whatsapp"\} 1/);
  });

  it('keeps the valid items of a partly malformed body and names the bad field', async () => {
    const body = statusBody([
      { id: 'wamid.OK1', status: 'sent', timestamp: '1750000000', recipient_id: '971500000002' },
      { id: 'wamid.BAD', status: 'delivered', timestamp: 'yesterday', recipient_id: '971500000002' },
      { id: 'wamid.OK2', status: 'delivered', timestamp: '1750000100', recipient_id: '971500000002' },
    ]);
    const res = await postWhatsApp(ctx.server.url, body);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { status: string; problems: { path: string }[] };
    expect(json.status).toBe('partial');
    expect(json.problems.map((p) => p.path)).toEqual(['entry[0].changes[0].value.statuses[1].timestamp']);
    const wamids = (await ctx.store.db.selectFrom('messages').select('wamid').orderBy('wamid').execute()).map((r) => r.wamid);
    expect(wamids).toEqual(['wamid.OK1', 'wamid.OK2']);
  });
});
