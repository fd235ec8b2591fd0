import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartLinkKey, publishChart, pruneChartImages, signChartLink } from '../../../../src/slack/chart-links/index.js';
import { testDatabases, type TestStore } from '../../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../../helpers/server.js';
import { decodePng } from '../../../unit/charts/png.js';

const SIGNING_SECRET = 'chart-test-signing-secret';
const PUBLIC_URL = 'https://wapulse.example.com';
const T0 = new Date('2026-11-20T08:00:00Z'); // exp after 7 days: 2026-11-27T08:00:00Z

describe.each(testDatabases)('chart links on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  let clock = T0;
  const key = chartLinkKey(SIGNING_SECRET);
  const now = () => clock;
  // PUBLIC_URL is where Slack fetches; the test asks the server on its loopback port instead.
  const local = (url: string) => url.replace(PUBLIC_URL, server.url);

  beforeAll(async () => {
    store = await database.open();
    server = await startTestServer(store, { SLACK_BOT_TOKEN: 'xoxb-chart-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, PUBLIC_URL }, now);
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  const png = () => {
    const canvas = createCanvas(8, 4);
    const g = canvas.getContext('2d');
    g.fillStyle = '#00ff00';
    g.fillRect(0, 0, 8, 4);
    return canvas.toBuffer('image/png');
  };

  it('publishes a signed, expiring URL and serves the same PNG bytes from it', async () => {
    clock = T0;
    const bytes = png();
    const url = await publishChart(store.db, bytes, { publicUrl: PUBLIC_URL, key, now });
    // 1970→2026: 56 years with 14 leap days = 20454 days; Jan–Oct 2026 = 304 days; + 19 → 20777 days
    // to 2026-11-20, × 86400 = 1795132800 s; + 8 h (28800) = 1795161600; + 7 days (604800) = 1795766400.
    expect(url).toMatch(/^https:\/\/wapulse\.example\.com\/charts\/[0-9a-f]{24}\.png\?exp=1795766400&sig=[0-9a-f]{64}$/);
    const res = await fetch(local(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    // 7 days left: max-age 604800 s.
    expect(res.headers.get('cache-control')).toBe('private, max-age=604800');
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.equals(bytes)).toBe(true);
    const pixels = await decodePng(served);
    expect(Array.from(pixels.data.slice(0, 3))).toEqual([0, 255, 0]);
  });

  it('answers 403 to a forged or missing signature, and to a tampered expiry', async () => {
    clock = T0;
    const url = new URL(local(await publishChart(store.db, png(), { publicUrl: PUBLIC_URL, key, now })));
    const forged = new URL(url);
    forged.searchParams.set('sig', signedWith('another-secret', url));
    expect((await fetch(forged)).status).toBe(403);
    const unsigned = new URL(url);
    unsigned.searchParams.delete('sig');
    expect((await fetch(unsigned)).status).toBe(403);
    const extended = new URL(url);
    extended.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86400));
    expect((await fetch(extended)).status).toBe(403);
  });

  it('answers 410 once the link has expired (clock injected)', async () => {
    clock = T0;
    const url = local(await publishChart(store.db, png(), { publicUrl: PUBLIC_URL, key, now, ttlMs: 60_000 }));
    clock = new Date(T0.getTime() + 59_000);
    expect((await fetch(url)).status).toBe(200);
    clock = new Date(T0.getTime() + 60_000);
    expect((await fetch(url)).status).toBe(410);
  });

  it('answers 404 for a correctly signed link whose image is not stored', async () => {
    const id = 'f'.repeat(24);
    const exp = Math.floor(T0.getTime() / 1000) + 3600;
    clock = T0;
    const res = await fetch(`${server.url}/charts/${id}.png?exp=${exp}&sig=${signChartLink(key, id, exp)}`);
    expect(res.status).toBe(404);
  });

  it('prunes only expired images', async () => {
    await store.db.deleteFrom('chart_images').execute();
    clock = T0;
    await publishChart(store.db, png(), { publicUrl: PUBLIC_URL, key, now, ttlMs: 60_000 }); // expires T0+60 s
    await publishChart(store.db, png(), { publicUrl: PUBLIC_URL, key, now, ttlMs: 3_600_000 }); // expires T0+1 h
    expect(await pruneChartImages(store.db, new Date(T0.getTime() + 59_000))).toBe(0);
    // At exactly T0+60 s the first link is expired (the route answers 410 from then on).
    expect(await pruneChartImages(store.db, new Date(T0.getTime() + 60_000))).toBe(1);
    expect(await store.db.selectFrom('chart_images').select('id').execute()).toHaveLength(1);
  });
});

describe('chart route without Slack', () => {
  let store: TestStore;
  let server: TestServer;
  // Opened in a hook (hookTimeout 60 s), not in the test: PGlite start-up is slow on a busy machine.
  beforeAll(async () => {
    store = await testDatabases[0]!.open();
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it('is not mounted, and /readyz says Slack is not configured', async () => {
    expect((await fetch(`${server.url}/charts/abc.png?exp=1&sig=00`)).status).toBe(404);
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { slack?: string };
    expect(ready.slack).toBe('not configured');
  });
});

function signedWith(secret: string, url: URL): string {
  const id = url.pathname.split('/').pop()!.replace('.png', '');
  const exp = Number(url.searchParams.get('exp'));
  return signChartLink(chartLinkKey(secret), id, exp);
}
