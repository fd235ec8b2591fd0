/**
 * Builds the open→close cycles of one inbox conversation from its events — a pure fold, so
 * the same set of events gives the same cycles whatever order they arrived in. Events are
 * replayed by their own time (`at`), ties broken by kind (open, then assign, then close), a reported
 * open before an inferred one, and id.
 */

export type ContactRef = { wa_id?: string | null; user_id?: string | null };

export type CycleEvent =
  | { id: string; at: Date; type: 'conversation.opened'; contact: ContactRef; phone_number_id: string; opened_by: OpenedBy; agent_id?: string | null; inferred?: boolean | null }
  | { id: string; at: Date; type: 'conversation.assigned'; agent_id: string | null; by?: string | null }
  | { id: string; at: Date; type: 'conversation.closed'; closed_by: ClosedBy; agent_id?: string | null; category?: string | null; note?: string | null };

export type OpenedBy = 'contact' | 'agent' | 'automation' | 'api';
export type ClosedBy = 'agent' | 'automation' | 'auto_close' | 'api';

export type CycleDraft = {
  cycle: number;
  contact: ContactRef;
  phoneNumberId: string;
  openedAt: Date;
  openedBy: OpenedBy;
  openerAgentId: string | null;
  closedAt: Date | null;
  closedBy: ClosedBy | null;
  closerAgentId: string | null;
  category: string | null;
  note: string | null;
  assigneeId: string | null;
  assignedAt: Date | null;
};

export type AssignmentDraft = {
  cycle: number;
  fromAgentId: string | null;
  toAgentId: string | null;
  at: Date;
  by: string | null;
  eventId: string;
};

const RANK: Record<CycleEvent['type'], number> = {
  'conversation.opened': 0,
  'conversation.assigned': 1,
  'conversation.closed': 2,
};

/** 1 for an open the sender inferred (say, from a message) rather than saw: it sorts after a reported one. */
const inferred = (e: CycleEvent): number => (e.type === 'conversation.opened' && e.inferred ? 1 : 0);

export function byReplayOrder(a: CycleEvent, b: CycleEvent): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    RANK[a.type] - RANK[b.type] ||
    inferred(a) - inferred(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Replays one conversation's events into cycles and assignment history.
 * - `opened` starts a cycle unless one is open (then it changes nothing); after a close it is a reopen.
 *   An inferred open (`inferred: true`) is the same, but replays after a reported open at the same
 *   time, so the reported one's fields win; a reported open earlier wins anyway (it opened first).
 * - `assigned` with no open cycle waits for the next open (an assignment that raced ahead of it).
 * - `closed` with no open cycle changes nothing (a duplicate close, or one whose open is still missing).
 */
export function buildInboxCycles(events: readonly CycleEvent[]): { cycles: CycleDraft[]; assignments: AssignmentDraft[] } {
  const cycles: CycleDraft[] = [];
  const assignments: AssignmentDraft[] = [];
  const pending: Extract<CycleEvent, { type: 'conversation.assigned' }>[] = [];
  let open: CycleDraft | null = null;

  const assign = (c: CycleDraft, e: Extract<CycleEvent, { type: 'conversation.assigned' }>) => {
    if (c.assigneeId === e.agent_id) return; // re-announcing the same assignee is not a new assignment
    assignments.push({ cycle: c.cycle, fromAgentId: c.assigneeId, toAgentId: e.agent_id, at: e.at, by: e.by ?? null, eventId: e.id });
    c.assigneeId = e.agent_id;
    c.assignedAt = e.agent_id ? e.at : null;
  };

  for (const e of [...events].sort(byReplayOrder)) {
    switch (e.type) {
      case 'conversation.opened':
        if (open) break;
        open = {
          cycle: cycles.length + 1,
          contact: e.contact,
          phoneNumberId: e.phone_number_id,
          openedAt: e.at,
          openedBy: e.opened_by,
          openerAgentId: e.agent_id ?? null,
          closedAt: null,
          closedBy: null,
          closerAgentId: null,
          category: null,
          note: null,
          assigneeId: null,
          assignedAt: null,
        };
        cycles.push(open);
        for (const p of pending.splice(0)) assign(open, p);
        break;
      case 'conversation.assigned':
        if (open) assign(open, e);
        else pending.push(e);
        break;
      case 'conversation.closed':
        if (!open) break;
        open.closedAt = e.at;
        open.closedBy = e.closed_by;
        open.closerAgentId = e.agent_id ?? null;
        open.category = e.category ?? null;
        open.note = e.note ?? null;
        open = null;
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown cycle event ${JSON.stringify(never)}`);
      }
    }
  }
  return { cycles, assignments };
}
