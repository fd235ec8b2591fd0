import type { Kysely } from 'kysely';
import { getChartImage, type Database } from '../../store/index.js';
import { verifyChartLink } from './chart-link-signature.js';

/** The parts of a chart link as they arrive: the path's file name and the query's exp and sig. */
export type ChartLinkRequest = { file: string; exp?: string; sig?: string };

export type ChartLinkResult =
  | { kind: 'ok'; png: Buffer; expiresAt: Date }
  | { kind: 'forged' }
  | { kind: 'expired' }
  | { kind: 'missing' };

/**
 * Checks a chart link and loads its PNG. The signature is checked first, so an unsigned request
 * never reaches the database and cannot probe which ids exist; then the signed expiry; then the row.
 */
export async function readChart(
  db: Kysely<Database>,
  key: Buffer,
  link: ChartLinkRequest,
  now: () => Date,
): Promise<ChartLinkResult> {
  const id = /^([0-9a-f]{1,64})\.png$/.exec(link.file)?.[1];
  const exp = /^\d{1,12}$/.test(link.exp ?? '') ? Number(link.exp) : undefined;
  if (!id || exp === undefined || !link.sig || !verifyChartLink(key, id, exp, link.sig)) return { kind: 'forged' };
  if (now().getTime() >= exp * 1000) return { kind: 'expired' };
  const image = await getChartImage(db, id);
  return image ? { kind: 'ok', ...image } : { kind: 'missing' };
}
