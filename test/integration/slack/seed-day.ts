import type { Kysely } from 'kysely';
import type { Database } from '../../../src/store/index.js';
import { seedAgent, seedAssignment, seedChannel, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';

/**
 * A hand-worked day for the Slack tests: Mon 2 Nov 2026 (UTC, REPORT_TZ=UTC), "now" Tue 3 Nov
 * 10:00. Ten contact-opened conversations, one per hour from 00:00, each answered and closed by
 * its agent; one broadcast that failed; and one contact waiting unassigned at "now".
 *
 * - ana (Ana Haddad, linked by slack_user_id U0ANA): hours 0–4, first response 60, 120, 180, 240,
 *   300 s; closed 600, 1200, 1800, 2400, 3000 s after the open; her replies delivered and read.
 * - omar (Omar Said, email omar@example.com → U0OMAR by users.lookupByEmail): hours 5–9, first
 *   response 300, 400, 500, 600, 700 s; closed 3000, 3100, 3200, 3300, 3400 s after the open;
 *   his replies delivered, never read.
 * - broadcast fail-1 at 12:00: failed with 131047, no other status.
 * - contact +971509876543 wrote at 09:45 on 3 Nov, conversation open and unassigned.
 */
export const DAY = '2026-11-02';
export const NOW = new Date('2026-11-03T10:00:00Z');
export const CH = '106540352242922';
export const CH_DISPLAY = '971045550100';
export const WAITING_WA_ID = '971509876543';

export async function seedSlackDay(db: Kysely<Database>): Promise<void> {
  await seedChannel(db, CH, CH_DISPLAY);
  await seedAgent(db, { id: 'ana', name: 'Ana Haddad', team: 'Support', slackUserId: 'U0ANA' });
  await seedAgent(db, { id: 'omar', name: 'Omar Said', team: 'Support' });
  await db.updateTable('agents').set({ email: 'omar@example.com' }).where('id', '=', 'omar').execute();
  const at = (hour: number, sec = 0) => new Date(Date.parse(`${DAY}T00:00:00Z`) + hour * 3_600_000 + sec * 1000).toISOString();
  const plan: [agent: string, frt: number, res: number][] = [
    ['ana', 60, 600], ['ana', 120, 1200], ['ana', 180, 1800], ['ana', 240, 2400], ['ana', 300, 3000],
    ['omar', 300, 3000], ['omar', 400, 3100], ['omar', 500, 3200], ['omar', 600, 3300], ['omar', 700, 3400],
  ];
  for (const [h, [agent, frt, res]] of plan.entries()) {
    const contactId = await seedContact(db, { waId: `97150000${String(h).padStart(4, '0')}`, createdAt: '2026-01-01T00:00:00Z' });
    const id = await seedConversation(db, {
      contactId, channel: CH, openedAt: at(h), closedAt: at(h, res), closedBy: 'agent', closerAgentId: agent, assigneeId: agent, assignedAt: at(h, 30),
    });
    await seedAssignment(db, { conversationId: id, to: agent, at: at(h, 30) });
    await seedMessage(db, { wamid: `in-${h}`, direction: 'inbound', contactId, channel: CH, ts: at(h) });
    await seedMessage(db, {
      wamid: `out-${h}`, direction: 'outbound', contactId, channel: CH, sentAt: at(h, frt), deliveredAt: at(h, frt + 5),
      readAt: agent === 'ana' ? at(h, frt + 10) : undefined, senderType: 'agent', agentId: agent,
    });
  }
  const bc = await seedContact(db, { waId: '971500009999', createdAt: '2026-01-01T00:00:00Z' });
  await seedMessage(db, { wamid: 'fail-1', direction: 'outbound', contactId: bc, channel: CH, failedAt: at(12), errorCode: 131047, errorTitle: 'Re-engagement message', senderType: 'broadcast' });
  const waiting = await seedContact(db, { waId: WAITING_WA_ID, name: 'Hessa', createdAt: '2026-11-03T09:45:00Z' });
  await seedConversation(db, { contactId: waiting, channel: CH, openedAt: '2026-11-03T09:45:00Z' });
  await seedMessage(db, { wamid: 'in-wait', direction: 'inbound', contactId: waiting, channel: CH, ts: '2026-11-03T09:45:00Z', preview: 'Is my order shipped?' });
}
