import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets the event loop run once after ack(), so the acknowledgement leaves the process before the
 * report starts. With the embedded database (PGlite runs SQL as WebAssembly on this thread) the
 * report would otherwise hold the loop, and the already-written 200 could sit unflushed behind it.
 */
export async function afterAck(): Promise<void> {
  await nextTurn();
}
