export { openDm, uploadFile, type FileUpload } from './deliver.js';
export {
  createSlackClient,
  DEFAULT_RETRY_LIMITS,
  slackClientOptions,
  type SlackClientExtras,
  type SlackRetryLimits,
  type WebClient,
} from './slack-client.js';
export { classifySlackError, newErrorRef, slackErrorCode, type AuthCode, type SlackErrorClass } from './slack-errors.js';
export { createSlackHealth, describeSlackStatus, type SlackHealth, type SlackStatus } from './slack-health.js';
