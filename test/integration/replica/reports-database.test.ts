import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../src/cli/report.js';
import { loadConfig } from '../../../src/config.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedChannel, seedContact, seedMessage } from '../../helpers/seed.js';
import { startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';
import { textOf } from '../slack/text-of.js';

/**
 * REPORTS_DATABASE_URL: report reads go to a second pool (a read replica), writes stay on
 * DATABASE_URL. A real replica is not needed to tell which database was read: the "replica"
 * here is a second Postgres database seeded differently.
 *   primary: 2 inbound messages on 2026-11-02 on number P1, and a dirty contact × number pair
 *   replica: 5 inbound messages that day on P1, and the same dirty pair
 * So by hand: a messages report for that day says 5 received when it read the replica, 2 when
 * it read the primary. Settle (a write) must re-derive the pair on the primary only: one
 * derived conversation there and the pair cleared, the replica's pair left as it was.
 */
const DAY = '2026-11-02';
const NOW = new Date('2026-11-03T12:00:00Z');
const postgres = testDatabases.filter((d) => d.name === 'postgres');
// Nothing listens on port 1: the connection is refused at once.
const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/replica';

async function seed(store: TestStore, inbound: number): Promise<void> {
  await seedChannel(store.db, 'P1');
  const contactId = await seedContact(store.db, { waId: '971500000001', createdAt: `${DAY}T08:00:00Z` });
  for (let i = 0; i < inbound; i++) {
    await seedMessage(store.db, { wamid: `wamid.in${i}`, direction: 'inbound', contactId, channel: 'P1', ts: `${DAY}T09:0${i}:00Z` });
  }
  await store.db.insertInto('conversation_dirty').values({ contact_id: contactId, phone_number_id: 'P1', since: new Date(`${DAY}T09:00:00Z`) }).execute();
}

describe.skipIf(postgres.length === 0).each(postgres)('report reads on REPORTS_DATABASE_URL ($name)', (database) => {
  let primary: TestStore;
  let replica: TestStore;
  beforeEach(async () => {
    [primary, replica] = await Promise.all([database.open(), database.open()]);
    await seed(primary, 2);
    await seed(replica, 5);
  });
  afterEach(async () => {
    await Promise.all([primary.drop(), replica.drop()]);
  });

  const cli = async (env: Record<string, string>) => {
    const out: string[] = [];
    const config = loadConfig({ LOG_LEVEL: 'silent', REPORT_TZ: 'UTC', ...env });
    await reportCommand(config, ['messages', '--from', DAY, '--to', DAY, '--format', 'json'], {
      now: NOW,
      env: {},
      stdout: (s) => out.push(String(s)),
      stderr: () => {},
    });
    return JSON.parse(out.join('')) as { received: number };
  };
  const settled = async (store: TestStore) => ({
    dirty: (await store.db.selectFrom('conversation_dirty').select('contact_id').execute()).length,
    conversations: (await store.db.selectFrom('conversations').select('id').execute()).length,
  });

  it('wapulse report reads the replica and settles on the primary', async () => {
    const r = await cli({ DATABASE_URL: primary.url!, REPORTS_DATABASE_URL: replica.url! });
    expect(r.received).toBe(5);
    expect(await settled(primary)).toEqual({ dirty: 0, conversations: 1 });
    expect(await settled(replica)).toEqual({ dirty: 1, conversations: 0 });
  });

  it('wapulse report reads the primary when the variable is unset', async () => {
    expect((await cli({ DATABASE_URL: primary.url! })).received).toBe(2);
  });

  it('an unreachable replica is one line naming REPORTS_DATABASE_URL, after settling on the primary', async () => {
    await expect(cli({ DATABASE_URL: primary.url!, REPORTS_DATABASE_URL: UNREACHABLE })).rejects.toThrow(
      /reports database \(read replica\) at 127\.0\.0\.1:1\/replica refused the connection.*check REPORTS_DATABASE_URL/,
    );
    expect(await settled(primary)).toEqual({ dirty: 0, conversations: 1 });
  });

  describe('Slack', () => {
    let h: SlackHarness;
    const start = async (reportsUrl?: string) => {
      h = await startSlackHarness(primary, {
        now: () => NOW,
        env: {
          REPORT_TZ: 'UTC',
          SUPERVISOR_SLACK_IDS: 'U0BOSS',
          PUBLIC_URL: 'http://placeholder.invalid',
          DATABASE_URL: primary.url!,
          ...(reportsUrl ? { REPORTS_DATABASE_URL: reportsUrl } : {}),
        },
        fake: { users: [{ id: 'U0BOSS', name: 'boss', locale: 'en-US' }] },
      });
    };
    afterEach(async () => {
      await h.close();
    });
    const ask = async (text: string, key = `k-${Math.random()}`) => {
      expect((await h.pulse(text, 'U0BOSS', { key })).status).toBe(200);
      const [answer] = await h.fake.waitFor('response_url', 1, 10_000, (c) => c.key === key);
      return answer!.args as { text: string; blocks: unknown[] };
    };

    it('/pulse answers from the replica; its chart is stored on and served from the primary', async () => {
      await start(replica.url);
      const answer = await ask(`messages ${DAY}..${DAY}`);
      const t = textOf(answer);
      expect(t).toContain('5 received');
      expect(t).not.toContain('2 received');
      const image = (answer.blocks as { type: string; image_url?: string }[]).find((b) => b.type === 'image');
      const res = await fetch(image!.image_url!.replace('http://placeholder.invalid', h.server.url));
      expect(res.status).toBe(200);
      // publishChart wrote the PNG: on the primary, none on the replica
      expect((await primary.db.selectFrom('chart_images').select('id').execute()).length).toBe(1);
      expect((await replica.db.selectFrom('chart_images').select('id').execute()).length).toBe(0);
    });

    it('/pulse answers from the primary when the variable is unset', async () => {
      await start();
      expect(h.app.reports).toBeUndefined();
      expect(h.slack.services.reports).toBe(h.slack.services.store);
      expect(textOf(await ask(`messages ${DAY}..${DAY}`))).toContain('2 received');
    });

    it('an unreachable replica: the asker gets an apology, the process and /readyz carry on', async () => {
      await start(UNREACHABLE);
      const t = textOf(await ask(`messages ${DAY}..${DAY}`));
      expect(t).toMatch(/sorry/i);
      expect(t).not.toContain('received');
      // the replica is not the load balancer's business: the primary is fine, so this instance is ready
      const ready = await fetch(`${h.server.url}/readyz`);
      expect(ready.status).toBe(200);
    });
  });
});
