import type { ReportResult } from '../../metrics/index.js';
import { maskPhone } from '../mask/index.js';
import type { SlackServices } from './types.js';

/**
 * The report with its filters in people's words, for the answer's header and context line:
 * the agent's name instead of its id, the business number (masked unless SHOW_PHONE_NUMBERS)
 * instead of its phone_number_id. Only what the reader sees changes; CSV keeps the ids.
 */
export async function withFilterNames<T extends ReportResult>(svc: SlackServices, result: T): Promise<T> {
  const f = result.filters;
  if (!f.agent && !f.channel) return result;
  const db = svc.reports.db;
  const [agent, channel] = await Promise.all([
    f.agent ? db.selectFrom('agents').select('name').where('id', '=', f.agent).executeTakeFirst() : undefined,
    f.channel ? db.selectFrom('channels').select('display_phone_number').where('phone_number_id', '=', f.channel).executeTakeFirst() : undefined,
  ]);
  const number = channel?.display_phone_number ? `+${channel.display_phone_number.replace(/^\+/, '')}` : undefined;
  return {
    ...result,
    filters: {
      ...f,
      ...(agent?.name ? { agent: agent.name } : {}),
      ...(number ? { channel: svc.config.showPhoneNumbers ? number : maskPhone(number) } : {}),
    },
  };
}
