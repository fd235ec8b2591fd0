import {
  createGroupCommit,
  storeEventBodies,
  storeWhatsAppBodies,
  type EventsIngestResult,
  type GroupCommit,
  type IngestResult,
  type PreparedBody,
  type PreparedEvents,
} from '../collector/index.js';
import type { AppContext } from './context.js';

/**
 * One group commit per webhook source: concurrent requests' bodies are stored in one
 * transaction, each request answered after its own batch committed. Bodies are parsed and
 * normalised by the route before they queue (`prepare…`), so a flush only writes.
 */
export type IngestQueues = {
  whatsapp: GroupCommit<PreparedBody, IngestResult>;
  inbox: GroupCommit<PreparedEvents, EventsIngestResult>;
  chatwoot: GroupCommit<PreparedEvents, EventsIngestResult>;
  /** Stores what is queued now and waits for every flush to end (shutdown, before the pool closes). */
  drain(): Promise<void>;
};

// Two flushes at once per source: one batch fills while the other commits. More would only
// add transactions contending for the same rows (and pool connections); one would leave the
// database idle while the next batch is handed over.
const FLUSHES_IN_FLIGHT = 2;

export function createIngestQueues(app: AppContext): IngestQueues {
  const { batchMax, batchWaitMs, queueMax } = app.config.ingest;
  const options = (source: string) => ({
    maxBatch: batchMax,
    maxWaitMs: batchWaitMs,
    maxInFlight: FLUSHES_IN_FLIGHT,
    maxQueue: queueMax,
    onBatch: (size: number) => app.metrics.ingestBatchBodies.observe({ source }, size),
  });
  const queues = {
    whatsapp: createGroupCommit<PreparedBody, IngestResult>({ ...options('whatsapp'), flush: (b) => storeWhatsAppBodies(app.store.db, b) }),
    inbox: createGroupCommit<PreparedEvents, EventsIngestResult>({ ...options('inbox'), flush: (b) => storeEventBodies(app.store.db, b) }),
    chatwoot: createGroupCommit<PreparedEvents, EventsIngestResult>({ ...options('chatwoot'), flush: (b) => storeEventBodies(app.store.db, b) }),
  };
  return {
    ...queues,
    drain: async () => {
      await Promise.all([queues.whatsapp.drain(), queues.inbox.drain(), queues.chatwoot.drain()]);
    },
  };
}
