import type { ReportResult } from '../../metrics/index.js';
import { agentsAnswer } from '../blocks/agents.js';
import { busyHoursAnswer } from '../blocks/busy-hours.js';
import { contactsAnswer } from '../blocks/contacts.js';
import { conversationsAnswer } from '../blocks/conversations.js';
import { failuresAnswer } from '../blocks/failures.js';
import { liveAnswer } from '../blocks/live.js';
import { messagesAnswer } from '../blocks/messages.js';
import { overviewAnswer } from '../blocks/overview.js';
import type { BuildContext, SlackMessage } from '../blocks/types.js';

/**
 * The Block Kit answer for a report, by its kind: one builder per report, all pure. `page`
 * (1-based) and `command` serve the agents list's "Next page"; `tz` is the zone a live
 * answer's "as of" is told in (a live report has no window of its own).
 */
export function answerMessage(result: ReportResult, ctx: BuildContext, opts: { page: number; command: string; tz: string }): SlackMessage {
  switch (result.report) {
    case 'overview':
      return overviewAnswer(result, ctx);
    case 'messages':
      return messagesAnswer(result, ctx);
    case 'failures':
      return failuresAnswer(result, ctx);
    case 'conversations':
      return conversationsAnswer(result, ctx);
    case 'agents':
      return agentsAnswer(result, { ...ctx, page: opts.page, command: opts.command });
    case 'contacts':
      return contactsAnswer(result, ctx);
    case 'busy-hours':
      return busyHoursAnswer(result, ctx);
    case 'live':
      return liveAnswer(result, { ...ctx, tz: opts.tz });
    default: {
      const never: never = result;
      throw new Error(`no answer builder for ${JSON.stringify(never)}`);
    }
  }
}
