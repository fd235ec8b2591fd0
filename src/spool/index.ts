export { SpoolFiles, type PutResult, type SpoolEntry, type SpoolSource } from './spool-files.js';
export { replaySpool, type ReplayDeps, type ReplayOutcome, type ReplayPass } from './replay.js';
