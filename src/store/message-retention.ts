import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { deleteInBatches, dropMonthsBefore } from './partitions.js';
import type { Database } from './schema.js';

export type MessagePruneResult = {
  /** message_statuses months dropped whole */
  partitions: string[];
  statuses: number;
  messages: number;
  conversations: number;
  webhookErrors: number;
};

/**
 * Deletes WhatsApp history older than `before` (MESSAGE_RETENTION_DAYS): statuses by their own
 * time (whole months dropped, the rest in batches), messages by counted_at, conversations
 * closed before it (their assignments go with them, ON DELETE CASCADE) and out-of-band webhook
 * errors by observed_at. Open conversations, and closed ones that end after `before`, stay
 * whole. Everything but the dropped months goes through ordinary DELETEs in batches of
 * `batch` rows, each its own short statement skipping rows another pruner holds: triggers and
 * cascades on these tables see every row leave, and a webhook about a row being deleted waits
 * one batch at most.
 */
export async function pruneMessageHistory(db: Kysely<Database>, before: Date, batch = 5_000): Promise<MessagePruneResult> {
  const at = sql`${before}::timestamptz`;
  const partitions = await dropMonthsBefore(db, 'message_statuses', before);
  const statuses = await deleteInBatches(db, batch, sql`
    DELETE FROM message_statuses WHERE (wamid, status, ts) IN (
      SELECT wamid, status, ts FROM message_statuses WHERE ts < ${at}
       ORDER BY ts LIMIT ${batch} FOR UPDATE SKIP LOCKED)`);
  // Two passes so each finds its rows through an index: messages_counted (live and echo
  // rows), messages_history_counted (history rows).
  let messages = 0;
  for (const which of [sql`origin <> 'history'`, sql`origin = 'history'`]) {
    messages += await deleteInBatches(db, batch, sql`
      DELETE FROM messages WHERE wamid IN (
        SELECT wamid FROM messages WHERE ${which} AND counted_at < ${at}
         ORDER BY counted_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)`);
  }
  const conversations = await deleteInBatches(db, batch, sql`
    DELETE FROM conversations WHERE id IN (
      SELECT id FROM conversations WHERE closed_at < ${at}
       ORDER BY closed_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)`);
  const webhookErrors = await deleteInBatches(db, batch, sql`
    DELETE FROM webhook_errors WHERE id IN (
      SELECT id FROM webhook_errors WHERE observed_at < ${at}
       ORDER BY observed_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)`);
  return { partitions, statuses, messages, conversations, webhookErrors };
}
