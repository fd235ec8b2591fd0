export { afterReprocess, type AfterReprocessHook } from './after-reprocess.js';
export { reprocess, type ReprocessDeps, type ReprocessResult } from './run-reprocess.js';
export type { Refusal, ReprocessMode, StartOptions } from './start-run.js';
