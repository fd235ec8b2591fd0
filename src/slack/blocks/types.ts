import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../i18n/index.js';

/** What every builder returns: Block Kit blocks and the plain-text fallback Slack shows in notifications. */
export type SlackMessage = { blocks: KnownBlock[]; text: string };

/**
 * How the chart reaches the reader, decided by the caller (builders never render or upload):
 * - image: an image block whose URL wapulse serves (ephemeral answers and App Home, with PUBLIC_URL)
 * - file: the PNG is uploaded into the same channel next to the message (shared answers)
 * - dm: the PNG went to the requester's DM with the app (no PUBLIC_URL)
 * - none: no chart for this answer
 */
export type ChartDelivery = { kind: 'image'; url: string } | { kind: 'file' } | { kind: 'dm' } | { kind: 'none' };

/** Everything a builder needs besides the report JSON. */
export type BuildContext = {
  locale: Locale;
  chart: ChartDelivery;
  /**
   * The command text to re-run for the "CSV" and "Share to channel" buttons (≤ 2,000 chars, Slack's
   * button value limit); omitted → no buttons (a shared answer has no share button).
   */
  actions?: { csv?: string; share?: string };
  /** The instant a live report or "as of" line describes. */
  now: Date;
};
