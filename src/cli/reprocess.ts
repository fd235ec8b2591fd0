import type { Config } from '../config.js';
import { reprocess, type Refusal, type ReprocessResult } from '../reprocess/index.js';
import type { Store } from '../store/index.js';
import { parseCommandArgs } from './args.js';
import { openMigratedStore } from './open-store.js';
import { OutsideFault } from './outside-fault.js';
import { progressBar } from './progress-bar.js';
import { UsageError } from './usage-error.js';

export type ReprocessArgs = { rebuild: boolean; resume: boolean; restart: boolean; force: boolean; batch: number };

export function parseReprocessArgs(argv: string[]): ReprocessArgs {
  const { values } = parseCommandArgs(argv, {
    rebuild: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    restart: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    batch: { type: 'string', default: '500' },
  });
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new UsageError('--batch takes a whole number of bodies from 1 to 10000');
  if (values.resume && (values.rebuild || values.restart)) throw new UsageError('--resume continues the unfinished run as it was started: leave out --rebuild and --restart');
  if (values.force && !values.rebuild) throw new UsageError('--force only overrides the checks of --rebuild');
  return { rebuild: values.rebuild!, resume: values.resume!, restart: values.restart!, force: values.force!, batch };
}

/** `wapulse reprocess`: see COMMAND_USAGE.reprocess. Ctrl-C stops after the current batch. */
export async function reprocessCommand(config: Config, argv: string[]): Promise<void> {
  const args = parseReprocessArgs(argv);
  const store = await openMigratedStore(config);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const lines = await reprocessStore(store, config, args, { signal: stop.signal });
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    process.off('SIGINT', onSignal);
    await store.close();
  }
}

export type ReprocessIo = { signal?: AbortSignal; progress?: (s: string) => void; tty?: boolean; now?: () => Date };

/** Runs reprocess on an open store; returns the summary lines, or throws the refusal as a one-line fault. */
export async function reprocessStore(store: Store, config: Config, args: ReprocessArgs, io: ReprocessIo = {}): Promise<string[]> {
  const now = io.now ?? (() => new Date());
  const started = Date.now();
  let bar: ReturnType<typeof progressBar> | undefined;
  const result = await reprocess(
    store.db,
    { mode: args.rebuild ? 'rebuild' : 'apply', batchSize: args.batch, resume: args.resume, restart: args.restart, force: args.force, now },
    {
      reapply: { attributionPattern: config.whatsapp.attributionPattern, chatwootChannels: config.chatwoot.channels },
      idleMs: config.conversationIdleMs,
      now,
      signal: io.signal,
      onProgress: (done, total) => {
        bar ??= progressBar({ label: 'reprocess', total, write: io.progress, tty: io.tty });
        bar.tick(done);
      },
    },
  );
  if (result.kind === 'refused') throw new OutsideFault(refusalText(result.refusal));
  if (result.kind === 'finished') bar?.finish();
  return summary(result, (Date.now() - started) / 1000);
}

function summary(r: Exclude<ReprocessResult, { kind: 'refused' }>, seconds: number): string[] {
  const run = r.run;
  const applied = run.done - run.unreadable - run.failed;
  const lines = [
    `reprocess run ${run.id} (${run.mode === 'rebuild' ? 'rebuild' : 'apply over existing rows'}${r.resumed ? ', resumed' : ''}): ` +
      `${run.done}/${run.total} bodies in ${seconds.toFixed(1)} s: ${applied} applied, ` +
      `${run.unreadable} unreadable (rejected at ingest, nothing to apply), ${run.failed} failed`,
  ];
  const listed = run.failures as { rawEventId: number; reason: string }[];
  if (listed.length) {
    lines.push(`failed bodies (raw_events id: reason)${run.failed > listed.length ? `, the first ${listed.length} of ${run.failed}` : ''}:`);
    lines.push(...listed.map((f) => `  ${f.rawEventId}: ${f.reason}`));
  }
  if (r.kind === 'stopped') {
    lines.push('stopped before the end: run "wapulse reprocess --resume" to continue from the last committed batch');
  } else if (r.settle) {
    lines.push(`conversations settled: ${r.settle.pairs} contact × number pairs, ${r.settle.closedIdle} idle conversations closed`);
  }
  return lines;
}

const iso = (d: Date | null) => (d ? d.toISOString() : 'none');

function refusalText(r: Refusal): string {
  switch (r.kind) {
    case 'unfinished':
      return (
        `run ${r.run.id} (${r.run.mode}, started ${iso(r.run.started_at)}) is unfinished at ${r.run.done}/${r.run.total} bodies: ` +
        `"--resume" continues it, "--restart" abandons it and starts over`
      );
    case 'nothing_to_resume':
      return 'no unfinished run to resume';
    case 'pruned':
      return (
        `raw bodies before ${iso(r.oldestRawAt)} were pruned (RAW_RETENTION_DAYS) but derived rows from ${iso(r.oldestDerivedAt)} ` +
        `or from deleted bodies remain: --rebuild would lose them. Without --rebuild they are kept; --force rebuilds anyway`
      );
    case 'serve_active':
      return (
        `a webhook body was stored at ${iso(r.lastReceivedAt)}, so serve looks alive: stop it before --rebuild ` +
        `(reports would read half-empty tables meanwhile), or pass --force`
      );
    default: {
      const never: never = r;
      return never;
    }
  }
}
