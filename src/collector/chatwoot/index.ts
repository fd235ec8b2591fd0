export { channelKey } from './ids.js';
export { MAPPED_CHATWOOT_EVENTS, mapChatwootWebhook, type MappedChatwootEvent } from './map-webhook.js';
export type { ChatwootInboundMessage, ChatwootMapOptions, ChatwootMapResult, ChatwootMessageStatus } from './mapping.js';
export { parseChatwootTime } from './time.js';
