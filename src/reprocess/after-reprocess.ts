import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';

/** A table derived from the rebuilt ones, recomputed as a whole once the bodies are re-applied. */
export type AfterReprocessHook = { name: string; run: (db: Kysely<Database>) => Promise<unknown> };

/**
 * LEAD: the rebuilders of tables derived from messages and conversations rather than from
 * bodies, run in this order after the replay and the settle step (so conversations are
 * current). Each must be idempotent (a resumed run may call it again) and safe beside serve.
 * To fill in as the branches land:
 *   { name: 'cycle durations', run: rebuildCycleDurations },   // src/conversations (wt/cycles)
 *   { name: 'message rollups', run: rebuildMessageRollups },   // src/store (wt/rollups)
 * and list their tables in DERIVED_TABLES (src/store/derived-tables.ts) for --rebuild.
 */
export const afterReprocess: readonly AfterReprocessHook[] = [];
