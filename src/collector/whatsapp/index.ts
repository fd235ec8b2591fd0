export { ingestWhatsApp, ingestWhatsAppBodies, writeWhatsAppBatch, type IncomingBody, type IngestOptions, type IngestResult } from './ingest.js';
export type { StoreFailure } from './fallback.js';
export { normalizeWhatsApp, type NormalizeResult } from './normalize.js';
export type * from './facts.js';
