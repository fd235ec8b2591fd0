import type { Context } from 'hono';

/** Meta's bodies reach 3 MB; 5 MB leaves room, anything larger is refused with 413. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads the request body as raw bytes (signatures are computed over bytes, never over parsed
 * JSON), refusing it early from Content-Length and again while streaming, for chunked uploads.
 */
export async function readRawBody(
  c: Context,
  limit = MAX_BODY_BYTES,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; response: Response }> {
  const tooLarge = () => ({ ok: false as const, response: c.json({ error: `body larger than ${limit} bytes` }, 413) });
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) return tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return { ok: true, bytes: Buffer.alloc(0) };
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return tooLarge();
    parts.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(parts) };
}
