export { ingestWhatsApp, ingestWhatsAppBodies, writeWhatsAppBatch, type IncomingBody, type IngestOptions, type IngestResult } from './ingest.js';
export { normalizeWhatsApp, type NormalizeResult } from './normalize.js';
export type * from './facts.js';
