import http from 'node:http';
import type { SignedBody } from './bodies.js';

/** What one load run saw; latencies in ms, one per answered or failed request. */
export type LoadResult = { requests: number; errors: number; statuses: number; seconds: number; latencies: number[] };

const TIMEOUT_MS = 30_000;

/**
 * POSTs one signed body; resolves with the HTTP status, or 0 for a socket error or timeout
 * (counted as errors, never thrown: a refused request is a figure, not a crash).
 */
function post(agent: http.Agent, url: URL, b: SignedBody, live?: Set<http.ClientRequest>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST', agent, timeout: TIMEOUT_MS,
      headers: { 'content-type': 'application/json', 'content-length': b.body.length, 'x-hub-signature-256': b.signature },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    live?.add(req);
    req.on('close', () => live?.delete(req));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(b.body);
  });
}

/**
 * Closed loop: `concurrency` workers each send, wait for the answer, send again, until
 * `durationMs` is up — the most the server takes at that many requests in flight.
 */
export async function closedLoop(target: string, make: () => SignedBody, concurrency: number, durationMs: number): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const r: LoadResult = { requests: 0, errors: 0, statuses: 0, seconds: 0, latencies: [] };
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const b = make();
      const t0 = performance.now();
      const code = await post(agent, url, b);
      r.latencies.push(performance.now() - t0);
      r.requests++;
      if (code === 200) r.statuses += b.rows.length;
      else r.errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  r.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return r;
}

/**
 * Open loop: requests leave at a fixed `rate` per second whatever the answers do, and each
 * latency counts from when its request was due, so a stalled server shows up as the queue
 * it causes (no coordinated omission). Requests still unanswered `graceMs` after the last one
 * left are cut off and counted as errors, so a server far below the rate cannot stretch the run.
 */
export async function openLoop(target: string, make: () => SignedBody, rate: number, durationMs: number, graceMs = 5_000): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const r: LoadResult = { requests: 0, errors: 0, statuses: 0, seconds: 0, latencies: [] };
  const total = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const live = new Set<http.ClientRequest>();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const dueAt = started + (sent * 1000) / rate;
      const b = make();
      pending.push(post(agent, url, b, live).then((code) => {
        r.latencies.push(performance.now() - dueAt);
        r.requests++;
        if (code === 200) r.statuses += b.rows.length;
        else r.errors++;
      }));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const cutOff = setTimeout(() => { for (const req of live) req.destroy(new Error('cut off')); }, graceMs);
  await Promise.all(pending);
  clearTimeout(cutOff);
  r.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return r;
}
