import { signBody } from '../collector/index.js';
import { mutate, rng, serialise } from './mutate.js';
import type { Endpoint, Seed } from './seeds.js';

export type FuzzTarget = { url: string; appSecret: string; inboxSecret: string; chatwootKey: string };
export type FuzzCase = { index: number; endpoint: Endpoint; seed: string; body: string };
export type FuzzAnswer = FuzzCase & { status: number };
export type FuzzReport = { count: number; statuses: Record<Endpoint, Record<number, number>>; serverErrors: FuzzAnswer[]; ms: number };

/**
 * `count` mutated bodies, the endpoints in turn (each gets a third, whatever its number of
 * seeds) and each endpoint's seeds in turn; case i depends only on (seed, i).
 */
export function fuzzCases(seeds: readonly Seed[], seed: number, count: number): FuzzCase[] {
  const endpoints = [...new Set(seeds.map((s) => s.endpoint))];
  const of = new Map(endpoints.map((e) => [e, seeds.filter((s) => s.endpoint === e)]));
  return Array.from({ length: count }, (_, index) => {
    const r = rng(seed * 1_000_003 + index);
    const list = of.get(endpoints[index % endpoints.length]!)!;
    const s = list[Math.floor(index / endpoints.length) % list.length]!;
    return { index, endpoint: s.endpoint, seed: s.name, body: serialise(mutate(s.value, r), r) };
  });
}

/** POSTs one case the way its source would: signed, or with the Chatwoot URL key. */
export async function postCase(target: FuzzTarget, c: FuzzCase): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let path = '/webhooks/whatsapp';
  if (c.endpoint === 'whatsapp') headers['x-hub-signature-256'] = signBody(c.body, target.appSecret);
  if (c.endpoint === 'inbox') {
    path = '/webhooks/inbox';
    headers['x-wapulse-signature'] = signBody(c.body, target.inboxSecret);
  }
  if (c.endpoint === 'chatwoot') path = `/webhooks/chatwoot/${target.chatwootKey}`;
  const res = await fetch(`${target.url}${path}`, { method: 'POST', headers, body: c.body });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Sends every case with `concurrency` requests in flight and counts the answers by endpoint
 * and status. Any 5xx while the database is up is a bug: they are listed in `serverErrors`.
 */
export async function runFuzz(
  target: FuzzTarget,
  cases: readonly FuzzCase[],
  concurrency = 4,
  onAnswer?: (a: FuzzAnswer) => void,
): Promise<FuzzReport> {
  const started = Date.now();
  const statuses: FuzzReport['statuses'] = { whatsapp: {}, inbox: {}, chatwoot: {} };
  const serverErrors: FuzzAnswer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const answer = { ...c, status: await postCase(target, c) };
      const counts = statuses[c.endpoint];
      counts[answer.status] = (counts[answer.status] ?? 0) + 1;
      if (answer.status >= 500) serverErrors.push(answer);
      onAnswer?.(answer);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count: cases.length, statuses, serverErrors, ms: Date.now() - started };
}
