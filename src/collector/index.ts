export { signBody, verifySignature, type SignatureCheck } from './signature.js';
export * from './whatsapp/index.js';
export { ingestChatwoot, ingestInbox, ingestInboxBodies, type EventsIngestResult } from './events-ingest.js';
export { applyInboxEvents } from './inbox-apply.js';
export { describeDbError } from './item-fallback.js';
export { reapplyBodies, type ReapplyOptions, type ReapplyOutcome, type StoredBody } from './reapply.js';
