/** A fake Slack Web API on loopback that records every call: for tests and `demo --slack`. */
export { blockKitBuilderUrl, startFakeSlack } from './server.js';
export type * from './types.js';
export { eventBody, interactionBody, signedSlackRequest, slashCommandBody, type SignedHeaders, type SlashCommand } from './slack-requests.js';
