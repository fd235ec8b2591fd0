import type { WebClient } from '@slack/web-api';
import type { Config, SlackConfig } from '../../config.js';
import type { Locale } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import type { AppMetrics } from '../../observability/metrics.js';
import type { Store } from '../../store/index.js';
import type { SlackMessage } from '../blocks/types.js';
import type { AgentLinks, SupervisorCheck, UserProfiles } from '../people/index.js';
import type { SlackHealth } from '../web/index.js';

/** What every Slack service needs, built once per process by createSlackApp and injected. */
export type SlackServices = {
  config: Config;
  slack: SlackConfig;
  /** Writes (chart images) and nothing else: the primary, DATABASE_URL. */
  store: Store;
  /** Report reads: the read replica when REPORTS_DATABASE_URL is set, else the same store. */
  reports: Store;
  log: Logger;
  metrics: AppMetrics;
  now: () => Date;
  client: WebClient;
  health: SlackHealth;
  supervisors: SupervisorCheck;
  profiles: UserProfiles;
  agents: AgentLinks;
  /** Waits this long for a report before showing "working on it" (ms). */
  workingNoticeMs: number;
};

/** Replies to the person who asked, through Slack's response_url (ephemeral unless in_channel). */
export type Respond = (message: SlackMessage & { replace_original?: boolean; response_type?: 'ephemeral' | 'in_channel' }) => Promise<unknown>;

/** Who asked, where, and how to answer them. */
export type Caller = { userId: string; channelId: string; respond: Respond; locale?: Locale };
