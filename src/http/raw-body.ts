import type { Context } from 'hono';

/** Meta's bodies reach 3 MB; 5 MB leaves room, anything larger is refused with 413. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export type RawBody =
  | { ok: true; bytes: Buffer }
  | { ok: false; kind: 'too_large'; limit: number }
  /** The body did not arrive in full within `timeoutMs` (a slow or stalled sender). */
  | { ok: false; kind: 'timeout'; timeoutMs: number }
  /** The client closed the connection mid-upload; nobody is left to answer. */
  | { ok: false; kind: 'aborted' };

/**
 * Reads the request body as raw bytes (signatures are computed over bytes, never over parsed
 * JSON), refusing it early from Content-Length and again while streaming, for chunked uploads.
 * The whole body must arrive within `timeoutMs` from the first read: a timer races the stream
 * reader, so a sender trickling bytes cannot hold a request (and its memory) for minutes.
 */
export async function readRawBody(c: Context, timeoutMs: number, limit = MAX_BODY_BYTES): Promise<RawBody> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) return { ok: false, kind: 'too_large', limit };
  const stream = c.req.raw.body;
  if (!stream) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = stream.getReader();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), timeoutMs);
  });
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), expired]);
      if (next === 'expired') {
        // Stop reading; the server drains or drops the rest once the 408 is sent.
        reader.releaseLock();
        return { ok: false, kind: 'timeout', timeoutMs };
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limit) return { ok: false, kind: 'too_large', limit };
      parts.push(next.value);
    }
  } catch {
    return { ok: false, kind: 'aborted' };
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, bytes: Buffer.concat(parts) };
}
