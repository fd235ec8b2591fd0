import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inboxBodyJsonSchema } from '../../../../src/collector/inbox/index.js';

const SCHEMA_FILE = new URL('../../../../docs/inbox-events.schema.json', import.meta.url);

/** The file as the generator would write it: 2-space JSON and a final newline. */
const render = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;

describe('docs/inbox-events.schema.json', () => {
  // To regenerate after changing the zod schemas:
  //   UPDATE_INBOX_SCHEMA=1 npx vitest run test/unit/collector/inbox/json-schema.test.ts
  if (process.env.UPDATE_INBOX_SCHEMA === '1') writeFileSync(SCHEMA_FILE, render(inboxBodyJsonSchema()));

  it('is exactly what the zod schemas generate (no drift)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(render(inboxBodyJsonSchema()));
  });

  it('describes what senders send: the eight types, ids as string or integer, `at` as date-time', () => {
    type Node = Record<string, unknown> & { $ref?: string; properties?: Record<string, Node> };
    const schema = inboxBodyJsonSchema() as Node & { $defs: Record<string, Node> };
    // "#/$defs/AgentUpserted" → the definition it names
    const deref = (node: Node | undefined): Node => {
      if (node?.$ref === undefined) return node ?? {};
      return schema.$defs[node.$ref.replace('#/$defs/', '')] ?? {};
    };
    const events = schema.properties?.events as Node & { maxItems: number; items: { oneOf: Node[] } };
    expect(events.maxItems).toBe(1000);
    const variants = events.items.oneOf.map(deref);
    expect(variants.map((v) => v.properties?.type?.const)).toEqual([
      'agent.upserted',
      'contact.created',
      'contact.deleted',
      'conversation.opened',
      'conversation.assigned',
      'conversation.closed',
      'message.sent',
      'comment.created',
    ]);
    expect(variants.map((v) => deref(v.properties?.at).format)).toEqual(Array(8).fill('date-time'));
    const opened = variants[3]?.properties;
    expect(opened?.conversation_id?.anyOf).toEqual([
      { type: 'string', minLength: 1, maxLength: 200 },
      { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
    ]);
    // the "wa_id or user_id" rule, which zod holds in a refine, is spelled out for JSON Schema
    expect(deref(opened?.contact).anyOf).toEqual([
      { required: ['wa_id'], properties: { wa_id: { type: 'string' } } },
      { required: ['user_id'], properties: { user_id: { type: 'string' } } },
    ]);
  });
});
