import type { ReportResult } from '../../metrics/index.js';
import { maskReportPhones } from '../mask/index.js';
import type { SlackServices } from './types.js';

/** The report as Slack may show it: phone numbers masked unless SHOW_PHONE_NUMBERS=true. */
export function visibleReport<T extends ReportResult>(svc: SlackServices, result: T): T {
  return svc.config.showPhoneNumbers ? result : (maskReportPhones(result) as T);
}
