import { mapChatwootWebhook } from './chatwoot/index.js';
import { screenChatwootEvents } from './chatwoot-screen.js';
import { prepareSafely, unreadable, type Prepared } from './events-prepared.js';
import { parseInboxBatch } from './inbox/index.js';
import { clip } from './limits.js';
import { parseSafeJson } from './safe-json.js';

/**
 * Reading a team-inbox or Chatwoot body into the events, statuses and incoming messages to
 * store: shared by live ingest (events-ingest.ts) and `wapulse reprocess`, which re-reads stored
 * bodies, so a fix here reaches history the same way it reaches new traffic.
 */
export function readInboxBody(raw: Buffer, receivedAt: Date): Prepared {
  return prepareSafely(raw, receivedAt, (): Prepared => {
    const json = parseSafeJson(raw);
    if (!json.ok) return { raw, receivedAt, error: unreadable(json) };
    const parsed = parseInboxBatch(json.value, receivedAt);
    return parsed.ok
      ? { raw, receivedAt, events: parsed.accepted, statuses: [], inbound: [], rejected: parsed.rejected, problems: json.problems }
      : { raw, receivedAt, error: parsed.error };
  });
}

/**
 * A Chatwoot body; `channels` maps Chatwoot inbox keys (`chatwoot-inbox:<id>`) to WhatsApp
 * phone_number_ids. `ignored`: why Chatwoot's event was not mapped, when it was not.
 */
export function readChatwootBody(raw: Buffer, receivedAt: Date, channels: ReadonlyMap<string, string>): { prepared: Prepared; ignored?: string } {
  let ignored: string | undefined;
  const prepared = prepareSafely(raw, receivedAt, (): Prepared => {
    const json = parseSafeJson(raw);
    const mapped = json.ok ? mapChatwootWebhook(json.value, { receivedAt }) : { ok: false as const, error: unreadable(json) };
    if (!mapped.ok) return { raw, receivedAt, error: mapped.error };
    // reasons quote payload fields (a channel name, an id): bounded like problems
    ignored = mapped.ignored === undefined ? undefined : clip(mapped.ignored, 2000);
    const events = mapped.events.map((e) =>
      e.type === 'conversation.opened' ? { ...e, phone_number_id: channels.get(e.phone_number_id) ?? e.phone_number_id } : e,
    );
    const inbound = mapped.inbound.map((m) => ({ ...m, phoneNumberId: channels.get(m.phoneNumberId) ?? m.phoneNumberId }));
    const screened = screenChatwootEvents(events, mapped.statusUpdates, inbound, receivedAt);
    const problems = [...(json.ok ? json.problems : []), ...screened.problems];
    return { raw, receivedAt, events: screened.events, statuses: screened.statuses, inbound: screened.inbound, rejected: [], problems };
  });
  return ignored === undefined ? { prepared } : { prepared, ignored };
}
