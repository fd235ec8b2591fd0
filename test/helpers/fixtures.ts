import { readFileSync, readdirSync } from 'node:fs';
import { signBody } from '../../src/collector/index.js';

/**
 * A byte-exact copy of the product's shared fixtures (../shared/fixtures), so a clone tests on
 * its own; test/unit/fixtures-in-sync.test.ts fails if the copy drifts from the shared set.
 */
export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url);
export const SHARED_FIXTURES_DIR = new URL('../../../shared/fixtures/', import.meta.url);

/** Exact file bytes: signatures are computed over them, never over re-serialised JSON. */
export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(path, FIXTURES_DIR));
}

export function fixtureNames(dir: 'whatsapp' | 'chatwoot'): string[] {
  return readdirSync(new URL(`${dir}/`, FIXTURES_DIR)).filter((f) => f.endsWith('.json')).sort();
}

export const APP_SECRET = 'test-app-secret-0123456789';
export const VERIFY_TOKEN = 'test-verify-token';

/** POSTs bytes to the WhatsApp webhook with a real HMAC signature (or the header given). */
export async function postWhatsApp(
  baseUrl: string,
  body: Buffer | string,
  signature: string | null = signBody(body, APP_SECRET),
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }), ...extraHeaders },
    body,
  });
}

export const INBOX_SECRET = 'test-inbox-secret-0123456789';
export const CHATWOOT_KEY = 'test-chatwoot-key-0123456789';

/** POSTs a batch of inbox events with a real X-Wapulse-Signature. */
export async function postInbox(baseUrl: string, events: unknown[] | string, signature?: string | null): Promise<Response> {
  const body = typeof events === 'string' ? events : JSON.stringify({ events });
  const sig = signature === undefined ? signBody(body, INBOX_SECRET) : signature;
  return fetch(`${baseUrl}/webhooks/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sig === null ? {} : { 'x-wapulse-signature': sig }) },
    body,
  });
}

export async function postChatwoot(baseUrl: string, body: Buffer | string, key = CHATWOOT_KEY): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/chatwoot/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}
