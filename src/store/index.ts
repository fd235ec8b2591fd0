export { openStore, type DatabaseTarget, type Store } from './database.js';
export { isMigrated, listMigrations, migrate, MIGRATIONS_DIR, type MigrationResult } from './migrate.js';
export type * from './schema.js';
export { insertRawEvent, insertRawEvents, pruneRawEvents, type PruneResult, type RawEventInput } from './raw-events.js';
export { upsertChannels, type ChannelInput } from './channels-repo.js';
export { NO_CONTACTS, resolveContacts, SEEN_VIA_ORDER, type ContactIds, type ContactInput } from './contacts-repo.js';
export { applyAmendments, upsertInboxMessages, upsertMessages, type AmendmentInput, type InboxMessageInput, type MessageInput } from './messages-repo.js';
export { applyStatuses, type StatusInput } from './statuses-repo.js';
export { insertWebhookErrors, type WebhookErrorInput } from './webhook-errors-repo.js';
export {
  conversationEvents,
  insertComments,
  insertInboxEvents,
  markContactDeleted,
  setContactSource,
  upsertAgents,
  upsertSentMessages,
  type AgentInput,
  type CommentInput,
  type InboxEventRow,
  type SentMessageInput,
} from './inbox-repo.js';
export { refreshFirstReplies, replaceInboxCycles, type AssignmentRow, type InboxCycleRow } from './conversations-repo.js';
export {
  clearDirtyPairs,
  closeIdleDerived,
  derivationAnchor,
  dirtyPairCandidates,
  inboxChannels,
  markPairsDirty,
  pairMessages,
  replaceDerivedCycles,
  readDirtyPairs,
  type DerivedCycleRow,
  type ClaimedPair,
  type DirtyPair,
} from './derived-cycles-repo.js';
export { contactLockKeys, keyHash, lockKeys, LOCK_NAMESPACE, pairLockKey, type LockKind } from './key-locks.js';
export { classifyDbError, isUnavailable, retryConflicts, type DbErrorKind, type RetryOptions } from './db-errors.js';
export { getChartImage, insertChartImage, pruneChartImages, type ChartImage, type ChartImageInput } from './chart-images-repo.js';
export {
  createMonthsAhead,
  dropMonthsBefore,
  monthPartitions,
  monthStart,
  PARTITIONED_TABLES,
  type MonthPartition,
  type PartitionedTable,
} from './partitions.js';
export { pruneMessageHistory, type MessagePruneResult } from './message-retention.js';
export { rebuildCycleDurations, refreshCycleDurations, type CycleRefreshScope, type RebuildProgress } from './cycle-durations-repo.js';
export { rebuildContactDays, settleContactDays, settleContactDaysOnce } from './contact-days-repo.js';
export { compactDurationRollups, compactDurationRollupsOnce, rebuildDurationRollups } from './duration-rollups-repo.js';
export { compactMessageRollups, compactMessageRollupsOnce, rebuildMessageRollups, refreshInsideWindow } from './message-rollups-repo.js';
export { compactBusyHourRollups, compactBusyHourRollupsOnce, rebuildBusyHourRollups } from './busy-hour-rollups-repo.js';
export { compactCycleCountRollups, compactCycleCountRollupsOnce, rebuildCycleCountRollups } from './cycle-count-rollups-repo.js';
export { compactContactCountRollups, compactContactCountRollupsOnce, rebuildContactCountRollups } from './contact-count-rollups-repo.js';
export {
  advanceReprocessRun,
  analyzeRawEvents,
  insertReprocessRun,
  lockReprocessRun,
  markReprocessRun,
  openReprocessRun,
  rawBodiesAfter,
  rawEventsEnd,
  type RawPosition,
  type ReprocessRun,
  type RunProgress,
  type StoredRawBody,
} from './reprocess-runs-repo.js';
export { DERIVED_TABLES, emptyDerivedTables, prunedRawEvidence, type PrunedEvidence } from './derived-tables.js';
