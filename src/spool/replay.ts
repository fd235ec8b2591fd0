import type { Logger } from '../log.js';
import type { SpoolEntry, SpoolFiles } from './spool-files.js';

/** What storing a spooled body came to; all three mean "committed, or never storable". */
export type ReplayOutcome = 'stored' | 'duplicate' | 'refused';

export type ReplayDeps = {
  files: SpoolFiles;
  /** Stores one body as if it had just arrived, in one transaction. */
  ingest(entry: SpoolEntry): Promise<ReplayOutcome>;
  /** True when the error means "database unavailable; later will work" (classifyDbError). */
  isUnavailable(err: unknown): boolean;
  log: Logger;
  counted(outcome: ReplayOutcome | 'set_aside' | 'deferred'): void;
};

export type ReplayPass = { replayed: number; deferred: boolean };

/**
 * One replay pass: waiting bodies oldest first, one at a time, each claimed by rename (so a
 * second replica on the same DATA_DIR skips it) and deleted only after its transaction
 * committed. A crash anywhere before the delete leaves the file to be replayed again, which
 * is harmless: ingest is idempotent by the body's sha256. The pass stops at the first body
 * that meets an unavailable database (it goes back in line), or when `signal` aborts.
 */
export async function replaySpool(deps: ReplayDeps, signal?: AbortSignal): Promise<ReplayPass> {
  const { files, log } = deps;
  let replayed = 0;
  for (const name of await files.waiting()) {
    if (signal?.aborted) break;
    const claimed = await files.claim(name);
    if (!claimed) continue; // another replica has it
    let entry: SpoolEntry;
    try {
      entry = await files.read(claimed);
    } catch (err) {
      log.error({ err, file: name }, 'unreadable spool file set aside');
      await files.setAside(claimed);
      deps.counted('set_aside');
      continue;
    }
    let outcome: ReplayOutcome;
    try {
      outcome = await deps.ingest(entry);
    } catch (err) {
      if (deps.isUnavailable(err)) {
        await files.release(claimed);
        deps.counted('deferred');
        return { replayed, deferred: true };
      }
      log.error({ err, file: name, source: entry.source }, 'spooled body could not be stored; set aside in spool/failed');
      await files.setAside(claimed);
      deps.counted('set_aside');
      continue;
    }
    await files.remove(claimed);
    deps.counted(outcome);
    replayed++;
  }
  if (replayed) log.info({ replayed }, 'spooled webhook bodies stored');
  return { replayed, deferred: false };
}
