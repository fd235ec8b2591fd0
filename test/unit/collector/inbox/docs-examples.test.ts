import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INBOX_EVENT_TYPES, parseInboxEvent } from '../../../../src/collector/inbox/index.js';

const DOC = readFileSync(new URL('../../../../docs/inbox-events.md', import.meta.url), 'utf8');

/** Every ```json block of the doc, parsed. */
const blocks = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
const examples = blocks.filter((b) => typeof b.type === 'string');

describe('docs/inbox-events.md examples', () => {
  it('shows one example of each event type, in the order of the types', () => {
    expect(examples.map((e) => e.type)).toEqual(INBOX_EVENT_TYPES);
  });

  it.each(examples.map((e) => [e.type, e] as const))('the %s example is a valid event', (_type, example) => {
    expect(parseInboxEvent(example)).toMatchObject({ ok: true });
  });

  it('the 400 example shows the messages the parser really gives', () => {
    type Rejected = { index: number; id: string; errors: { field: string; message: string }[] };
    const response = blocks.find((b) => 'rejected' in b) as { rejected: Rejected[] };
    const [opened, closed] = [examples[3], examples[5]];
    // events that go wrong the way the example says: closed_by missing, a zone-less time,
    // a contact without keys, an unknown type
    const { closed_by: _dropped, ...noClosedBy } = closed ?? {};
    const bad = [
      noClosedBy,
      { ...opened, id: 'e-77', at: '2025-11-24T09:00:00' },
      { ...opened, id: 'e-78', contact: { name: 'Layla' } },
      { id: 'e-79', type: 'ticket.created', at: '2025-11-24T09:00:00Z' },
    ];
    const actual = bad.map((event, i) => {
      const r = parseInboxEvent(event);
      return r.ok ? null : { index: i + 1, id: r.id, errors: r.errors };
    });
    expect(actual).toEqual(response.rejected);
  });
});
