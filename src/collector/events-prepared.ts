import type { ChatwootInboundMessage, ChatwootMessageStatus } from './chatwoot/index.js';
import type { InboxEvent, RejectedEvent } from './inbox/index.js';
import { describeDbError } from './item-fallback.js';
import { boundProblems, type Problem } from './problems.js';
import type { SafeJson } from './safe-json.js';

/** The two sources that store team-inbox events. */
export type Source = 'inbox' | 'chatwoot';

/** A body ready to store; `bug`: reading it threw, so it is kept raw with that named. */
export type Prepared =
  | { raw: Buffer; receivedAt: Date; events: InboxEvent[]; statuses: ChatwootMessageStatus[]; inbound: ChatwootInboundMessage[]; rejected: RejectedEvent[]; problems: Problem[]; bug?: unknown }
  | { raw: Buffer; receivedAt: Date; error: string };

// A bug in a parser or mapper must not lose the body (Chatwoot never resends): keep it raw,
// name the failure, and let the caller log it at error level.
export function prepareSafely(raw: Buffer, receivedAt: Date, prepare: () => Prepared): Prepared {
  try {
    return prepare();
  } catch (bug) {
    const problem = { path: '', message: `internal error while reading the body (${describeDbError(bug)}); kept raw` };
    return { raw, receivedAt, events: [], statuses: [], inbound: [], rejected: [], problems: [problem], bug };
  }
}

export function unreadable(json: Exclude<SafeJson, { ok: true }>): string {
  return json.reason === 'not_json' ? 'body is not valid JSON' : `body ${json.problem.message} (at ${json.problem.path})`;
}

/** The raw_events row of a prepared body: outcome and problems from what parsing found. */
export function rawInput(source: Source, b: Prepared) {
  return {
    source,
    receivedAt: b.receivedAt,
    body: b.raw,
    signatureOk: source === 'inbox' ? true : null,
    ...('error' in b
      ? { outcome: 'rejected' as const, problems: boundProblems([{ path: '', message: b.error }]) }
      : {
          outcome:
            b.rejected.length + b.problems.length === 0
              ? ('processed' as const)
              : b.events.length + b.statuses.length + b.inbound.length
                ? ('partial' as const)
                : ('rejected' as const),
          problems: boundProblems([
            ...b.rejected.flatMap((r) => r.errors.map((e) => ({ path: `events[${r.index}].${e.field}`, message: e.message }))),
            ...b.problems,
          ]),
        }),
  };
}

