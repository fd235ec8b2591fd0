import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentLinks } from '../../../../src/slack/people/index.js';
import type { Database } from '../../../../src/store/index.js';
import type { Kysely } from 'kysely';
import { testDatabases, useFreshStore } from '../../../helpers/databases.js';
import { captureLog } from '../../../helpers/log-capture.js';
import { manualClock, startTinySlack } from './tiny-slack.js';

const HOUR = 3_600_000;

// Slack's directory for this test: email → user id (anything else is users_not_found).
const DIRECTORY: Record<string, string> = { 'lina@example.com': 'U_LINA', 'zed@example.com': 'U_ZED', 'ana@example.com': 'U_ANA_BY_MAIL' };

async function seed(db: Kysely<Database>, rows: { id: string; email?: string; slack?: string }[]) {
  await db.insertInto('agents').values(rows.map((r) => ({
    id: r.id, name: r.id.toUpperCase(), team: null, email: r.email ?? null, slack_user_id: r.slack ?? null, updated_at: new Date('2026-11-01T00:00:00Z'),
  }))).execute();
}

describe.each(testDatabases)('createAgentLinks on $name', (database) => {
  const ctx = useFreshStore(database);
  let failing = false;
  let slack: Awaited<ReturnType<typeof startTinySlack>>;
  beforeEach(async () => {
    failing = false;
    slack = await startTinySlack((method, p) => {
      if (method !== 'users.lookupByEmail') return { ok: false, error: 'unknown_method' };
      if (failing) return { ok: false, error: 'fatal_error' };
      const id = DIRECTORY[p.email!];
      return id ? { ok: true, user: { id } } : { ok: false, error: 'users_not_found' };
    });
    await seed(ctx.store.db, [
      // ana is linked by the inbox; her email (which Slack knows under another user) is never looked up
      { id: 'ana', email: 'ana@example.com', slack: 'U_ANA' },
      { id: 'lina', email: 'lina@example.com' },
      { id: 'omar', email: 'omar@example.com' }, // no Slack account
      { id: 'zed', email: 'Zed@Example.com' }, // Slack matches emails regardless of case
      { id: 'sami' }, // no email, no Slack id
    ]);
  });
  afterEach(() => slack.close());

  const links = (clock = manualClock(), log = captureLog().log) => createAgentLinks({ db: ctx.store.db, client: slack.client, ttlMs: HOUR, now: clock.now, log });

  it('finds an agent by slack_user_id without asking Slack', async () => {
    const l = links();
    expect(await l.agentForSlackUser('U_ANA')).toMatchObject({ id: 'ana', name: 'ANA', slack_user_id: 'U_ANA' });
    expect(slack.calls).toEqual([]);
  });

  it('else by email: looks up each unlinked agent\'s email once per TTL, not-found included', async () => {
    const clock = manualClock();
    const l = links(clock);
    expect(await l.agentForSlackUser('U_LINA')).toMatchObject({ id: 'lina', email: 'lina@example.com' });
    // lina, omar and zed have an email and no slack_user_id: 3 lookups (ana and sami are not candidates)
    expect(slack.calls.map((c) => c.params.email).sort()).toEqual(['lina@example.com', 'omar@example.com', 'zed@example.com']);
    expect((await l.agentForSlackUser('U_ZED'))?.id).toBe('zed');
    expect(await l.agentForSlackUser('U_NOBODY')).toBeNull();
    expect(slack.count('users.lookupByEmail')).toBe(3);
    clock.advance(HOUR);
    expect((await l.agentForSlackUser('U_LINA'))?.id).toBe('lina');
    expect(slack.count('users.lookupByEmail')).toBe(6);
  });

  it('gives the Slack user of an agent: stored id, else by email, else null', async () => {
    const l = links();
    expect(await l.slackUserForAgent('ana')).toBe('U_ANA');
    expect(slack.count('users.lookupByEmail')).toBe(0);
    expect(await l.slackUserForAgent('lina')).toBe('U_LINA');
    expect(await l.slackUserForAgent('lina')).toBe('U_LINA');
    expect(slack.count('users.lookupByEmail')).toBe(1);
    expect(await l.slackUserForAgent('omar')).toBeNull();
    expect(await l.slackUserForAgent('sami')).toBeNull();
    expect(await l.slackUserForAgent('ghost')).toBeNull();
    expect(slack.count('users.lookupByEmail')).toBe(2);
  });

  it('picks the lowest id when two agents carry the same Slack user', async () => {
    await seed(ctx.store.db, [{ id: 'ana2', slack: 'U_ANA' }, { id: 'aa', slack: 'U_ANA' }]);
    expect((await links().agentForSlackUser('U_ANA'))?.id).toBe('aa');
  });

  it('logs a failed lookup, finds nobody, and retries it after 30 s rather than the TTL', async () => {
    const clock = manualClock();
    const cap = captureLog('warn');
    const l = links(clock, cap.log);
    failing = true;
    expect(await l.slackUserForAgent('lina')).toBeNull();
    expect(cap.lines()).toEqual([expect.objectContaining({ err: 'fatal_error' })]);
    failing = false;
    expect(await l.slackUserForAgent('lina')).toBeNull(); // the failure is remembered for a while
    clock.advance(30_000);
    expect(await l.slackUserForAgent('lina')).toBe('U_LINA');
    expect(slack.count('users.lookupByEmail')).toBe(2);
  });
});
