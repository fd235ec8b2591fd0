/**
 * wapulse simulate: seeded, synthetic but realistic webhook traffic (WhatsApp Cloud API
 * and team inbox) for a customer-service team in Dubai. Pure: the CLI signs and posts
 * the bodies, or feeds them to the store.
 */
export { generateTraffic, simulateTraffic } from './generate.js';
export { summarizeTraffic, type TrafficSummary } from './summarize.js';
export { AGENTS, type SimAgent, type Team } from './agents.js';
export { CARE_LINE, SALES_LINE, WABA_ID, type Channel } from './context.js';
export type { FailureCode } from './failures.js';
export type * from './inbox-types.js';
export type * from './types.js';
