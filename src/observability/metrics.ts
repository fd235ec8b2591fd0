import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for operators (`GET /metrics`). One registry per app instance so
 * tests (and several apps in one process) never share counters.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wapulse_' });
  return {
    registry,
    slackErrors: new Counter({
      name: 'wapulse_slack_api_errors_total',
      help: 'Slack answers that failed, by kind: not_in_channel, auth, rate_limited, other',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    pulseAnswerSeconds: new Histogram({
      name: 'wapulse_pulse_answer_seconds',
      help: 'Time from a /pulse command acked to its answer delivered, by sub-command',
      labelNames: ['command'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
      registers: [registry],
    }),
    webhooksReceived: new Counter({
      name: 'wapulse_webhooks_received_total',
      help: 'Webhook bodies accepted (signature valid), by source',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    webhooksRejected: new Counter({
      name: 'wapulse_webhooks_rejected_total',
      help: 'Webhook bodies or events refused or stored as rejected, by source and reason',
      labelNames: ['source', 'reason'] as const,
      registers: [registry],
    }),
    webhooksDuplicate: new Counter({
      name: 'wapulse_webhooks_duplicate_total',
      help: 'Redelivered webhook bodies (already stored; no-op)',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    ingestSeconds: new Histogram({
      name: 'wapulse_ingest_seconds',
      help: 'Time from a webhook body read to its transaction committed',
      labelNames: ['source'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    ingestBatchBodies: new Histogram({
      name: 'wapulse_ingest_batch_bodies',
      help: 'Webhook bodies stored per transaction by the group commit, by source',
      labelNames: ['source'] as const,
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers: [registry],
    }),
    uploadsIncomplete: new Counter({
      name: 'wapulse_uploads_incomplete_total',
      help: 'Request bodies not received in full: timeout (answered 408) or aborted by the client',
      labelNames: ['source', 'reason'] as const,
      registers: [registry],
    }),
    spooled: new Counter({
      name: 'wapulse_spooled_total',
      help: 'Webhook bodies written to the disk spool while the database was unavailable, by source',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    spoolReplays: new Counter({
      name: 'wapulse_spool_replays_total',
      help: 'Spooled bodies replayed: stored, duplicate, refused (kept raw as rejected), deferred (database still unavailable), set_aside',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type AppMetrics = ReturnType<typeof createMetrics>;
