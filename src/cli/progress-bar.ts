/**
 * A one-line progress bar for long CLI work (seeding a benchmark, `wapulse reprocess`). On a
 * terminal it redraws in place at most every `intervalMs`; elsewhere (CI logs, pipes) it prints
 * a plain line at each tenth of the way, so logs stay short. Time is injected for tests.
 */
export type ProgressBar = { tick(done: number): void; finish(): void };

export type ProgressOptions = {
  label: string;
  total: number;
  write?: (s: string) => void;
  tty?: boolean;
  now?: () => number;
  intervalMs?: number;
  width?: number;
};

export function progressBar(opts: ProgressOptions): ProgressBar {
  const write = opts.write ?? ((s: string) => void process.stderr.write(s));
  const tty = opts.tty ?? process.stderr.isTTY === true;
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? 200;
  const width = opts.width ?? 30;
  const started = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let done = 0;

  const line = (): string => {
    const total = Math.max(opts.total, 1);
    const share = Math.min(done / total, 1);
    const filled = Math.round(share * width);
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${opts.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${opts.total} ${(share * 100).toFixed(0)}% ${seconds.toFixed(1)}s ${rate}/s`;
  };

  return {
    tick(n: number) {
      done = n;
      if (tty) {
        if (now() - lastDraw < interval) return;
        lastDraw = now();
        write(`\r${line()}`);
        return;
      }
      const tenth = Math.floor((Math.min(done, opts.total) / Math.max(opts.total, 1)) * 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        write(`${line()}\n`);
      }
    },
    finish() {
      done = Math.max(done, opts.total);
      write(tty ? `\r${line()}\n` : `${line()}\n`);
    },
  };
}
