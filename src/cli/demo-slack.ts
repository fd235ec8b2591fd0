import { randomBytes } from 'node:crypto';
import type { RequestListener, ServerResponse } from 'node:http';
import type { KnownBlock } from '@slack/types';
import type { SlackConfig } from '../config.js';
import { blockKitBuilderUrl, eventBody, signedSlackRequest, slashCommandBody, startFakeSlack, type FakeSlack } from '../fake-slack/index.js';
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

type Step = { kind: 'command'; text: string; user: string } | { kind: 'home'; user: string };

const TOUR: Step[] = [
  { kind: 'command', text: 'help', user: SUPERVISOR },
  { kind: 'command', text: 'overview 7d', user: SUPERVISOR },
  { kind: 'command', text: 'messages 7d', user: SUPERVISOR },
  { kind: 'command', text: 'failures 7d', user: SUPERVISOR },
  { kind: 'command', text: 'agents 7d', user: SUPERVISOR },
  { kind: 'command', text: 'busy 7d', user: SUPERVISOR },
  { kind: 'command', text: 'contacts 7d', user: SUPERVISOR },
  { kind: 'command', text: 'conversations 7d', user: SUPERVISOR },
  { kind: 'command', text: 'live', user: SUPERVISOR },
  { kind: 'command', text: 'me 7d', user: 'U05LAYLA01' },
  { kind: 'command', text: 'me 7d', user: 'U05PRIYA03' },
  { kind: 'command', text: 'agents 7d', user: 'U05PRIYA03' },
  { kind: 'home', user: SUPERVISOR },
  { kind: 'home', user: 'U05LAYLA01' },
];

export type TourResult = Step & { ackMs: number[]; answerMs: number[] };

/**
 * `demo --slack`: the Slack app against a fake Slack Web API on loopback, driven by signed
 * /pulse requests to its real Bolt receiver — what a workspace would see, printed as text with a
 * Block Kit Builder link per answer, and how long each took, median of `rounds`: the ack (request
 * in → 200 out, timed in the server) and the full answer (request sent → the answer posted to
 * response_url, as the fake Slack records it).
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
  const acks = timedAcks(slackApp.httpListener!);
  const server = await startHttpServer(app, 0, '127.0.0.1', acks.listener);
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
        const key = `${results.length}-${i}`;
        const timed = step.kind === 'home' ? await openHome(server.url, fake, slack.signingSecret, step, key) : await ask(server.url, fake, slack.signingSecret, step, key);
        r.ackMs.push(acks.last());
        r.answerMs.push(timed.answerMs);
        shown ??= timed.answer;
      }
      results.push(r);
      const what = step.kind === 'home' ? 'App Home opened' : `/pulse ${step.text}`;
      const as = DEMO_USERS.find((u) => u.id === step.user)!.name;
      opts.say(`\n${what}   (as ${as}; ack ${median(r.ackMs).toFixed(0)} ms, ${step.kind === 'home' ? 'published' : 'answer'} ${median(r.answerMs).toFixed(0)} ms)\n`);
      const link = blockKitBuilderUrl(step.kind === 'home' ? { method: 'views.publish', args: { view: { type: 'home', blocks: shown?.blocks ?? [] } } } : { method: 'response_url', args: { blocks: shown?.blocks ?? [] } });
      opts.say(`${messageAsText(shown?.blocks ?? [])}\n  Block Kit Builder: ${link}\n`);
    }
  } finally {
    await slackApp.stop();
    await server.close();
    await fake.close();
  }
  return results;
}

type Timed = { answerMs: number; answer: { blocks: KnownBlock[] } };

/** A signed /pulse, timed to its answer on response_url. */
async function ask(base: string, fake: FakeSlack, secret: string, step: Extract<Step, { kind: 'command' }>, key: string): Promise<Timed> {
  const body = slashCommandBody({ text: step.text, user_id: step.user, channel_id: 'C05DEMOOPS', team_id: 'T05DEMO', response_url: fake.responseUrl(key), trigger_id: `t-${key}` });
  const startedAt = await signedPost(base, secret, body);
  const [answer] = await fake.waitFor('response_url', 1, 60_000, (c) => c.key === key);
  return { answerMs: answer!.at - startedAt, answer: answer!.args as Timed['answer'] };
}

/** A signed app_home_opened event, timed to its views.publish. */
async function openHome(base: string, fake: FakeSlack, secret: string, step: Extract<Step, { kind: 'home' }>, key: string): Promise<Timed> {
  const seen = fake.callsTo('views.publish').length;
  const body = eventBody({ type: 'app_home_opened', user: step.user, channel: 'D05DEMO', tab: 'home', event_ts: `${Date.now() / 1000}` }, { teamId: 'T05DEMO', eventId: `Ev${key}` });
  const startedAt = await signedPost(base, secret, body);
  const calls = await fake.waitFor('views.publish', seen + 1, 60_000);
  const view = calls[seen]!.args.view as { blocks: KnownBlock[] };
  return { answerMs: calls[seen]!.at - startedAt, answer: view };
}

/** POSTs `body` signed as Slack signs it; returns when it was sent. */
async function signedPost(base: string, secret: string, body: string): Promise<number> {
  const startedAt = Date.now();
  const res = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: signedSlackRequest(secret, body) });
  await res.arrayBuffer();
  return startedAt;
}

/**
 * Times each ack where it happens: from the request reaching Bolt's listener to the 200 handed to
 * the socket (res.end). Timing it from this process's own fetch would add the report's work: the
 * embedded database computes on this same thread, and the client could only read the ack
 * between two of its queries. Requests are sent one at a time, so the last one is the one asked.
 */
function timedAcks(listener: RequestListener) {
  let last = Number.NaN;
  return {
    last: () => last,
    listener: ((req, res) => {
      const arrived = performance.now();
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        last = performance.now() - arrived;
        return end(...args);
      }) as ServerResponse['end'];
      listener(req, res);
    }) as RequestListener,
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
