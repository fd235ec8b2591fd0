export { deriveCycles, type DerivationMessage, type DerivedCycle } from './derived-cycles.js';
export { buildInboxCycles, type AssignmentDraft, type CycleDraft, type CycleEvent } from './inbox-cycles.js';
export { recomputeInboxConversation, settleConversations, type SettleResult } from './recompute.js';
