import { ingestChatwoot, ingestInbox } from '../collector/index.js';
import type { AppContext } from '../http/index.js';
import { replaySpool, type SpoolEntry } from '../spool/index.js';
import { isUnavailable } from '../store/index.js';

/**
 * Stores bodies spooled while the database was unavailable, oldest first, one at a time.
 * Cadence: every 2 s from `serve` once migrations are applied. Idempotent: a body already
 * stored is a duplicate by its sha256. Two replicas sharing DATA_DIR each claim files by
 * rename, so a body is replayed by one of them; a claim abandoned by a crash is returned
 * to the line after 5 minutes.
 */
export async function replaySpoolJob(app: AppContext, signal: AbortSignal): Promise<void> {
  const files = app.spool;
  if (!files || !app.state.migrated) return;
  const released = await files.recover();
  if (released) app.log.warn({ released }, 'spooled bodies claimed by a stopped replica returned to the line');
  await replaySpool(
    {
      files,
      ingest: (entry) => ingestSpooled(app, entry),
      isUnavailable,
      log: app.log,
      counted: (outcome) => app.metrics.spoolReplays.inc({ outcome }),
    },
    signal,
  );
}

async function ingestSpooled(app: AppContext, entry: SpoolEntry) {
  const result =
    entry.source === 'chatwoot'
      ? await ingestChatwoot(app.store.db, entry.body, entry.receivedAt, app.config.chatwoot.channels)
      : await ingestInbox(app.store.db, entry.body, entry.receivedAt);
  if (result.kind === 'refused') return 'refused' as const; // kept raw as rejected, as live
  return result.duplicate ? ('duplicate' as const) : ('stored' as const);
}
