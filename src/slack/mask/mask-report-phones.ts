import type { ReportResult } from '../../metrics/index.js';
import type { LiveReport } from '../../metrics/index.js';
import { maskPhone, maskPhonesInText } from './mask-phone.js';

type Contact = { waId: string | null; name: string | null };
type LiveContact = Contact & { lastMessagePreview?: string | null };

const orNull = <T>(v: T | null, f: (v: T) => T): T | null => (v === null ? null : f(v));

/**
 * A copy of a report with every phone number masked (maskPhone), for Slack text, charts, CSV
 * and the App Home when SHOW_PHONE_NUMBERS is off. The fields, from the report types in
 * src/metrics:
 * - messages and failures: `byChannel[].displayPhoneNumber` (the business number);
 * - live: the contacts in `queue[]` and `assignees[].conversations[]`: `waId` (the contact's
 *   WhatsApp number); their `name` (a profile name is sometimes just the number) and the
 *   queue's `lastMessagePreview` (people type their other number) through maskPhonesInText.
 * Not masked, because they are not phone numbers: `phone_number_id` (`channel`,
 * `phoneNumberId`, `filters.channel`: Meta's numeric id of the number, like 106540352242922),
 * `userId` (a business-scoped user id), contact and conversation ids. Overview, agents,
 * busy-hours, contacts and conversations carry no phone number and are returned as they are.
 */
export function maskReportPhones(result: ReportResult): ReportResult {
  switch (result.report) {
    case 'messages':
      return { ...result, byChannel: result.byChannel.map((c) => ({ ...c, displayPhoneNumber: orNull(c.displayPhoneNumber, maskPhone) })) };
    case 'failures':
      return { ...result, byChannel: result.byChannel.map((c) => ({ ...c, displayPhoneNumber: orNull(c.displayPhoneNumber, maskPhone) })) };
    case 'live':
      return maskLive(result);
    case 'overview':
    case 'agents':
    case 'busy-hours':
    case 'contacts':
    case 'conversations':
      return result;
    default: {
      const never: never = result;
      throw new Error(`unknown report ${JSON.stringify(never)}`);
    }
  }
}

function maskLive(r: LiveReport): LiveReport {
  return {
    ...r,
    queue: r.queue.map((q) => ({ ...maskContact(q), lastMessagePreview: orNull(q.lastMessagePreview, maskPhonesInText) })),
    assignees: r.assignees.map((a) => ({ ...a, conversations: a.conversations.map(maskContact) })),
  };
}

function maskContact<T extends LiveContact>(c: T): T {
  return { ...c, waId: orNull(c.waId, maskPhone), name: orNull(c.name, maskPhonesInText) };
}
