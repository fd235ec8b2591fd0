import type { z } from 'zod';
import { KEY_MAX, implausibleTime, isInt4 } from '../limits.js';
import { excerpt } from '../problems.js';
import type { ContactKey, MessageFact, Problem, StatusFact, WabaScoped, WhatsAppBatch } from './facts.js';
import { contactKey as key, emptyBatch } from './facts.js';
import {
  ChangeValue,
  ContactItem,
  Envelope,
  HistoryChunk,
  MessageItem,
  StatusItem,
  WhatsAppErrorItem,
} from './payload.js';
import { preview } from './preview.js';
import { statusFact } from './status-fact.js';

export type NormalizeResult =
  | { ok: true; batch: WhatsAppBatch }
  | { ok: false; problems: Problem[] };

export type NormalizeOptions = { receivedAt: Date; attributionPattern: RegExp };

/**
 * Turns a parsed WhatsApp webhook body into facts. Walks every entry × change × item;
 * routes on `change.field`; a malformed item becomes a Problem with its path while the
 * rest of the body is still used. A body that is not a WhatsApp envelope at all is `ok: false`.
 */
export function normalizeWhatsApp(body: unknown, opts: NormalizeOptions): NormalizeResult {
  const env = Envelope.safeParse(body);
  if (!env.success) return { ok: false, problems: zodProblems('', env.error) };
  const batch = emptyBatch();
  env.data.entry.forEach((entry, ei) =>
    entry.changes.forEach((change, ci) => {
      const path = `entry[${ei}].changes[${ci}].value`;
      switch (change.field) {
        case 'messages':
        case 'smb_message_echoes':
        case 'history': {
          const value = ChangeValue.safeParse(change.value);
          if (!value.success) {
            batch.problems.push(...zodProblems(path, value.error));
            return;
          }
          readChange(batch, change.field, value.data, path, wabaIdOf(batch, entry.id, `entry[${ei}].id`), opts);
          return;
        }
        default:
          batch.unmodelledFields.push(change.field);
      }
    }),
  );
  return { ok: true, batch };
}

function readChange(
  batch: WhatsAppBatch,
  field: 'messages' | 'smb_message_echoes' | 'history',
  value: ChangeValue,
  path: string,
  wabaId: string | undefined,
  opts: NormalizeOptions,
): void {
  const channel = value.metadata.phone_number_id;
  const display = value.metadata.display_phone_number;
  batch.channels.push({ phoneNumberId: channel, displayPhoneNumber: display, wabaId, at: opts.receivedAt, path: `${path}.metadata` });
  const profiles = contactProfiles(value.contacts ?? []);
  // every fact of this change belongs to the entry's WABA (an absent id stays absent)
  const waba = wabaId === undefined ? {} : { wabaId };
  // Every item schema has a timestamp: one outside the plausible range makes the item a problem.
  const parse = <S extends typeof MessageItem | typeof StatusItem>(schema: S, items: unknown[] | undefined, name: string) =>
    (items ?? []).flatMap((item, i) => {
      const r = schema.safeParse(item);
      const itemPath = `${path}.${name}[${i}]`;
      if (!r.success) {
        batch.problems.push(...zodProblems(itemPath, r.error));
        return [];
      }
      if (!plausible(batch, r.data.timestamp, `${itemPath}.timestamp`, opts.receivedAt)) return [];
      return [{ ...(r.data as z.infer<S>), path: itemPath }];
    });

  for (const m of parse(MessageItem, value.messages, 'messages')) {
    const contact = key(m.from_user_id, m.from);
    pushMessage(batch, m, { direction: 'inbound', origin: field === 'history' ? 'history' : 'live', channel, contact, ...waba });
    if (contact) batch.contacts.push({ ...contact, ...profiles.get(keyString(contact)), at: m.timestamp, via: 'inbound', ...waba });
  }
  for (const s of parse(StatusItem, value.statuses, 'statuses')) {
    const fact = { ...statusFact(s, channel, opts.attributionPattern), path: s.path, ...waba };
    checkErrorCode(batch, fact.error, `${s.path}.errors[0].code`);
    batch.statuses.push(fact);
    if (fact.contact) {
      batch.contacts.push({ ...fact.contact, ...profiles.get(keyString(fact.contact)), at: s.timestamp, via: 'outbound', ...waba });
    }
  }
  for (const m of parse(MessageItem, value.message_echoes, 'message_echoes')) {
    if (m.type === 'edit' || m.type === 'revoke') {
      const original = originalWamid(m);
      if (original && original.length <= KEY_MAX) batch.amendments.push({ originalWamid: original, kind: m.type, ts: m.timestamp, path: m.path });
      else if (original) batch.problems.push({ path: `${m.path}.${m.type}.original_message_id`, message: `must be at most ${KEY_MAX} characters` });
      continue;
    }
    const contact = key(undefined, m.to);
    pushMessage(batch, m, { direction: 'outbound', origin: 'echo', channel, contact, ...waba });
    if (contact) batch.contacts.push({ ...contact, at: m.timestamp, via: 'outbound', ...waba });
  }
  (value.errors ?? []).forEach((item, i) => {
    const errorPath = `${path}.errors[${i}]`;
    const e = WhatsAppErrorItem.safeParse(item);
    if (!e.success) {
      batch.problems.push(...zodProblems(errorPath, e.error));
      return;
    }
    const error = { code: e.data.code ?? null, title: e.data.title ?? e.data.message ?? null, details: e.data.error_data?.details ?? null };
    checkErrorCode(batch, error, `${errorPath}.code`);
    batch.errors.push({ phoneNumberId: channel, ...error, at: opts.receivedAt, path: errorPath, ...waba });
  });
  (value.history ?? []).forEach((chunk, hi) => readHistory(batch, chunk, `${path}.history[${hi}]`, { channel, display, ...waba }, opts.receivedAt));
}

// Onboarding backfill: stored so conversations have context, flagged `history`, never counted.
function readHistory(
  batch: WhatsAppBatch,
  chunk: unknown,
  path: string,
  { channel, display, ...waba }: { channel: string; display?: string } & WabaScoped,
  receivedAt: Date,
): void {
  const parsed = HistoryChunk.safeParse(chunk);
  if (!parsed.success) {
    batch.problems.push(...zodProblems(path, parsed.error));
    return;
  }
  parsed.data.threads.forEach((thread, ti) =>
    thread.messages.forEach((raw, mi) => {
      const m = MessageItem.safeParse(raw);
      const itemPath = `${path}.threads[${ti}].messages[${mi}]`;
      if (!m.success) {
        batch.problems.push(...zodProblems(itemPath, m.error));
        return;
      }
      if (!plausible(batch, m.data.timestamp, `${itemPath}.timestamp`, receivedAt)) return;
      const outbound = m.data.from !== undefined && m.data.from === display;
      const contact = key(undefined, thread.id);
      pushMessage(batch, { ...m.data, path: itemPath }, { direction: outbound ? 'outbound' : 'inbound', origin: 'history', channel, contact, ...waba });
      if (contact) batch.contacts.push({ ...contact, at: m.data.timestamp, via: outbound ? 'outbound' : 'inbound', ...waba });
    }),
  );
}

function pushMessage(
  batch: WhatsAppBatch,
  m: MessageItem & { path: string },
  where: Pick<MessageFact, 'direction' | 'origin' | 'contact' | 'wabaId'> & { channel: string },
): void {
  batch.messages.push({
    wamid: m.id,
    direction: where.direction,
    origin: where.origin,
    type: m.type,
    phoneNumberId: where.channel,
    contact: where.contact,
    ts: m.timestamp,
    preview: preview(m),
    replyToWamid: m.context?.id ?? null,
    path: m.path,
    ...(where.wabaId === undefined ? {} : { wabaId: where.wabaId }),
  });
}

/** False (and a problem) for a time no real event can have: the item is skipped. */
function plausible(batch: WhatsAppBatch, at: Date, path: string, receivedAt: Date): boolean {
  const why = implausibleTime(at, receivedAt);
  if (why) batch.problems.push({ path, message: why });
  return why === null;
}

/** Error codes are stored as int4; another number is named and the error kept without a code. */
function checkErrorCode(batch: WhatsAppBatch, error: StatusFact['error'], path: string): void {
  if (error?.code == null || isInt4(error.code)) return;
  batch.problems.push({ path, message: `error code ${excerpt(String(error.code))} is not a 32-bit integer; stored without a code` });
  error.code = null;
}

/** entry.id is the WABA id; an over-long one is named and left out, the entry is still read. */
function wabaIdOf(batch: WhatsAppBatch, id: string | undefined, path: string): string | undefined {
  if (id === undefined || id.length <= KEY_MAX) return id;
  batch.problems.push({ path, message: `must be at most ${KEY_MAX} characters` });
  return undefined;
}

function contactProfiles(items: unknown[]): Map<string, { name?: string; username?: string }> {
  const out = new Map<string, { name?: string; username?: string }>();
  for (const item of items) {
    const c = ContactItem.safeParse(item);
    if (!c.success) continue; // a profile is a nicety; the message itself still names the sender
    const profile = { name: c.data.profile?.name, username: c.data.profile?.username };
    if (c.data.user_id) out.set(`u:${c.data.user_id}`, profile);
    if (c.data.wa_id) out.set(`w:${c.data.wa_id}`, profile);
  }
  return out;
}

function originalWamid(m: MessageItem): string | undefined {
  const body = (m as Record<string, unknown>)[m.type] as { original_message_id?: unknown } | undefined;
  return typeof body?.original_message_id === 'string' ? body.original_message_id : undefined;
}

function keyString(k: ContactKey): string {
  return k.userId ? `u:${k.userId}` : `w:${k.waId}`;
}

function zodProblems(prefix: string, error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
      .filter(Boolean)
      .join('.')
      .replace(/\.\[/g, '['),
    message: i.message,
  }));
}
