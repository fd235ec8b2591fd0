import type { Config } from '../config.js';
import type { ReportContext } from '../metrics/index.js';

/** Report options from configuration (business hours, staffing parameters) and the clock. */
export function reportContext(config: Config, now: Date): ReportContext {
  return { now, ...config.reports };
}
