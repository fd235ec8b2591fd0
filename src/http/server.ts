import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createHttpApp } from './app.js';
import type { AppContext } from './context.js';
import { createIngestQueues } from './ingest-queues.js';

export type RunningServer = {
  /** A URL that reaches the server from this machine (localhost when bound to every interface). */
  url: string;
  /** What the socket is bound to, in words: "every interface, port 3000" or "127.0.0.1 port 3000". */
  boundTo: string;
  port: number;
  /** Stops at once: open connections are cut (tests). */
  close(): Promise<void>;
  /**
   * Stops accepting, lets requests in flight finish for up to `timeoutMs`, then cuts whatever
   * is left; group commits still running are waited for within the same bound, so the pool is
   * not closed under them. Resolves true when everything finished in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
};

// Node's own limits are a backstop behind readRawBody's BODY_TIMEOUT_MS (its default
// requestTimeout is 5 minutes): headers must arrive quickly, and a whole request a little
// after the body bound, so a sender that stalls before the body is read is cut as well.
const HEADERS_TIMEOUT_MS = 10_000;

/** Requests Bolt's receiver answers (commands, interactivity, events); everything else is hono's. */
export const SLACK_PATH_PREFIX = '/slack/';

/**
 * Starts the HTTP server on `port` (0 = any free port, for tests) on all interfaces or `hostname`.
 * With `slack` (Bolt's HTTPReceiver request listener), /slack/* goes to Bolt untouched: it reads
 * the raw body itself to verify Slack's signature and replay window, so hono must not parse it.
 */
export async function startHttpServer(app: AppContext, port: number, hostname?: string, slack?: RequestListener): Promise<RunningServer> {
  const queues = createIngestQueues(app);
  const http = createHttpApp(app, queues);
  const requestTimeout = app.config.bodyTimeoutMs + HEADERS_TIMEOUT_MS;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: http.fetch,
        port,
        hostname,
        serverOptions: { requestTimeout, headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout) },
        ...(slack ? { createServer: withSlackRoute(slack) } : {}),
      },
      () => {
        s.off('error', reject);
        resolve(s as Server);
      },
    );
    // A port in use (EADDRINUSE) or an address this machine lacks (EADDRNOTAVAIL) rejects,
    // with Node's error code kept for the CLI to explain.
    s.once('error', reject);
  });
  const bound = server.address() as AddressInfo;
  const actual = bound.port;
  const everywhere = !hostname || hostname === '0.0.0.0' || hostname === '::';
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    url: `http://${everywhere ? '127.0.0.1' : bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${actual}`,
    boundTo: everywhere && !hostname ? `every interface, port ${actual}` : `${bound.address} port ${actual}`,
    port: actual,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await closed;
      await queues.drain();
    },
    drain: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      server.close(); // stop accepting; 'close' fires once every connection has ended
      // Keep-alive connections with no request in flight, now and as in-flight ones finish
      // (otherwise they linger until the client's or server's keep-alive timeout).
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      clearInterval(sweep);
      if (!finished) {
        server.closeAllConnections();
        await closed;
      }
      // Requests cut at the deadline may have left bodies in a batch that is still committing.
      let wait: NodeJS.Timeout | undefined;
      const flushed = await Promise.race([
        queues.drain().then(() => true),
        new Promise<boolean>((resolve) => {
          wait = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
        }),
      ]);
      clearTimeout(wait);
      return finished && flushed;
    },
  };
}

// hono's option is typed as node's overloaded createServer; it always calls (options, listener).
function withSlackRoute(slack: RequestListener): typeof createServer {
  const isSlack = (req: IncomingMessage) => req.url?.startsWith(SLACK_PATH_PREFIX) ?? false;
  const create = (options: ServerOptions, hono: RequestListener): Server =>
    createServer(options, (req, res) => (isSlack(req) ? slack(req, res) : hono(req, res)));
  return create as typeof createServer;
}
