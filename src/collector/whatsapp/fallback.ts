import type { Kysely } from 'kysely';
import { classifyDbError, type Database } from '../../store/index.js';
import { bodyByBody, storeItemByItem, type FallbackItem } from '../item-fallback.js';
import { emptyBatch, type ContactKey, type ContactSighting } from './facts.js';
import { withRawId, type IncomingBody, type IngestResult, type Prepared, type StoredBatch } from './ingest.js';

/** Why a body went through the fallback: logged at error level for 'bug'. */
export type StoreFailure = { kind: 'data' | 'bug'; error: unknown };

type Deps<B extends IncomingBody = IncomingBody> = {
  /** The normal path for a single body (a group commit is retried body by body first). */
  one: (body: B) => Promise<IngestResult[]>;
  /** The body's facts; may throw (a bug in reading it), and the body is then kept raw. */
  prepare: (body: B) => Prepared;
  signatureOk: boolean | null;
  write: (tx: Kysely<Database>, batch: StoredBatch) => Promise<void>;
};

/**
 * The WhatsApp side of storeItemByItem: rethrows outages and conflicts; for a group commit,
 * retries each body on its own so one poison body does not slow the others down; for a
 * single body, writes its facts one by one.
 */
export async function whatsappFallback<B extends IncomingBody>(
  db: Kysely<Database>,
  bodies: readonly B[],
  failure: unknown,
  deps: Deps<B>,
): Promise<IngestResult[]> {
  const split = await bodyByBody(bodies, failure, deps.one);
  if (split) return split;
  const body = bodies[0]!;
  const kind = classifyDbError(failure) as StoreFailure['kind'];
  let prepared: Prepared;
  try {
    prepared = deps.prepare(body);
  } catch (err) {
    // the bug is in reading the body: keep it raw, nothing else can be trusted
    prepared = {
      raw: { source: 'whatsapp', receivedAt: body.receivedAt, body: body.raw, signatureOk: deps.signatureOk, outcome: 'rejected', problems: [] },
      batch: null,
      reason: 'not_whatsapp',
    };
    failure = err;
  }
  const batch = prepared.batch;
  const r = await storeItemByItem(db, prepared.raw, (id) => (batch ? whatsappItems(withRawId(batch, id), deps.write) : []), failure);
  if (r.rawEventId === null && batch) return [{ kind: 'duplicate' }];
  const fallback = { kind, error: failure };
  if (!batch) return [{ kind: 'rejected', rawEventId: r.rawEventId, reason: prepared.reason ?? 'not_whatsapp', problems: r.problems, fallback }];
  return [{ kind: 'stored', rawEventId: r.rawEventId!, outcome: 'partial', problems: r.problems, unmodelledFields: batch.unmodelledFields, fallback }];
}

/**
 * A batch cut into items that can be written alone: each channel, message, status, amendment
 * and out-of-band error, with the contact sightings of its own contact (so contact ids resolve).
 */
export function whatsappItems(batch: StoredBatch, write: Deps['write']): FallbackItem[] {
  const sightings = new Map<string, ContactSighting[]>();
  for (const c of batch.contacts) {
    const k = keyOf(c);
    sightings.set(k, [...(sightings.get(k) ?? []), c]);
  }
  const contactsOf = (k: ContactKey | null) => (k ? (sightings.get(keyOf(k)) ?? []) : []);
  const item = (path: string | undefined, part: Partial<StoredBatch>): FallbackItem => ({
    path: path ?? '(item)',
    write: (tx) => write(tx, { ...(emptyBatch() as StoredBatch), ...part }),
  });
  return [
    ...batch.channels.map((c) => item(c.path, { channels: [c] })),
    ...batch.messages.map((m) => item(m.path, { messages: [m], contacts: contactsOf(m.contact) })),
    ...batch.statuses.map((s) => item(s.path, { statuses: [s], contacts: contactsOf(s.contact) })),
    ...batch.amendments.map((a) => item(a.path, { amendments: [a] })),
    ...batch.errors.map((e) => item(e.path, { errors: [e] })),
  ];
}

function keyOf(k: ContactKey): string {
  return `${k.userId ?? ''}|${k.waId ?? ''}`;
}
