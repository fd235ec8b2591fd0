import type { Kysely } from 'kysely';
import { rebuildBusyHourRollups, rebuildContactCountRollups, rebuildContactDays, rebuildCycleCountRollups, rebuildCycleDurations, rebuildDurationRollups, rebuildMessageRollups, type Database } from '../store/index.js';

/** A table derived from the rebuilt ones, recomputed as a whole once the bodies are re-applied. */
export type AfterReprocessHook = { name: string; run: (db: Kysely<Database>) => Promise<unknown> };

/**
 * The rebuilders of tables derived from messages and conversations rather than from bodies,
 * run in this order after the replay and the settle step (so conversations are current). All
 * are also kept current as bodies are re-applied (triggers, settle); rebuilding them whole
 * afterwards makes the result independent of that upkeep. Each is idempotent (a resumed run
 * may call it again) and safe beside serve.
 */
export const afterReprocess: readonly AfterReprocessHook[] = [
  { name: 'cycle durations', run: (db) => rebuildCycleDurations(db) },
  // after the durations they count
  { name: 'duration rollups', run: rebuildDurationRollups },
  { name: 'message rollups', run: rebuildMessageRollups },
  { name: 'busy-hours rollups', run: rebuildBusyHourRollups },
  { name: 'conversation count rollups', run: rebuildCycleCountRollups },
  { name: 'contact count rollups', run: rebuildContactCountRollups },
  { name: 'contact days', run: rebuildContactDays },
];
