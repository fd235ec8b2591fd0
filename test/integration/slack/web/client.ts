import type { SlackConfig } from '../../../../src/config.js';
import { createLogger, type Logger } from '../../../../src/log.js';
import { createSlackClient, type SlackClientExtras } from '../../../../src/slack/web/slack-client.js';

/** A real WebClient pointed at a fake Slack, with the token tests look for in recordings. */
export const TEST_BOT_TOKEN = 'xoxb-test-0000-secret';

export function slackConfigFor(apiUrl: string): SlackConfig {
  return {
    botToken: TEST_BOT_TOKEN,
    signingSecret: 'test-signing-secret',
    apiUrl,
    supervisorIds: new Set(),
    defaultLocale: 'en',
  };
}

export function clientFor(apiUrl: string, log: Logger = createLogger('silent'), extras: SlackClientExtras = {}) {
  return createSlackClient(slackConfigFor(apiUrl), log, extras);
}
