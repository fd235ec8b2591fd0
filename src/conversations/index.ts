export { deriveCycles, type DerivationMessage, type DerivedCycle } from './derived-cycles.js';
export { buildInboxCycles, type AssignmentDraft, type CycleDraft, type CycleEvent } from './inbox-cycles.js';
export { cycleSightings, readInboxConversations, storeInboxConversations, type InboxRebuild } from './inbox-rebuild.js';
export { settleConversations, type SettleOptions, type SettleResult } from './settle.js';
