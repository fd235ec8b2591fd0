import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startSlackHarness, SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { eventBody, signedSlackRequest } from '../../helpers/slack-requests.js';
import { textOf } from './text-of.js';
import { DAY, NOW, seedSlackDay } from './seed-day.js';

const USERS = [
  { id: 'U0BOSS', name: 'boss', locale: 'en-US' },
  { id: 'U0ANA', name: 'ana', locale: 'en-US' },
];

describe.each(testDatabases)('ack and App Home on $name', (database) => {
  let store: TestStore;
  let h: SlackHarness;
  beforeEach(async () => {
    store = await database.open();
    await seedSlackDay(store.db);
    h = await startSlackHarness(store, {
      now: () => NOW,
      env: { REPORT_TZ: 'UTC', SUPERVISOR_SLACK_IDS: 'U0BOSS' },
      fake: { users: USERS },
      tuning: { workingNoticeMs: 100 },
    });
  });
  afterEach(async () => {
    await h.close();
    await store.drop();
  });

  it('acks before the report is built, shows "working on it", then replaces it with the answer', async () => {
    // Hold exclusive locks no report can get past until we let go: the agents report's rows
    // always join the agents table (its names), whichever source its figures come from. Locking
    // messages alone was not enough: over whole days the figures come from the rollups and never
    // touch messages, so the answer only raced the "working" notice (and once won it, in CI).
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = store.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE agents, messages IN ACCESS EXCLUSIVE MODE`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    try {
      const r = await h.pulse(`agents ${DAY}..${DAY}`, 'U0BOSS', { key: 'slow' });
      // The ack came back while the report was still blocked: it cannot have waited for it.
      expect(r.status).toBe(200);
      expect(h.fake.callsTo('response_url').filter((c) => c.key === 'slow' && textOf(c.args).includes('Ana Haddad'))).toHaveLength(0);
      const [working] = await h.fake.waitFor('response_url', 1, 10_000, (c) => c.key === 'slow');
      expect(textOf(working!.args)).not.toContain('Ana Haddad');
      // ...and the answer really waits for the locks: nothing more while they are held
      await new Promise((r) => setTimeout(r, 300));
      expect(h.fake.callsTo('response_url').filter((c) => c.key === 'slow')).toHaveLength(1);
    } finally {
      // let go even when an expectation failed, or the open transaction hangs the teardown
      release();
      await holder;
    }
    const answers = await h.fake.waitFor('response_url', 2, 10_000, (c) => c.key === 'slow');
    expect(textOf(answers[1]!.args)).toContain('Ana Haddad');
    expect(answers[1]!.args.replace_original).toBe(true);
  });

  const openHome = async (user: string) => {
    const body = eventBody({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' });
    const res = await h.post(body, signedSlackRequest(SIGNING_SECRET, body));
    expect(res.status).toBe(200);
    const calls = await h.fake.waitFor('views.publish', 1, 10_000, (c) => c.args.user_id === user);
    return calls[0]!.args.view as { type: string; blocks: unknown[] };
  };

  it('publishes the Home tab for a supervisor with today’s numbers and the queue', async () => {
    const view = await openHome('U0BOSS');
    expect(view.type).toBe('home');
    const t = textOf(view);
    // today (3 Nov, to 10:00): the one waiting contact wrote at 09:45 → 15m in the queue, masked
    expect(t).toContain('+97150•••6543');
    expect(t).toContain('15m');
  });

  it('publishes the Home tab for an agent: the queue’s size and longest wait, not who waits', async () => {
    const view = await openHome('U0ANA');
    const t = textOf(view);
    // one contact waiting since 09:45 → 15m; members who are not supervisors see no contacts
    expect(t).toContain('15m');
    expect(t).not.toContain('+97150•••6543');
    expect(t).not.toContain('Hessa');
    // ...and no team KPI (received today: 1 message; the supervisor's Home shows it)
    expect(t).toContain('/pulse me');
  });
});
