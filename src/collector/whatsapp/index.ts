export {
  ingestWhatsApp,
  ingestWhatsAppBodies,
  prepareWhatsAppBody,
  storeWhatsAppBodies,
  writeWhatsAppBatch,
  type IncomingBody,
  type IngestOptions,
  type IngestResult,
  type PreparedBody,
} from './ingest.js';
export type { StoreFailure } from './fallback.js';
export { normalizeWhatsApp, type NormalizeResult } from './normalize.js';
export type * from './facts.js';
