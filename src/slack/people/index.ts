/** Who is asking: supervisors, the agent a Slack user is, their profile and language. */
export { createSupervisorCheck, type SupervisorCheck } from './supervisor-check.js';
export { createUserProfiles, type UserProfile, type UserProfiles } from './user-profiles.js';
export { createAgentLinks, type AgentLinks, type LinkedAgent } from './agent-links.js';
export { pickLocale } from './pick-locale.js';
export { createTtlCache, type TtlCache } from './ttl-cache.js';
