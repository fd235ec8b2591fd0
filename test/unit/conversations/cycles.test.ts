import { describe, expect, it } from 'vitest';
import { buildInboxCycles, deriveCycles, type CycleEvent } from '../../../src/conversations/index.js';

const at = (hhmm: string) => new Date(`2026-11-02T${hhmm}:00Z`);
const open = (id: string, hhmm: string): CycleEvent => ({ id, at: at(hhmm), type: 'conversation.opened', contact: { wa_id: '1' }, phone_number_id: 'p', opened_by: 'contact' });
const assign = (id: string, hhmm: string, agent: string | null): CycleEvent => ({ id, at: at(hhmm), type: 'conversation.assigned', agent_id: agent });
const close = (id: string, hhmm: string): CycleEvent => ({ id, at: at(hhmm), type: 'conversation.closed', closed_by: 'agent', agent_id: 'a' });

describe('buildInboxCycles', () => {
  it('ignores an open while open, and a close with nothing open', () => {
    const { cycles } = buildInboxCycles([open('o1', '09:00'), open('o2', '09:10'), close('c1', '09:20'), close('c2', '09:30')]);
    expect(cycles.map((c) => [c.openedAt.toISOString().slice(11, 16), c.closedAt?.toISOString().slice(11, 16)])).toEqual([['09:00', '09:20']]);
  });

  it('starts a new cycle on reopen and gives a raced-ahead assignment to the next open', () => {
    const { cycles, assignments } = buildInboxCycles([
      close('c1', '09:20'), open('o1', '09:00'), assign('a0', '09:40', 'ana'), open('o2', '10:00'),
    ]);
    expect(cycles.map((c) => [c.cycle, c.assigneeId])).toEqual([[1, null], [2, 'ana']]);
    expect(assignments).toEqual([{ cycle: 2, fromAgentId: null, toAgentId: 'ana', at: at('09:40'), by: null, eventId: 'a0' }]);
  });

  it('records unassignment (null) and skips a repeated same assignee', () => {
    const { cycles, assignments } = buildInboxCycles([open('o', '09:00'), assign('a1', '09:01', 'ana'), assign('a2', '09:02', 'ana'), assign('a3', '09:03', null)]);
    expect(assignments.map((a) => [a.fromAgentId, a.toAgentId])).toEqual([[null, 'ana'], ['ana', null]]);
    expect(cycles[0]).toMatchObject({ assigneeId: null, assignedAt: null });
  });

  // An open inferred from a message (Chatwoot: at the conversation's created_at, id 'zz…' here
  // so that the id tie-break alone would pick it first — the rule must not depend on ids).
  const inferredOpen = (id: string, hhmm: string): CycleEvent => ({ ...open(id, hhmm), opened_by: 'agent', agent_id: 'omar', inferred: true } as CycleEvent);

  it('a reported open at the same time wins over an inferred one, in either order', () => {
    for (const events of [[inferredOpen('a-inferred', '09:00'), open('z-real', '09:00')], [open('z-real', '09:00'), inferredOpen('a-inferred', '09:00')]]) {
      const { cycles } = buildInboxCycles(events);
      expect(cycles.map((c) => [c.cycle, c.openedBy, c.openerAgentId])).toEqual([[1, 'contact', null]]);
    }
  });

  it('an inferred open alone opens; a reported one earlier wins; it never opens a second cycle after a close', () => {
    expect(buildInboxCycles([inferredOpen('i', '09:00')]).cycles.map((c) => c.openedBy)).toEqual(['agent']);
    expect(buildInboxCycles([inferredOpen('i', '09:00'), open('r', '08:59')]).cycles.map((c) => [c.openedAt.toISOString().slice(11, 16), c.openedBy])).toEqual([['08:59', 'contact']]);
    // resolved at 09:30, reopened (reported) at 10:00: the inferred open at 09:00 belongs to cycle 1
    const { cycles } = buildInboxCycles([close('c', '09:30'), open('reopen', '10:00'), inferredOpen('i', '09:00')]);
    expect(cycles.map((c) => [c.cycle, c.openedAt.toISOString().slice(11, 16), c.closedAt?.toISOString().slice(11, 16) ?? null])).toEqual([
      [1, '09:00', '09:30'],
      [2, '10:00', null],
    ]);
  });
});

describe('deriveCycles', () => {
  const H = 3_600_000;
  const m = (h: number, direction: 'inbound' | 'outbound' = 'inbound') => ({ at: new Date(h * H), direction });
  it('splits at a gap of exactly the idle time (the gap is not "less than")', () => {
    const cycles = deriveCycles([m(0), m(24)], 24 * H, new Date(100 * H));
    expect(cycles.map((c) => [c.openedAt.getTime() / H, c.closedAt!.getTime() / H])).toEqual([[0, 0], [24, 24]]);
  });
  it('keeps a cycle open until the idle time has passed at now', () => {
    expect(deriveCycles([m(0), m(1, 'outbound')], 24 * H, new Date(24.5 * H))[0]!.closedAt).toBeNull();
    expect(deriveCycles([m(0), m(1, 'outbound')], 24 * H, new Date(25 * H))[0]!.closedAt).toEqual(new Date(1 * H));
  });
});
