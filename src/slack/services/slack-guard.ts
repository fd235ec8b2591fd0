import type { Locale } from '../../i18n/index.js';
import { apology, notInChannel } from '../blocks/notices.js';
import { classifySlackError, newErrorRef } from '../web/index.js';
import type { Caller, SlackServices } from './types.js';

/**
 * Runs one answer and turns whatever goes wrong into a reply the caller can act on
 * (issue 9, "Slack errors"): the bot not in the channel → how to invite it; a revoked or
 * invalid token → logged once and /readyz says Slack is unavailable; anything else → an
 * apology with a reference id that is also in the log line with the full error. Never throws:
 * a listener that throws would only reach Bolt's generic error log.
 */
export async function guarded(svc: SlackServices, caller: Caller, locale: Locale, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const kind = classifySlackError(err);
    svc.metrics.slackErrors.inc({ kind: kind.kind });
    if (kind.kind === 'not_in_channel') {
      await reply(svc, caller, notInChannel(locale, `<#${caller.channelId}>`));
      return;
    }
    if (kind.kind === 'auth') svc.health.markAuthFailure(kind.code);
    const ref = newErrorRef();
    svc.log.error({ ref, err, user: caller.userId, slackError: kind }, 'a /pulse answer failed');
    await reply(svc, caller, apology(locale, ref));
  }
}

/** A reply through response_url; if even that fails (expired after 30 min), it is only logged. */
export async function reply(svc: SlackServices, caller: Caller, message: Parameters<Caller['respond']>[0]): Promise<void> {
  try {
    await caller.respond(message);
  } catch (err) {
    svc.log.warn({ reason: (err as Error).message, user: caller.userId }, 'could not reply through response_url');
  }
}

/**
 * Shows "working on it" when the answer takes longer than svc.workingNoticeMs. `shown()` waits
 * for that notice to have been delivered (so the answer, which replaces it, can never arrive
 * first and be overwritten by it) and tells whether the answer should replace it.
 */
export function workingNotice(svc: SlackServices, caller: Caller, message: Parameters<Caller['respond']>[0]) {
  let sent: Promise<void> | undefined;
  const timer = setTimeout(() => {
    sent = reply(svc, caller, message);
  }, svc.workingNoticeMs);
  return {
    shown: async (): Promise<boolean> => {
      clearTimeout(timer);
      if (!sent) return false;
      await sent;
      return true;
    },
    stop: () => clearTimeout(timer),
  };
}
