/**
 * A failure outside the program — a port taken, a database that refuses, a folder that does
 * not exist — already worded as one line that says what to fix. Printed without a stack,
 * exit code 1. `cause` keeps the original error for debugging (WAPULSE_DEBUG=1 prints it).
 */
export class OutsideFault extends Error {
  readonly code = 'OUTSIDE_FAULT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
