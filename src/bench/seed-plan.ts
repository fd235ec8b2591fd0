/**
 * The shape of seeded history, as plain numbers (pure; the SQL in seed-sql.ts follows it).
 *
 * Every message belongs to a derived conversation (one contact on one business number) of
 * t = 1 + (g mod 5) turns, g the conversation's 0-based number; a turn is the contact's message
 * and an agent's reply, so a conversation holds 2t messages alternating inbound/outbound and
 * five consecutive conversations hold 2·(1+2+3+4+5) = 30. The conversation count is a multiple
 * of five, so the messages are exactly 6 per conversation on average: inbound = outbound = 3·N.
 */
export type SeedPlan = {
  /** messages actually written: 6 × conversations (≤ the asked-for count, within 30) */
  messages: number;
  conversations: number;
  /** about one contact per 20 messages */
  contacts: number;
  /** days of history, ending at `end` */
  days: number;
  /** each contact's conversations fall one per slot of this many days, so two never overlap */
  slotDays: number;
  /** conversations per insert statement (one progress tick) */
  chunk: number;
};

export const SEED_TZ = 'Asia/Dubai';
export const CHANNELS = ['106540352242931', '106540352242932', '106540352242933'] as const;
export const TEAMS = ['care', 'sales', 'billing'] as const;
export const AGENT_COUNT = 20;
/** Meta's failure codes seen most in campaigns: re-engagement window, undeliverable, experiment. */
export const ERROR_CODES = [131047, 131026, 130472] as const;

export function seedPlan(messages: number, days = 90, chunk = 50_000): SeedPlan {
  const conversations = Math.max(5, 5 * Math.floor(messages / 30));
  const contacts = Math.max(1, Math.floor(messages / 20));
  const perContact = Math.ceil(conversations / contacts);
  // A conversation opens on one of the slot's first slotDays − 2 days and lasts under a day
  // (at most 5 turns 40 minutes apart), so the next one of the same contact starts ≥ 24 h after
  // it ended: the idle gap that closes a derived cycle.
  const slotDays = Math.floor(days / perContact);
  if (slotDays < 3) throw new Error(`seed: ${perContact} conversations per contact do not fit in ${days} days`);
  return { messages: conversations * 6, conversations, contacts, days, slotDays, chunk };
}

/** "100k", "1M", "10M": how a scale is named in database names and the table. */
export function scaleLabel(messages: number): string {
  if (messages >= 1e6 && messages % 1e6 === 0) return `${messages / 1e6}M`;
  if (messages >= 1e3 && messages % 1e3 === 0) return `${messages / 1e3}k`;
  return String(messages);
}
