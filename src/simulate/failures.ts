import type { WaError } from './types.js';

/** Cloud API error codes the simulator produces on `failed` statuses. */
export type FailureCode = 131047 | 131026 | 131049 | 131050 | 130472 | 131000;

const HREF = '/documentation/business-messaging/whatsapp/support/error-codes';

const CATALOG: Record<FailureCode, { title: string; details: string }> = {
  131047: {
    title: 'Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131026: {
    title: 'Message undeliverable',
    details:
      'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number, or the recipient has not accepted the new Terms of Service.',
  },
  131049: {
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
  },
  131050: {
    title:
      'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    details:
      'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
  },
  130472: {
    title: "User's number is part of an experiment",
    details: "Failed to send message because this user's phone number is part of an experiment.",
  },
  131000: {
    title: 'Something went wrong',
    details: 'Message failed to send due to an unknown error. Please retry.',
  },
};

/** The `errors[]` entry of a failed status, shaped like status-failed-131047.json. */
export function waError(code: FailureCode): WaError {
  const { title, details } = CATALOG[code];
  return { code, title, message: title, error_data: { details }, href: HREF };
}
