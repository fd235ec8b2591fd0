import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertRawEvents, type RawEventInput } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';

/**
 * insertRawEvents claims keys and writes bodies in one statement whose columns travel as
 * arrays (bytea[], jsonb[], timestamptz[]): array literals have their own quoting, so these
 * tests feed it the bytes and texts that quoting could mangle and read back every column.
 */
const at = new Date('2026-11-30T10:15:30.123Z');

// Every byte value 0–255, which holds NUL, `\`, `"`, `{`, `}`, `,` and non-UTF-8 sequences.
const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const event = (body: Buffer, extra: Partial<RawEventInput> = {}): RawEventInput => ({
  source: 'whatsapp',
  receivedAt: at,
  body,
  signatureOk: true,
  outcome: 'processed',
  problems: [],
  ...extra,
});

describe.each(testDatabases)('storing raw bodies in one statement on $name', (database) => {
  const ctx = useFreshStore(database);

  it('keeps every byte, problem text, flag and time exactly as given', async () => {
    const problems = [{ path: 'entry[0]."a,b"', message: 'quote " backslash \\ brace { } NULL' }];
    const inputs = [
      event(allBytes),
      event(Buffer.from('NULL'), { signatureOk: null, outcome: 'rejected', problems }),
      event(Buffer.from('{"x":"\\\\"}'), { signatureOk: false, source: 'inbox', receivedAt: new Date('2026-10-01T00:00:00Z') }),
    ];
    const ids = await insertRawEvents(ctx.store.db, inputs);
    // three different bodies: three new ids, all distinct
    expect(ids.every((id) => typeof id === 'number')).toBe(true);
    expect(new Set(ids).size).toBe(3);
    const rows = await ctx.store.db.selectFrom('raw_events').selectAll().orderBy('id').execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    inputs.forEach((e, i) => {
      const r = byId.get(ids[i]!)!;
      expect(Buffer.compare(Buffer.from(r.body), e.body)).toBe(0);
      expect(r.body_sha256).toBe(createHash('sha256').update(e.body).digest('hex'));
      expect(r.source).toBe(e.source);
      expect(r.received_at.toISOString()).toBe(e.receivedAt.toISOString());
      expect(r.signature_ok).toBe(e.signatureOk);
      expect(r.outcome).toBe(e.outcome);
      // an empty problem list is stored as NULL, a non-empty one as the same JSON
      expect(r.problems).toEqual(e.problems.length ? e.problems : null);
    });
    // each key names its own body's row
    const keys = await ctx.store.db.selectFrom('raw_event_keys').selectAll().execute();
    expect(new Map(keys.map((k) => [k.body_sha256, k.raw_event_id]))).toEqual(new Map(rows.map((r) => [r.body_sha256, r.id])));
  });

  it('stores a body once: a repeat in the same call and a redelivery in a later one get null', async () => {
    // A, B, A in one call: A and B are new (ids), the second A repeats the first (null).
    const [a, b, a2] = await insertRawEvents(ctx.store.db, [event(Buffer.from('A')), event(Buffer.from('B')), event(Buffer.from('A'))]);
    expect([typeof a, typeof b, a2]).toEqual(['number', 'number', null]);
    // B again with C: B was stored by the first call (null), C is new.
    const [b2, c] = await insertRawEvents(ctx.store.db, [event(Buffer.from('B')), event(Buffer.from('C'))]);
    expect([b2, typeof c]).toEqual([null, 'number']);
    // the same bytes from another source are another body
    const [otherSource] = await insertRawEvents(ctx.store.db, [event(Buffer.from('A'), { source: 'chatwoot' })]);
    expect(typeof otherSource).toBe('number');
    // A, B, C from whatsapp and A from chatwoot: 4 bodies, 4 keys
    expect(Number((await ctx.store.db.selectFrom('raw_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4);
    expect(Number((await ctx.store.db.selectFrom('raw_event_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4);
  });

  it('takes more bodies than one statement carries (chunks of 200)', async () => {
    // 450 distinct bodies: chunks of 200, 200 and 50, every one stored once with its own id
    const inputs = Array.from({ length: 450 }, (_, i) => event(Buffer.from(`body ${i}`)));
    const ids = await insertRawEvents(ctx.store.db, inputs);
    expect(new Set(ids).size).toBe(450);
    expect(ids.includes(null)).toBe(false);
    const stored = await ctx.store.db.selectFrom('raw_events').select(['id', 'body']).execute();
    expect(new Map(stored.map((r) => [r.id, Buffer.from(r.body).toString()]))).toEqual(new Map(ids.map((id, i) => [id!, `body ${i}`])));
  });
});
