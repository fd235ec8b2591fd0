import { z } from 'zod';
import { InboxBody } from './events.js';
import { inboxSchemaDocs } from './fields.js';

/**
 * JSON Schema (draft 2020-12) of the POST /webhooks/inbox body, generated from the same zod
 * schemas that validate it. `io: 'input'` describes what senders send (ids as string or
 * integer, `at` as a string); the transforms to strings and Dates only exist on our side.
 * docs/inbox-events.schema.json holds a copy; a unit test fails when the two drift.
 */
export function inboxBodyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(InboxBody, { io: 'input', target: 'draft-2020-12', metadata: inboxSchemaDocs }),
    title: 'wapulse team-inbox webhook body (POST /webhooks/inbox)',
    description: 'See docs/inbox-events.md. Ids must be unique per event: a repeated id is a no-op.',
  };
}
