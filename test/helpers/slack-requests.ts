/** Signed Slack requests live in src/ because `demo --slack` sends them too; tests import them from here. */
export * from '../../src/fake-slack/slack-requests.js';
