import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';

export type Call = { method: string; params: Record<string, string> };
type Reply = Record<string, unknown>;

/**
 * A minimal Slack Web API on loopback for these suites (the shared fake Slack is written
 * elsewhere): `reply(method, params)` scripts the answer, every call is recorded, and `hold()`
 * keeps answers back until `release()`, so a test can prove that concurrent callers share one
 * call without relying on timing. The client is a real WebClient pointed at it.
 */
export async function startTinySlack(reply: (method: string, params: Record<string, string>) => Reply) {
  const calls: Call[] = [];
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  const server: Server = createServer(async (req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const params = parseBody(req.headers['content-type'] ?? '', await readBody(req));
    calls.push({ method, params });
    if (gate) await gate.promise;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(reply(method, params)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return {
    calls,
    count: (method: string) => calls.filter((c) => c.method === method).length,
    client: new WebClient('xoxb-test', { slackApiUrl: url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }),
    hold() {
      let open!: () => void;
      gate = { promise: new Promise<void>((r) => (open = r)), open };
    },
    release() {
      gate?.open();
      gate = null;
    },
    /** resolves once `n` calls have arrived (calls are recorded before any hold) */
    async arrived(n: number) {
      while (calls.length < n) await new Promise((r) => setImmediate(r));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(type: string, body: string): Record<string, string> {
  if (type.includes('application/json')) return JSON.parse(body || '{}') as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(body));
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-30T08:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}
