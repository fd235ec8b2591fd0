/**
 * The Slack app: Bolt listeners (commands, actions, events), the services behind them, pure
 * Block Kit builders, and the Web API plumbing (client policy, files, signed chart links).
 */
export { createSlackApp, type SlackApp, type SlackAppDeps } from './app.js';
