import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type ChartImageInput = { id: string; png: Buffer; createdAt: Date; expiresAt: Date };
export type ChartImage = { png: Buffer; expiresAt: Date };

/** Stores one chart PNG under its (random, unguessable) id. */
export async function insertChartImage(db: Kysely<Database>, image: ChartImageInput): Promise<void> {
  await db
    .insertInto('chart_images')
    .values({ id: image.id, png: image.png, created_at: image.createdAt, expires_at: image.expiresAt })
    .execute();
}

/** The PNG stored under `id`, or undefined. */
export async function getChartImage(db: Kysely<Database>, id: string): Promise<ChartImage | undefined> {
  const row = await db.selectFrom('chart_images').select(['png', 'expires_at']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  // pg hands bytea back as a Buffer, PGlite as a plain Uint8Array: one type for callers, no copy.
  const png = Buffer.isBuffer(row.png) ? row.png : Buffer.from(row.png.buffer, row.png.byteOffset, row.png.byteLength);
  return { png, expiresAt: new Date(row.expires_at) };
}

/** Deletes the charts whose links have expired (expires_at ≤ now); returns how many. */
export async function pruneChartImages(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('chart_images').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
