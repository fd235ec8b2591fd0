import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, type FakeState } from './methods.js';
import { parseBody, readBody } from './read-body.js';
import type { FakeSlack, FakeSlackCall, FakeSlackOptions, ScriptedReply } from './types.js';

export type * from './types.js';
export { blockKitBuilderUrl } from './block-kit-builder-url.js';

/**
 * A fake Slack Web API on 127.0.0.1 (a free port) for tests and `demo --slack`: it implements the
 * methods wapulse calls, the upload URL of the external upload flow and `response_url`, records
 * every request in order, and replays scripted errors (429 with Retry-After, `{ok:false,error}`).
 */
export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = opts.now ?? Date.now;
  const calls: FakeSlackCall[] = [];
  const scripts = new Map<string, { reply: ScriptedReply; left: number }[]>();
  const waiters = new Set<() => void>();
  const state: FakeState = { opts, url: '', uploads: new Map(), pending: new Map(), seq: 0, now };

  const record = (call: FakeSlackCall) => {
    calls.push(call);
    for (const wake of waiters) wake();
  };

  const nextScript = (method: string): ScriptedReply | undefined => {
    const queue = scripts.get(method);
    const head = queue?.[0];
    if (!head) return undefined;
    if (--head.left <= 0) queue!.shift();
    return head.reply;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const raw = await readBody(req);
    const { args, bytes } = await parseBody(req.headers['content-type'], raw);
    // Clients may send the token in the body too; it is never recorded.
    delete args.token;
    const at = now();

    const response = /^\/response\/(.+)$/.exec(path);
    if (response) {
      record({ method: 'response_url', args, at, key: decodeURIComponent(response[1]!) });
      return json(res, 200, { ok: true });
    }
    const upload = /^\/upload\/(F\w+)$/.exec(path);
    if (upload) {
      const fileId = upload[1]!;
      const meta = state.pending.get(fileId);
      record({ method: 'upload', args, at, key: fileId, ...(meta ? {} : { error: 'file_not_found' }) });
      if (!meta) return text(res, 404, 'file_not_found');
      state.uploads.set(fileId, { ...meta, bytes: bytes ?? raw });
      return text(res, 200, `OK - ${(bytes ?? raw).length}`);
    }
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (!api || req.method !== 'POST') return json(res, 404, { ok: false, error: 'not_found' });
    const method = api[1]!;

    const authError = checkToken(opts.token, req.headers.authorization);
    if (authError) {
      record({ method, args, at, error: authError });
      return json(res, 200, { ok: false, error: authError });
    }
    const scripted = nextScript(method);
    if (scripted && 'ratelimited' in scripted) {
      record({ method, args, at, error: 'ratelimited' });
      res.setHeader('retry-after', String(scripted.ratelimited));
      return json(res, 429, { ok: false, error: 'ratelimited' });
    }
    const reply = scripted ? { ok: false, error: scripted.error } : answer(state, method, args);
    record({ method, args, at, ...(reply.ok ? {} : { error: String(reply.error) }) });
    return json(res, 200, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => json(res, 500, { ok: false, error: 'fake_slack_failure', detail: err.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `${state.url}/api/`,
    url: state.url,
    calls,
    uploads: state.uploads,
    callsTo,
    waitFor: (method, count = 1, timeoutMs = 5000, where = () => true) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = callsTo(method).filter(where);
          if (found.length < count) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          reject(new Error(`fake Slack: waited ${timeoutMs} ms for ${count} × ${method}; calls so far: ${seen}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    script: (method, reply, { times = 1 } = {}) => {
      const queue = scripts.get(method) ?? [];
      queue.push({ reply, left: times });
      scripts.set(method, queue);
    },
    responseUrl: (key) => `${state.url}/response/${encodeURIComponent(key)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function checkToken(expected: string | undefined, header: string | undefined): string | undefined {
  if (expected === undefined) return undefined;
  if (!header?.startsWith('Bearer ')) return 'not_authed';
  return header.slice('Bearer '.length) === expected ? undefined : 'invalid_auth';
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
