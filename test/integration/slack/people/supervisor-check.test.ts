import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSupervisorCheck } from '../../../../src/slack/people/index.js';
import { captureLog } from '../../../helpers/log-capture.js';
import { manualClock, startTinySlack } from './tiny-slack.js';

const MINUTE = 60_000;

describe('createSupervisorCheck against a Web API on loopback', () => {
  let members: string[] | 'fail';
  let slack: Awaited<ReturnType<typeof startTinySlack>>;
  beforeEach(async () => {
    members = ['U_LEAD', 'U_OPS'];
    slack = await startTinySlack((method, params) => {
      if (method !== 'usergroups.users.list') return { ok: false, error: 'unknown_method' };
      if (members === 'fail') return { ok: false, error: 'invalid_auth' };
      return params.usergroup === 'S_SUP' ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
    });
  });
  afterEach(() => slack.close());

  const check = (clock = manualClock(), log = captureLog().log, ids: string[] = ['U_BOSS']) =>
    createSupervisorCheck({ ids: new Set(ids), group: 'S_SUP', client: slack.client, ttlMs: 5 * MINUTE, now: clock.now, log });

  it('knows listed ids without asking Slack, and group members by asking once', async () => {
    const c = check();
    expect(await c.isSupervisor('U_BOSS')).toBe(true);
    expect(slack.count('usergroups.users.list')).toBe(0);
    expect(await c.isSupervisor('U_LEAD')).toBe(true);
    expect(await c.isSupervisor('U_OPS')).toBe(true);
    expect(await c.isSupervisor('U_AGENT')).toBe(false);
    expect(slack.calls).toEqual([{ method: 'usergroups.users.list', params: expect.objectContaining({ usergroup: 'S_SUP' }) }]);
  });

  it('asks again only once the TTL has passed, and sees the new members then', async () => {
    const clock = manualClock();
    const c = check(clock);
    expect(await c.isSupervisor('U_NEW')).toBe(false);
    members = ['U_LEAD', 'U_NEW'];
    clock.advance(5 * MINUTE - 1); // 1 ms before expiry: still the cached list
    expect(await c.isSupervisor('U_NEW')).toBe(false);
    expect(slack.count('usergroups.users.list')).toBe(1);
    clock.advance(1); // exactly 5 min after the fetch: expired
    expect(await c.isSupervisor('U_NEW')).toBe(true);
    expect(await c.isSupervisor('U_OPS')).toBe(false);
    expect(slack.count('usergroups.users.list')).toBe(2);
  });

  it('shares one in-flight call among concurrent checks', async () => {
    const c = check();
    slack.hold();
    const answers = Promise.all(['U_LEAD', 'U_X', 'U_OPS', 'U_LEAD'].map((u) => c.isSupervisor(u)));
    await slack.arrived(1);
    slack.release();
    expect(await answers).toEqual([true, false, true, true]);
    expect(slack.count('usergroups.users.list')).toBe(1);
  });

  it('on an API error logs it and keeps the previous list', async () => {
    const clock = manualClock();
    const cap = captureLog('warn');
    const c = check(clock, cap.log);
    expect(await c.isSupervisor('U_LEAD')).toBe(true);
    members = 'fail';
    clock.advance(5 * MINUTE);
    expect(await c.isSupervisor('U_LEAD')).toBe(true);
    expect(slack.count('usergroups.users.list')).toBe(2);
    expect(cap.lines()).toEqual([expect.objectContaining({ level: 40, err: 'invalid_auth', usergroup: 'S_SUP', keptPrevious: true })]);
  });

  it('with no previous list, refuses group members after an error and retries 30 s later, not a TTL later', async () => {
    const clock = manualClock();
    const cap = captureLog('warn');
    const c = check(clock, cap.log);
    members = 'fail';
    expect(await c.isSupervisor('U_LEAD')).toBe(false);
    expect(cap.lines()[0]).toMatchObject({ keptPrevious: false });
    members = ['U_LEAD'];
    clock.advance(29_999);
    expect(await c.isSupervisor('U_LEAD')).toBe(false);
    expect(slack.count('usergroups.users.list')).toBe(1);
    clock.advance(1);
    expect(await c.isSupervisor('U_LEAD')).toBe(true);
    expect(slack.count('usergroups.users.list')).toBe(2);
  });

  it('without a group, only the ids count and Slack is never asked', async () => {
    const c = createSupervisorCheck({ ids: new Set(['U_BOSS']), client: slack.client, ttlMs: MINUTE, now: () => new Date(), log: captureLog().log });
    expect(await c.isSupervisor('U_BOSS')).toBe(true);
    expect(await c.isSupervisor('U_LEAD')).toBe(false);
    expect(slack.calls).toEqual([]);
  });
});
