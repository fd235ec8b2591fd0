/**
 * At most one log line per `everyMs` for a recurring condition: `hit` calls `emit` with how
 * many times the condition happened since the last line (this time included), or does nothing
 * inside the quiet period. No timer, so nothing to stop; a burst's tail is reported with the
 * next occurrence.
 */
export function throttle(everyMs: number, clock: () => number = Date.now) {
  let last = -Infinity;
  let count = 0;
  return (emit: (count: number) => void): void => {
    count++;
    const t = clock();
    if (t - last < everyMs) return;
    last = t;
    const n = count;
    count = 0;
    emit(n);
  };
}
