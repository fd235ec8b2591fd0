import type { StoreFailure } from '../collector/index.js';
import type { AppContext } from './context.js';

/**
 * A body the database refused as a whole was stored item by item. 'bug' means a query or a
 * check of ours is wrong: error level, so someone fixes it. 'data' means input the checks
 * let through: a warning, with the raw_events id to look at.
 */
export function logFallback(app: AppContext, source: string, rawEventId: number | null, failure: StoreFailure): void {
  const fields = { source, rawEventId, err: failure.error };
  if (failure.kind === 'bug') app.log.error(fields, 'ingest failed unexpectedly; body kept raw and stored item by item');
  else app.log.warn(fields, 'database refused part of a body; stored item by item, the refused items named as problems');
}
