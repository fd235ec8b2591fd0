import type { Locale } from '../../i18n/index.js';
import type { ReportResult } from '../../metrics/index.js';
import { reportCsv } from '../../tables/index.js';
import { openDm, uploadFile } from '../web/index.js';
import type { SlackServices } from './types.js';

/**
 * Sends the report's CSV (its main table, headers in the caller's language; the CLI's
 * `--format csv`) to the requester's DM with the app: exports are personal, never posted to
 * the channel the command came from.
 */
export async function sendCsv(svc: SlackServices, userId: string, result: ReportResult, locale: Locale): Promise<void> {
  // The main section: no section name comes from Slack, so it cannot be unknown.
  const exported = reportCsv(result, { locale });
  if (!exported.ok) throw new Error(`no CSV section ${exported.section} in ${exported.report}`);
  const csv = exported.csv;
  const dm = await openDm(svc.client, userId);
  const span = 'window' in result ? `-${localDay(result.window.from, result.window.tz)}..${localDay(result.window.to, result.window.tz, -1)}` : '';
  await uploadFile(svc.client, { channelId: dm, bytes: Buffer.from(csv, 'utf8'), filename: `wapulse-${result.report}${span}.csv`, title: `${result.report}${span}` });
}

// The file name carries the local days it covers, both included: wapulse-agents-2026-11-24..2026-11-30.csv
function localDay(iso: string, tz: string, shiftMs = 0): string {
  const at = new Date(new Date(iso).getTime() + shiftMs);
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
