import type { RequestListener } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { boltLogger } from './bolt-logger.js';
import * as actions from './listeners/actions/index.js';
import * as commands from './listeners/commands/index.js';
import * as events from './listeners/events/index.js';
import { createAgentLinks, createSupervisorCheck, createUserProfiles } from './people/index.js';
import type { SlackServices } from './services/types.js';
import type { Store } from '../store/index.js';
import { classifySlackError, createSlackClient, createSlackHealth, slackClientOptions, type SlackHealth } from './web/index.js';

export type SlackAppDeps = Pick<SlackServices, 'config' | 'slack' | 'store' | 'log' | 'metrics' | 'now'> & {
  /** Report reads (REPORTS_DATABASE_URL's pool); absent = `store`. */
  reports?: Store;
  health?: SlackHealth;
  /** Overrides for tests (a slow "working on it" threshold, short caches). */
  tuning?: Partial<{ workingNoticeMs: number; cacheTtlMs: number }>;
};

export type SlackApp = {
  app: App;
  services: SlackServices;
  /** HTTP mode: the listener to mount at /slack/* on the collector's port; undefined in Socket Mode. */
  httpListener?: RequestListener;
  /**
   * Checks the token (auth.test) and, in Socket Mode, starts connecting in the background. Never
   * throws: a bad token is logged and shown in /readyz.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
};

// Caches of Slack lookups (user locale, email links, the supervisor group) live this long.
const CACHE_TTL_MS = 10 * 60_000;
const WORKING_NOTICE_MS = 1_500;

/**
 * The Slack app: Bolt for JS, in HTTP mode on the collector's own port (/slack/events, Bolt's
 * HTTPReceiver verifying Slack's signature and 5-minute replay window) or in Socket Mode when
 * SLACK_APP_TOKEN is set. Listeners only ack and call services; the services build answers
 * from the same reports the CLI prints.
 */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { slack, log } = deps;
  const logger = boltLogger(log);
  const health = deps.health ?? createSlackHealth(log);
  // The same policy (bounded retries, Retry-After cap, health on auth errors) for Bolt's client.
  const clientOptions = slackClientOptions(slack, log, { health });
  const receiver = slack.appToken
    ? undefined
    : new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events', logger, processBeforeResponse: false });
  // One auth.test, in start(): Bolt's own token mode would call it on every request (with
  // verification off) or as an unhandled promise at construction (with it on).
  const identity: { botId?: string; botUserId?: string } = {};
  const app = new App({
    authorize: async () => ({ botToken: slack.botToken, ...identity }),
    ...(receiver ? { receiver } : { socketMode: true, appToken: slack.appToken }),
    logger,
    clientOptions,
  });
  const client = createSlackClient(slack, log, { health });
  const ttlMs = deps.tuning?.cacheTtlMs ?? CACHE_TTL_MS;
  const reports = deps.reports ?? deps.store;
  const services: SlackServices = {
    config: deps.config,
    slack,
    store: deps.store,
    reports,
    log,
    metrics: deps.metrics,
    now: deps.now,
    client,
    health,
    supervisors: createSupervisorCheck({ ids: slack.supervisorIds, group: slack.supervisorGroup, client, ttlMs, now: deps.now, log }),
    profiles: createUserProfiles({ client, ttlMs, now: deps.now }),
    agents: createAgentLinks({ db: reports.db, client, ttlMs, now: deps.now }),
    workingNoticeMs: deps.tuning?.workingNoticeMs ?? WORKING_NOTICE_MS,
  };
  commands.register(app, services);
  actions.register(app, services);
  events.register(app, services);
  app.error(async (err) => {
    log.error({ err }, 'unhandled error in a Slack listener');
  });
  return {
    app,
    services,
    httpListener: receiver?.requestListener,
    async start() {
      try {
        const auth = await client.auth.test();
        Object.assign(identity, { botId: auth.bot_id, botUserId: auth.user_id });
        health.markOk();
        log.info({ team: auth.team, bot: auth.user }, `Slack app ready (${slack.appToken ? 'Socket Mode' : 'HTTP mode, /slack/events'})`);
      } catch (err) {
        const kind = classifySlackError(err);
        if (kind.kind === 'auth') health.markAuthFailure(kind.code);
        else log.warn({ slackError: kind }, 'could not check the Slack token (auth.test); will answer when Slack does');
      }
      if (!slack.appToken) return;
      // Not awaited: the socket client keeps retrying until Slack accepts (each refusal logged by
      // Bolt), and the collector must not wait on Slack to serve webhooks.
      app.start().catch((err: unknown) => {
        log.error({ slackError: classifySlackError(err) }, 'Slack Socket Mode could not connect (apps.connections.open); check SLACK_APP_TOKEN');
      });
    },
    async stop() {
      if (slack.appToken) await app.stop();
    },
  };
}
