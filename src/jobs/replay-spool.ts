import { ingestChatwoot, ingestInbox } from '../collector/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { AppMetrics } from '../observability/metrics.js';
import { replaySpool, type SpoolEntry, type SpoolFiles } from '../spool/index.js';
import { isUnavailable, type Store } from '../store/index.js';

export type ReplaySpoolDeps = {
  spool?: SpoolFiles;
  store: Store;
  config: Pick<Config, 'chatwoot'>;
  state: { migrated: boolean };
  log: Logger;
  metrics: AppMetrics;
};

/**
 * Stores bodies spooled while the database was unavailable, oldest first, one at a time.
 * Cadence: every 2 s from `serve` once migrations are applied. Idempotent: a body already
 * stored is a duplicate by its sha256. Two replicas sharing DATA_DIR each claim files by
 * rename, so a body is replayed by one of them; a claim abandoned by a crash is returned
 * to the line after 5 minutes.
 */
export async function replaySpoolJob(deps: ReplaySpoolDeps, signal: AbortSignal): Promise<void> {
  const files = deps.spool;
  if (!files || !deps.state.migrated) return;
  const released = await files.recover();
  if (released) deps.log.warn({ released }, 'spooled bodies claimed by a stopped replica returned to the line');
  await replaySpool(
    {
      files,
      ingest: (entry) => ingestSpooled(deps, entry),
      isUnavailable,
      log: deps.log,
      counted: (outcome) => deps.metrics.spoolReplays.inc({ outcome }),
    },
    signal,
  );
}

async function ingestSpooled(deps: ReplaySpoolDeps, entry: SpoolEntry) {
  const result =
    entry.source === 'chatwoot'
      ? await ingestChatwoot(deps.store.db, entry.body, entry.receivedAt, deps.config.chatwoot.channels)
      : await ingestInbox(deps.store.db, entry.body, entry.receivedAt);
  if (result.kind === 'refused') return 'refused' as const; // kept raw as rejected, as live
  return result.duplicate ? ('duplicate' as const) : ('stored' as const);
}
