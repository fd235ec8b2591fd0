import { describe, expect, it } from 'vitest';
import { bodyMaker, statusBodyJson, statusRow } from '../../../src/bench/bodies.js';
import { normalizeWhatsApp, verifySignature } from '../../../src/collector/index.js';

const SECRET = 'bench-test-secret';
const opts = { receivedAt: new Date('2026-11-02T00:00:00Z'), attributionPattern: /agent=([^;]+)/ };

describe('bench status bodies', () => {
  it('are signed so the real verifier accepts them, and only with the right secret', () => {
    const b = bodyMaker('t', 1, SECRET, 1_790_000_000)();
    expect(verifySignature(b.body, b.signature, SECRET)).toEqual({ kind: 'valid' });
    expect(verifySignature(b.body, b.signature, 'another-secret')).toEqual({ kind: 'mismatch' });
  });

  it('normalise into exactly the statuses they carry, with the wamids and time given', () => {
    const b = bodyMaker('t', 50, SECRET, 1_790_000_000)();
    const result = normalizeWhatsApp(JSON.parse(b.body.toString()), opts);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.batch.statuses).toHaveLength(50);
    expect(result.batch.statuses.map((s) => s.wamid)).toEqual(b.rows.map((r) => r.wamid));
    // 1 790 000 000 s = 20 717 days (2026-09-21) + 51 200 s (14:13:20)
    expect(result.batch.statuses[0]).toMatchObject({ status: 'sent', ts: new Date('2026-09-21T14:13:20Z') });
  });

  it('never repeat a wamid across bodies of one maker, nor across run tags', () => {
    const make = bodyMaker('a', 3, SECRET, 1);
    const wamids = [make(), make(), make()].flatMap((b) => b.rows.map((r) => r.wamid));
    // 3 bodies × 3 statuses = 9 distinct ids, numbered 0…8
    expect(new Set(wamids).size).toBe(9);
    expect(wamids.at(-1)).toBe('wamid.bench.a.8');
    expect(statusRow('b', 0, 1).wamid).not.toBe(statusRow('a', 0, 1).wamid);
  });

  it('is the envelope Meta sends: one entry, one messages change, the statuses under value', () => {
    const parsed = JSON.parse(statusBodyJson([statusRow('x', 7, 5)]));
    expect(parsed.object).toBe('whatsapp_business_account');
    expect(parsed.entry[0].changes[0].field).toBe('messages');
    expect(parsed.entry[0].changes[0].value.statuses).toEqual([
      expect.objectContaining({ id: 'wamid.bench.x.7', status: 'sent', timestamp: '5', recipient_id: '971600000007' }),
    ]);
  });
});
