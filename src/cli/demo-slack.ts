import { createHmac, randomBytes } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import type { SlackConfig } from '../config.js';
import { blockKitBuilderUrl, startFakeSlack, type FakeSlack } from '../fake-slack/index.js';
import { startHttpServer, type AppContext } from '../http/index.js';
import { createSlackApp } from '../slack/index.js';
import { messageAsText } from './demo-slack-text.js';

/** Who the tour's fake workspace holds: a supervisor, and two of the simulator's agents. */
const SUPERVISOR = 'U05DEMOSUP';
const DEMO_USERS = [
  { id: SUPERVISOR, name: 'noura', realName: 'Noura Saeed', locale: 'en-US', email: 'noura@desert-bloom.example' },
  // layla's inbox events carry slack_user_id; her Slack is in Arabic
  { id: 'U05LAYLA01', name: 'layla', realName: 'ليلى أحمد', locale: 'ar-AE', email: 'layla@desert-bloom.example' },
  // priya's do not: she is linked by her email (users.lookupByEmail)
  { id: 'U05PRIYA03', name: 'priya', realName: 'Priya Nair', locale: 'en-GB', email: 'priya@desert-bloom.example' },
];

const TOUR: { text: string; user: string }[] = [
  { text: 'help', user: SUPERVISOR },
  { text: 'overview 7d', user: SUPERVISOR },
  { text: 'messages 7d', user: SUPERVISOR },
  { text: 'failures 7d', user: SUPERVISOR },
  { text: 'agents 7d', user: SUPERVISOR },
  { text: 'busy 7d', user: SUPERVISOR },
  { text: 'contacts 7d', user: SUPERVISOR },
  { text: 'conversations 7d', user: SUPERVISOR },
  { text: 'live', user: SUPERVISOR },
  { text: 'me 7d', user: 'U05LAYLA01' },
  { text: 'me 7d', user: 'U05PRIYA03' },
  { text: 'agents 7d', user: 'U05PRIYA03' },
];

export type TourResult = { text: string; user: string; ackMs: number[]; answerMs: number[] };

/**
 * `demo --slack`: the Slack app against a fake Slack Web API on loopback, driven by signed
 * /pulse requests to its real Bolt receiver — what a workspace would see, printed as text with a
 * Block Kit Builder link per answer, and how long each took (ack, and the full answer through
 * response_url), median of `rounds`.
 */
export async function slackTour(app: AppContext, opts: { rounds: number; say: (s: string) => void }): Promise<TourResult[]> {
  const fake = await startFakeSlack({ users: DEMO_USERS });
  const slack: SlackConfig = {
    botToken: `xoxb-demo-${randomBytes(6).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
    apiUrl: fake.apiUrl,
    supervisorIds: new Set([SUPERVISOR]),
    defaultLocale: 'en',
  };
  const slackApp = createSlackApp({ ...app, slack, tuning: { workingNoticeMs: 60_000 } });
  const server = await startHttpServer(app, 0, '127.0.0.1', slackApp.httpListener);
  // The chart links point at this server, known only once it listens.
  slack.publicUrl = server.url;
  await slackApp.start();
  const results: TourResult[] = [];
  try {
    opts.say(`\nSlack tour: the app on ${server.url}/slack/events, Slack faked at ${fake.apiUrl}\n`);
    for (const step of TOUR) {
      const r: TourResult = { ...step, ackMs: [], answerMs: [] };
      let shown: { blocks: KnownBlock[] } | undefined;
      for (let i = 0; i < opts.rounds; i++) {
        const timed = await ask(server.url, fake, slack.signingSecret, step, `${results.length}-${i}`);
        r.ackMs.push(timed.ackMs);
        r.answerMs.push(timed.answerMs);
        shown ??= timed.answer;
      }
      results.push(r);
      opts.say(`\n/pulse ${step.text}   (as ${DEMO_USERS.find((u) => u.id === step.user)!.name}; ack ${median(r.ackMs).toFixed(0)} ms, answer ${median(r.answerMs).toFixed(0)} ms)\n`);
      const link = blockKitBuilderUrl({ method: 'response_url', args: { blocks: shown?.blocks ?? [] } });
      opts.say(`${messageAsText(shown?.blocks ?? [])}\n  Block Kit Builder: ${link}\n`);
    }
  } finally {
    await slackApp.stop();
    await server.close();
    await fake.close();
  }
  return results;
}

async function ask(base: string, fake: FakeSlack, secret: string, step: { text: string; user: string }, key: string) {
  const body = new URLSearchParams({
    command: '/pulse', text: step.text, user_id: step.user, user_name: step.user, channel_id: 'C05DEMOOPS', team_id: 'T05DEMO',
    response_url: fake.responseUrl(key), trigger_id: `t-${key}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000).toString();
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const startedAt = Date.now();
  const started = performance.now();
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
  });
  await res.arrayBuffer();
  const ackMs = performance.now() - started;
  const [answer] = await fake.waitFor('response_url', 1, 60_000, (c) => c.key === key);
  return { ackMs, answerMs: answer!.at - startedAt, answer: answer!.args as { blocks: KnownBlock[] } };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
