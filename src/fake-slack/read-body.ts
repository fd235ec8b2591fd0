import type { IncomingMessage } from 'node:http';

/** A request body as the fake Slack understands it: named fields, plus the bytes of an upload. */
export type ParsedBody = { args: Record<string, unknown>; bytes?: Buffer };

// The Web API client form-encodes every argument and JSON-stringifies the structured ones;
// parsing them back lets tests assert on blocks and views as objects.
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'files', 'metadata', 'user_auth_blocks']);

/** Reads the whole body of `req`. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses form-encoded, JSON or multipart bodies. @slack/web-api 8 sends a Buffer argument (the
 * upload step of filesUploadV2 sends `{ body: <Buffer> }`) as multipart/form-data; anything else
 * with a body of unknown type is kept as raw bytes, as Slack's upload URL accepts both.
 */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    return { args: isRecord(parsed) ? parsed : { body: parsed } };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const args: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = decodeField(key, value);
    return { args };
  }
  if (type === 'multipart/form-data') return parseMultipart(contentType!, raw);
  return { args: {}, bytes: raw };
}

// Node's fetch Request parses multipart for us: no hand-written boundary scanning.
async function parseMultipart(contentType: string, raw: Buffer): Promise<ParsedBody> {
  const form = await new Request('http://fake-slack.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(raw),
  }).formData();
  const args: Record<string, unknown> = {};
  let bytes: Buffer | undefined;
  for (const [key, value] of form) {
    if (typeof value === 'string') args[key] = decodeField(key, value);
    else {
      bytes = Buffer.from(await value.arrayBuffer());
      args[key] = { filename: value.name, size: value.size };
    }
  }
  return { args, bytes };
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
