/** The fake Slack Web API lives in src/ because `demo --slack` starts it too; tests import it from here. */
export { blockKitBuilderUrl, startFakeSlack } from '../../src/fake-slack/index.js';
export type * from '../../src/fake-slack/index.js';
