import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../log.js';
import { slackErrorCode } from '../web/index.js';
import { createTtlCache } from './ttl-cache.js';

// After a failed lookup, try again sooner than the TTL: a supervisor locked out by a blip
// should not wait the whole TTL, and Slack is not asked more than twice a minute.
const RETRY_AFTER_ERROR_MS = 30_000;

export type SupervisorCheck = { isSupervisor(userId: string): Promise<boolean> };

type Members = { users: ReadonlySet<string>; failed: boolean };

/**
 * Who may see team-wide reports: the users in `ids` (SUPERVISOR_SLACK_IDS), or members of the
 * user group `group` (SUPERVISOR_GROUP). The group's members come from `usergroups.users.list`
 * (scope usergroups:read), asked at most once per `ttlMs`; concurrent checks share one call.
 * When the call fails, that is logged and the last list fetched is used; with none yet,
 * nobody counts as a group member (refusing is safer than letting everyone in) until a retry,
 * at most 30 s later.
 */
export function createSupervisorCheck(opts: {
  ids: ReadonlySet<string>;
  group?: string;
  client: WebClient;
  ttlMs: number;
  now: () => Date;
  log: Logger;
}): SupervisorCheck {
  const { group, client, log } = opts;
  const cache = createTtlCache<'members', Members>({
    ttlMs: opts.ttlMs,
    now: opts.now,
    ttlOf: (m) => (m.failed ? Math.min(opts.ttlMs, RETRY_AFTER_ERROR_MS) : opts.ttlMs),
  });

  const load = async (usergroup: string): Promise<Members> => {
    try {
      const r = await client.usergroups.users.list({ usergroup });
      return { users: new Set(r.users ?? []), failed: false };
    } catch (err) {
      const previous = cache.last('members');
      log.warn({ err: slackErrorCode(err), usergroup, keptPrevious: previous !== undefined }, 'supervisor group lookup failed');
      return { users: previous?.users ?? new Set(), failed: true };
    }
  };

  return {
    async isSupervisor(userId) {
      if (opts.ids.has(userId)) return true;
      if (!group) return false;
      const members = await cache.get('members', () => load(group));
      return members.users.has(userId);
    },
  };
}
