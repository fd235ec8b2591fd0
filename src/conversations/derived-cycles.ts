/**
 * Conversations for channels without an inbox, derived from WhatsApp messages alone
 * (SPEC "Without an inbox"): an inbound message opens a cycle when none is open; any message
 * keeps it going; after `idleMs` without messages it closes `auto_close` at its last message.
 * Pure, so out-of-order arrival is handled by re-running it over the pair's messages.
 */

export type DerivationMessage = { at: Date; direction: 'inbound' | 'outbound' };

export type DerivedCycle = {
  openedAt: Date;
  lastMessageAt: Date;
  /** null while the idle gap has not yet elapsed at `now`. */
  closedAt: Date | null;
};

/** `messages` must be sorted by time. */
export function deriveCycles(messages: readonly DerivationMessage[], idleMs: number, now: Date): DerivedCycle[] {
  const cycles: DerivedCycle[] = [];
  let open: DerivedCycle | null = null;
  for (const m of messages) {
    if (open && m.at.getTime() - open.lastMessageAt.getTime() >= idleMs) {
      open.closedAt = open.lastMessageAt;
      open = null;
    }
    if (open) {
      open.lastMessageAt = m.at;
    } else if (m.direction === 'inbound') {
      open = { openedAt: m.at, lastMessageAt: m.at, closedAt: null };
      cycles.push(open);
    }
    // an outbound message with nothing open (a broadcast, a template) opens nothing
  }
  if (open && now.getTime() - open.lastMessageAt.getTime() >= idleMs) open.closedAt = open.lastMessageAt;
  return cycles;
}
