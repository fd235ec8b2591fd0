import pg from 'pg';

/**
 * A `pg.Client` that never takes the process down and never stays wedged:
 *
 * - node-postgres emits 'error' on a client whose connection dies while it is checked out of
 *   the pool (inside a transaction, between two queries). The pool only listens while the
 *   client is idle, and an 'error' event nobody listens to kills the process. Every client
 *   gets a listener from birth; the query in flight (or the next one) still fails, with an
 *   error classifyDbError calls 'unavailable'.
 * - `query_timeout` ("Query read timeout") fails the caller but leaves the socket waiting for
 *   a reply that may never come (a blackholed network), so every later query on this client
 *   would queue behind it. We destroy the socket instead: the client is then not queryable and
 *   the pool discards it on release.
 */
export function guardedClientClass(onError: (err: Error) => void): typeof pg.Client {
  return class GuardedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', onError);
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards pg's overloads untouched
    override query(...args: any[]): any {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const result = (super.query as (...a: any[]) => any)(...args);
      if (result && typeof result.catch === 'function') {
        (result as Promise<unknown>).catch((err: unknown) => {
          if ((err as Error)?.message === 'Query read timeout') {
            (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
          }
        });
      }
      return result;
    }
  };
}
