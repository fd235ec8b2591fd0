import type { WebClient } from '@slack/web-api';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from '../../log.js';
import type { AgentsTable, Database } from '../../store/index.js';
import { slackErrorCode } from '../web/index.js';
import { createTtlCache } from './ttl-cache.js';

/** A row of the agents table (not the agents report's row, metrics' AgentRow). */
export type LinkedAgent = Selectable<AgentsTable>;

export type AgentLinks = {
  /** the agent a Slack user is, or null when they are not one (or cannot be told) */
  agentForSlackUser(userId: string): Promise<LinkedAgent | null>;
  /** the Slack user an agent is, or null */
  slackUserForAgent(agentId: string): Promise<string | null>;
};

// Email lookups run a few at a time: users.lookupByEmail is Tier 3 (about 50 a minute).
const LOOKUP_BATCH = 5;
// An error other than users_not_found is retried after this long, not after the full TTL.
const RETRY_AFTER_ERROR_MS = 30_000;

type Lookup = { userId: string | null; failed: boolean };

/**
 * Links agents to Slack users. First by agents.slack_user_id, which inbox events
 * (agent.upserted) set; else by email: each agent with an email and no slack_user_id is looked
 * up with `users.lookupByEmail`, and the agent whose email belongs to the user is theirs.
 * That call needs the users:read.email scope. Lookups are cached per email for `ttlMs`,
 * "no such user" included, so an agent without a Slack account costs one call per TTL; other
 * failures are logged and retried after 30 s. Several agents on one Slack user: the lowest id.
 */
export function createAgentLinks(opts: { db: Kysely<Database>; client: WebClient; ttlMs: number; now: () => Date; log?: Logger }): AgentLinks {
  const { db, client } = opts;
  const cache = createTtlCache<string, Lookup>({
    ttlMs: opts.ttlMs,
    now: opts.now,
    ttlOf: (l) => (l.failed ? Math.min(opts.ttlMs, RETRY_AFTER_ERROR_MS) : opts.ttlMs),
  });

  const lookup = (email: string): Promise<string | null> => {
    const key = email.trim().toLowerCase();
    return cache
      .get(key, async () => {
        try {
          const r = await client.users.lookupByEmail({ email: key });
          return { userId: r.user?.id ?? null, failed: false };
        } catch (err) {
          const code = slackErrorCode(err);
          if (code === 'users_not_found') return { userId: null, failed: false };
          opts.log?.warn({ err: code }, 'users.lookupByEmail failed');
          return { userId: null, failed: true };
        }
      })
      .then((l) => l.userId);
  };

  return {
    async agentForSlackUser(userId) {
      const direct = await db.selectFrom('agents').selectAll().where('slack_user_id', '=', userId).orderBy('id').limit(1).executeTakeFirst();
      if (direct) return direct;
      const byEmail = await db.selectFrom('agents').selectAll().where('email', 'is not', null).where('slack_user_id', 'is', null).orderBy('id').execute();
      for (let i = 0; i < byEmail.length; i += LOOKUP_BATCH) {
        const batch = byEmail.slice(i, i + LOOKUP_BATCH);
        const ids = await Promise.all(batch.map((a) => lookup(a.email!)));
        const hit = batch.find((_, k) => ids[k] === userId);
        if (hit) return hit;
      }
      return null;
    },
    async slackUserForAgent(agentId) {
      const agent = await db.selectFrom('agents').select(['slack_user_id', 'email']).where('id', '=', agentId).executeTakeFirst();
      if (!agent) return null;
      if (agent.slack_user_id) return agent.slack_user_id;
      return agent.email ? lookup(agent.email) : null;
    },
  };
}
