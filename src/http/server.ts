import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createHttpApp } from './app.js';
import type { AppContext } from './context.js';

export type RunningServer = { url: string; port: number; close(): Promise<void> };

/** Starts the HTTP server on `port` (0 = any free port, for tests) on all interfaces or `hostname`. */
export async function startHttpServer(app: AppContext, port: number, hostname?: string): Promise<RunningServer> {
  const http = createHttpApp(app);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: http.fetch, port, hostname }, () => resolve(s));
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostname ?? '127.0.0.1'}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
