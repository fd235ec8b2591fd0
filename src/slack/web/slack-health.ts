import type { Logger } from '../../log.js';

/** Slack's state as /readyz reports it. */
export type SlackStatus = { kind: 'ok' } | { kind: 'unavailable'; reason: string };

/**
 * Whether Slack accepts our token. An auth failure (invalid_auth, token_revoked, …) does not heal
 * by itself, so it is logged once at error level — not on every call that hits it — and kept
 * until a call succeeds again (someone reinstalled the app and restarted with a new token).
 */
export type SlackHealth = {
  status(): SlackStatus;
  /** Records an auth failure; logs only when Slack was not already marked unavailable for this code. */
  markAuthFailure(code: string): void;
  /** Records a successful call; logs the recovery once. */
  markOk(): void;
};

/** A SlackHealth starting available. */
export function createSlackHealth(log: Logger): SlackHealth {
  let status: SlackStatus = { kind: 'ok' };
  return {
    status: () => status,
    markAuthFailure(code) {
      if (status.kind === 'unavailable' && status.reason === code) return;
      status = { kind: 'unavailable', reason: code };
      log.error({ slackError: code }, 'Slack rejected the bot token; Slack features are unavailable until it is fixed');
    },
    markOk() {
      if (status.kind === 'ok') return;
      status = { kind: 'ok' };
      log.info('Slack accepts the bot token again');
    },
  };
}

/** The `slack` field of /readyz: 'ok', 'unavailable: <code>' or 'not configured'. */
export function describeSlackStatus(health: SlackHealth | undefined): string {
  if (!health) return 'not configured';
  const s = health.status();
  switch (s.kind) {
    case 'ok':
      return 'ok';
    case 'unavailable':
      return `unavailable: ${s.reason}`;
    default: {
      const never: never = s;
      return never;
    }
  }
}
