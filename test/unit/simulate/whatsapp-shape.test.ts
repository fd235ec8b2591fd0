import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateTraffic } from '../../../src/simulate/index.js';
import { DAYS, START } from './traffic.js';

const FIXTURES = new URL('../../fixtures/whatsapp/', import.meta.url);

// Strict on purpose (unlike the collector's schemas): the simulator must not invent fields.
const seconds = z.string().regex(/^\d{10}$/);
const wamid = z.string().regex(/^wamid\.[A-Za-z0-9+/]+={0,2}$/);
const waId = z.string().regex(/^\d{11,13}$/);
const contact = z.strictObject({
  profile: z.strictObject({ name: z.string().min(1) }).optional(),
  wa_id: waId,
  user_id: z.string().optional(),
});
const message = z.strictObject({
  context: z.strictObject({ from: z.string(), id: wamid }).optional(),
  from: waId,
  from_user_id: z.string().optional(),
  id: wamid,
  timestamp: seconds,
  type: z.enum(['text', 'image', 'interactive', 'reaction']),
  text: z.strictObject({ body: z.string().min(1) }).optional(),
  image: z
    .strictObject({ caption: z.string().optional(), mime_type: z.string(), sha256: z.string(), id: z.string() })
    .optional(),
  interactive: z
    .strictObject({
      type: z.literal('button_reply'),
      button_reply: z.strictObject({ id: z.string(), title: z.string() }),
    })
    .optional(),
  reaction: z.strictObject({ message_id: wamid, emoji: z.string() }).optional(),
});
const pricing = z.strictObject({
  billable: z.boolean(),
  pricing_model: z.literal('PMP'),
  type: z.enum(['regular', 'free_customer_service']),
  category: z.enum(['marketing', 'utility', 'service', 'authentication']),
});
const error = z.strictObject({
  code: z.number().int(),
  title: z.string().min(1),
  message: z.string().min(1),
  error_data: z.strictObject({ details: z.string().min(1) }),
  href: z.string().optional(),
});
const status = z.strictObject({
  id: wamid,
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: seconds,
  recipient_id: waId,
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  pricing: pricing.optional(),
  errors: z.array(error).min(1).optional(),
});
const envelope = z.strictObject({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.strictObject({
        id: z.string(),
        changes: z
          .array(
            z.strictObject({
              field: z.literal('messages'),
              value: z.strictObject({
                messaging_product: z.literal('whatsapp'),
                metadata: z.strictObject({ display_phone_number: z.string(), phone_number_id: z.string() }),
                contacts: z.array(contact).optional(),
                messages: z.array(message).min(1).optional(),
                statuses: z.array(status).min(1).optional(),
              }),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** Every "path → keys" and "path → value type" a JSON value exhibits (arrays collapse to []). */
function shapeOf(value: unknown, path = '$', out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const add = (p: string, v: string) => (out.get(p) ?? out.set(p, new Set()).get(p)!).add(v);
  if (Array.isArray(value)) value.forEach((v) => shapeOf(v, `${path}[]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      add(`${path} keys`, k);
      shapeOf(v, `${path}.${k}`, out);
    }
  } else add(`${path} type`, typeof value);
  return out;
}

const deliveries = generateTraffic({ seed: 5, start: START, days: DAYS });
const bodies = deliveries.filter((d) => d.source === 'whatsapp').map((d) => d.body);

describe('simulated WhatsApp bodies', () => {
  it('all match the strict envelope schema', () => {
    expect(bodies.length).toBeGreaterThan(10_000);
    for (const body of bodies) envelope.parse(body);
  });

  it('use only keys and value types that the fixtures show', () => {
    const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    const known = new Map<string, Set<string>>();
    for (const f of fixtures) shapeOf(JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')), '$', known);
    // Inbound images are not among the fixtures; Cloud API documents exactly these keys.
    const image = '$.entry[].changes[].value.messages[].image';
    known.set(`${image} keys`, new Set(['caption', 'mime_type', 'sha256', 'id']));
    for (const k of ['caption', 'mime_type', 'sha256', 'id']) known.set(`${image}.${k} type`, new Set(['string']));
    known.get('$.entry[].changes[].value.messages[] keys')!.add('image');

    const generated = new Map<string, Set<string>>();
    for (const body of bodies) shapeOf(body, '$', generated);
    for (const [path, values] of generated) {
      for (const v of values) expect(known.get(path)?.has(v), `${path}: ${v}`).toBe(true);
    }
  });

  it('the schema accepts the real fixtures of the same kinds', () => {
    for (const f of ['inbound-text', 'inbound-button-reply', 'status-delivered-pricing', 'status-read', 'status-failed-131047']) {
      envelope.parse(JSON.parse(readFileSync(new URL(`${f}.json`, FIXTURES), 'utf8')));
    }
  });

  it('name the WABA and only the two business numbers', () => {
    const numbers = new Set<string>();
    for (const body of bodies) {
      const parsed = envelope.parse(body);
      for (const entry of parsed.entry) {
        expect(entry.id).toBe('102290129340398');
        for (const c of entry.changes) numbers.add(`${c.value.metadata.phone_number_id}/${c.value.metadata.display_phone_number}`);
      }
    }
    expect([...numbers].sort()).toEqual(['106540352242922/15550783881', '106540352242923/15550783882']);
  });

  it('put pricing on sent/delivered only and errors on failed only', () => {
    for (const body of bodies) {
      for (const s of envelope.parse(body).entry[0]!.changes[0]!.value.statuses ?? []) {
        if (s.status === 'failed') expect(s.errors?.length, s.id).toBe(1);
        else expect(s.errors).toBeUndefined();
        if (s.status === 'read' || s.status === 'failed') expect(s.pricing).toBeUndefined();
        else expect(s.pricing).toBeDefined();
      }
    }
  });
});
