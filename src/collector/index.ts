export { signBody, verifySignature, type SignatureCheck } from './signature.js';
export * from './whatsapp/index.js';
export {
  ingestChatwoot,
  ingestInbox,
  ingestInboxBodies,
  prepareChatwootBody,
  prepareInboxBody,
  storeEventBodies,
  type EventsIngestResult,
  type PreparedEvents,
} from './events-ingest.js';
export { createGroupCommit, type GroupCommit, type GroupCommitOptions, type Submitted } from './group-commit.js';
export { applyInboxEvents } from './inbox-apply.js';
export { describeDbError } from './item-fallback.js';
export { reapplyBodies, type ReapplyOptions, type ReapplyOutcome, type StoredBody } from './reapply.js';
