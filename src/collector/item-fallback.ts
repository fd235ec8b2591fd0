import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import { classifyDbError, insertRawEvents, type Database, type RawEventInput } from '../store/index.js';
import { clip } from './limits.js';
import { boundProblems, type Problem } from './problems.js';
import { cleanText } from './safe-json.js';

/** One piece of a body that is written on its own when the body as a whole was refused. */
export type FallbackItem = { path: string; write: (tx: Kysely<Database>) => Promise<void> };

export type FallbackResult = {
  /** null: the same bytes were stored before (a redelivery), nothing was written. */
  rawEventId: number | null;
  /** The body's problems, the database's refusal and each item the database refused. */
  problems: Problem[];
  /** Only what the fallback added: the refusal and each refused item. */
  added: Problem[];
  /** Paths of the items that were not stored. */
  refused: Set<string>;
};

/** True for failures that storing item by item can get past: bad data, or a bug of ours. */
export function isItemFailure(err: unknown): boolean {
  const kind = classifyDbError(err);
  return kind === 'data' || kind === 'bug';
}

/**
 * The start both sources' fallbacks share: rethrows outages and conflicts (a retry, not item by
 * item, is what helps them); retries a group commit body by body through `one`, so one poison
 * body costs only itself. Null for a single body: the caller then stores it item by item.
 */
export async function bodyByBody<B, R>(bodies: readonly B[], failure: unknown, one: (body: B) => Promise<R[]>): Promise<R[] | null> {
  if (!isItemFailure(failure)) throw failure;
  if (bodies.length === 1) return null;
  const results: R[] = [];
  for (const b of bodies) results.push(...(await one(b)));
  return results;
}

/**
 * Defence in depth for a body the database refused as a whole ('data' or 'bug', see
 * store/db-errors.ts), after validation let it through. Stores the raw body first (outcome
 * `partial`, or `rejected` if it was already, with the refusal named), then each item in its
 * own savepoint, so the item the database refuses becomes a problem and every other one is
 * stored. One transaction: a 200 still means everything kept is durable. An 'unavailable' or
 * 'conflict' failure on the way propagates (the caller answers 503 or retries).
 */
export async function storeItemByItem(
  db: Kysely<Database>,
  raw: RawEventInput,
  items: (rawEventId: number) => FallbackItem[],
  failure: unknown,
): Promise<FallbackResult> {
  const added: Problem[] = [{ path: '', message: `the database refused the body as a whole (${describeDbError(failure)}); stored item by item` }];
  const problems = [...raw.problems, ...added];
  const outcome = raw.outcome === 'rejected' ? 'rejected' : 'partial';
  const refused = new Set<string>();
  const trx = await db.startTransaction().execute();
  try {
    const rawEventId = await insertRaw(trx, { ...raw, outcome, problems: boundProblems(problems) }, failure);
    if (rawEventId === null) {
      await trx.commit().execute();
      return { rawEventId, problems: [], added: [], refused };
    }
    for (const item of items(rawEventId)) {
      const sp = await trx.savepoint('item').execute();
      try {
        await item.write(sp);
        await sp.releaseSavepoint('item').execute();
      } catch (err) {
        if (!isItemFailure(err)) throw err;
        await sp.rollbackToSavepoint('item').execute();
        refused.add(item.path);
        const problem = { path: item.path, message: `not stored: the database refused it (${describeDbError(err)})` };
        problems.push(problem);
        added.push(problem);
      }
    }
    const bounded = boundProblems(problems);
    if (refused.size) {
      await sql`UPDATE raw_events SET problems = ${JSON.stringify(bounded)}::jsonb WHERE id = ${rawEventId}`.execute(trx);
    }
    await trx.commit().execute();
    return { rawEventId, problems: bounded, added, refused };
  } catch (err) {
    await trx.rollback().execute().catch(() => {});
    throw err;
  }
}

// The raw body in a savepoint of its own: if even its problems cannot be stored (a message
// quoting something the database refuses), it is stored with the refusal alone.
async function insertRaw(trx: ControlledTransaction<Database>, raw: RawEventInput, failure: unknown): Promise<number | null> {
  const sp = await trx.savepoint('raw').execute();
  try {
    const [id] = await insertRawEvents(sp, [raw]);
    await sp.releaseSavepoint('raw').execute();
    return id ?? null;
  } catch (err) {
    if (!isItemFailure(err)) throw err;
    await sp.rollbackToSavepoint('raw').execute();
    const bare = [{ path: '', message: `the database refused the body (${describeDbError(failure)}) and its problems (${describeDbError(err)})` }];
    const [id] = await insertRawEvents(trx, [{ ...raw, problems: bare }]);
    return id ?? null;
  }
}

/** SQLSTATE and the first line of the message, cut: enough to find the cause, little input echoed. */
export function describeDbError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : 'no SQLSTATE';
  const raw = typeof e?.message === 'string' ? e.message.split('\n')[0]! : String(err);
  const message = cleanText(raw)?.text ?? raw;
  return `${code}: ${message.length > 160 ? `${clip(message, 160)}…` : message}`;
}
