import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertChartImage, type Database } from '../../store/index.js';
import { signChartLink } from './chart-link-signature.js';

/**
 * Links live 7 days. Slack's image fetcher loads an image block's URL when the message is shown
 * and may load it again later (another device, a scroll back), so a link must outlive the
 * answer's first view; ephemeral answers vanish on reload and the App Home is republished on
 * every app_home_opened, so after a week nobody can still be looking at one.
 */
export const DEFAULT_CHART_TTL_MS = 7 * 24 * 3600_000;

export type PublishChartOptions = {
  /** PUBLIC_URL, no trailing slash. */
  publicUrl: string;
  /** chartLinkKey(signingSecret). */
  key: Buffer;
  now: () => Date;
  ttlMs?: number;
};

/**
 * Stores `png` and returns its signed, expiring URL:
 * `${publicUrl}/charts/<id>.png?exp=<unix seconds>&sig=<hex HMAC>`, served by GET /charts/:file.
 */
export async function publishChart(db: Kysely<Database>, png: Buffer, opts: PublishChartOptions): Promise<string> {
  const createdAt = opts.now();
  // Whole seconds, so the expiry stored is exactly the one signed into the URL.
  const exp = Math.floor((createdAt.getTime() + (opts.ttlMs ?? DEFAULT_CHART_TTL_MS)) / 1000);
  const id = randomBytes(12).toString('hex');
  await insertChartImage(db, { id, png, createdAt, expiresAt: new Date(exp * 1000) });
  return `${opts.publicUrl}/charts/${id}.png?exp=${exp}&sig=${signChartLink(opts.key, id, exp)}`;
}
