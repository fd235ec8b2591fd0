import { chartForReport } from '../../charts/index.js';
import type { Locale } from '../../i18n/index.js';
import type { ReportResult } from '../../metrics/index.js';
import type { ChartDelivery } from '../blocks/types.js';
import { chartLinkKey, publishChart } from '../chart-links/index.js';
import { openDm, uploadFile } from '../web/index.js';
import type { SlackServices } from './types.js';

/** How long a chart link stays valid: Slack fetches image blocks again when the message is shown. */
export const CHART_LINK_TTL_MS = 7 * 86_400_000;

export type ChartPlan = {
  delivery: ChartDelivery;
  /** Work that must follow the message (a shared chart is uploaded after it, into the same channel). */
  after?: (channelId: string) => Promise<void>;
};

/**
 * Draws the report's chart (if it has one) and decides how it reaches the reader
 * (Slack docs: image blocks need a public URL Slack can fetch; files need files:write):
 * - shared answer → uploaded into the channel with the external upload flow, after the message;
 * - ephemeral answer with PUBLIC_URL → an image block pointing at a signed, expiring link here;
 * - ephemeral answer without PUBLIC_URL (Socket Mode behind a firewall) → the PNG goes to the
 *   requester's DM with the app, and the answer says so.
 */
export async function planChart(
  svc: SlackServices,
  result: ReportResult,
  opts: { share: boolean; userId: string; locale: Locale; title: string },
): Promise<ChartPlan> {
  const png = await chartForReport(result, { locale: opts.locale });
  if (!png) return { delivery: { kind: 'none' } };
  const file = { bytes: png, filename: `${result.report}.png`, title: opts.title, altText: opts.title };
  if (opts.share) {
    return { delivery: { kind: 'file' }, after: async (channelId) => void (await uploadFile(svc.client, { channelId, ...file })) };
  }
  const publicUrl = svc.slack.publicUrl;
  if (publicUrl) {
    // A write, so the primary: GET /charts reads it back from the primary too, since a replica
    // may not have the row yet when Slack fetches the image a moment later.
    const url = await publishChart(svc.store.db, png, { publicUrl, key: chartLinkKey(svc.slack.signingSecret), now: svc.now, ttlMs: CHART_LINK_TTL_MS });
    return { delivery: { kind: 'image', url } };
  }
  const dm = await openDm(svc.client, opts.userId);
  await uploadFile(svc.client, { channelId: dm, ...file });
  return { delivery: { kind: 'dm' } };
}
