/**
 * Chatwoot's ids are small integers local to one installation, so every id that leaves this
 * module is namespaced: they can never collide with ids another inbox sends.
 */

/** Agent (Chatwoot User) id as wapulse stores it. */
export const agentId = (userId: string): string => `chatwoot:${userId}`;

/** Conversation id: Chatwoot's display_id, which the payloads carry as `id`. */
export const conversationId = (displayId: string): string => `chatwoot:${displayId}`;

/**
 * Chatwoot's payloads never carry the WhatsApp phone_number_id (Inbox#webhook_data is only
 * { id, name }), so the inbox stands in for the business number.
 */
export const channelKey = (inboxId: string): string => `chatwoot-inbox:${inboxId}`;

/** A deterministic event id: the same Chatwoot body always yields the same ids. */
export const eventId = (...parts: readonly string[]): string => ['chatwoot', ...parts].join(':');
