import { describe, expect, it } from 'vitest';
import { normalizeWhatsApp } from '../../../../src/collector/whatsapp/normalize.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';

const opts = { receivedAt: new Date('2026-01-01T00:00:00Z'), attributionPattern: /(?:^|;)\s*agent=([^;]+)/ };
const fixture = (name: string) => JSON.parse(fixtureBytes(`whatsapp/${name}`).toString('utf8')) as unknown;

describe('normalizeWhatsApp', () => {
  it('reads both changes of a batched body, one per business number', () => {
    const r = normalizeWhatsApp(fixture('batched-two-numbers.json'), opts);
    if (!r.ok) throw new Error('expected ok');
    expect(r.batch.channels.map((c) => c.phoneNumberId)).toEqual(['106540352242922', '106540352242923']);
    expect(r.batch.statuses.map((s) => [s.status, s.phoneNumberId])).toEqual([
      ['read', '106540352242922'],
      ['delivered', '106540352242922'],
    ]);
    expect(r.batch.messages.map((m) => [m.type, m.direction, m.phoneNumberId])).toEqual([
      ['reaction', 'inbound', '106540352242923'],
      ['location', 'inbound', '106540352242923'],
    ]);
  });

  it('turns edit and revoke echoes into amendments of the original, not messages', () => {
    const r = normalizeWhatsApp(fixture('smb-echo-edit-and-revoke.json'), opts);
    if (!r.ok) throw new Error('expected ok');
    expect(r.batch.messages).toEqual([]);
    expect(r.batch.amendments.map((a) => a.kind)).toEqual(['edit', 'revoke']);
    expect(new Set(r.batch.amendments.map((a) => a.originalWamid))).toEqual(
      new Set(['wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA']),
    );
  });

  it('keeps unknown fields raw only', () => {
    const r = normalizeWhatsApp(fixture('unknown-field-user-preferences.json'), opts);
    if (!r.ok) throw new Error('expected ok');
    expect(r.batch.unmodelledFields).toEqual(['user_preferences']);
    expect(r.batch.messages.length + r.batch.statuses.length + r.batch.channels.length).toBe(0);
  });

  it('attributes by biz_opaque_callback_data with the configured pattern', () => {
    const r = normalizeWhatsApp(fixture('status-delivered-pricing.json'), opts);
    if (!r.ok) throw new Error('expected ok');
    expect(r.batch.statuses[0]?.agentId).toBe('ana');
    const custom = normalizeWhatsApp(fixture('status-delivered-pricing.json'), { ...opts, attributionPattern: /ticket=(\d+)/ });
    if (!custom.ok) throw new Error('expected ok');
    expect(custom.batch.statuses[0]?.agentId).toBe('48213');
  });

  it('refuses a body that is not a WhatsApp envelope', () => {
    expect(normalizeWhatsApp({ object: 'page', entry: [] }, opts).ok).toBe(false);
    expect(normalizeWhatsApp([1, 2], opts).ok).toBe(false);
  });
});
