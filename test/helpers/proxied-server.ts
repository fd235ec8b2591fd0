import { afterAll, beforeAll } from 'vitest';
import { openStore, type DatabaseTarget, type Store } from '../../src/store/index.js';
import type { TestDatabase, TestStore } from './databases.js';
import { startTestServer, type TestServer } from './server.js';
import { TcpProxy } from './tcp-proxy.js';

type PoolOptions = Omit<Extract<DatabaseTarget, { kind: 'postgres' }>, 'kind' | 'url'>;

/**
 * For fault tests: a fresh Postgres database (`backing`, reached directly), a TCP proxy in
 * front of it that a test can cut, reset or blackhole, and the real server whose store goes
 * through the proxy. Read the handles as `ctx.backing` etc. inside tests; all are torn down after.
 */
export function useProxiedServer(postgres: TestDatabase, pool: PoolOptions) {
  const ctx = {} as { backing: TestStore; proxy: TcpProxy; store: Store; server: TestServer };
  beforeAll(async () => {
    ctx.backing = await postgres.open();
    ctx.proxy = TcpProxy.to(ctx.backing.url!);
    await ctx.proxy.up();
    ctx.store = openStore({ kind: 'postgres', url: ctx.proxy.urlFor(ctx.backing.url!), ...pool });
    ctx.server = await startTestServer(ctx.store);
  });
  afterAll(async () => {
    await ctx.server.close();
    await ctx.store.close();
    await ctx.proxy.down();
    await ctx.backing.drop();
  });
  return ctx;
}
