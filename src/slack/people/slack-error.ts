import { ErrorCode } from '@slack/web-api';

/** Slack's error word for a failed call (`users_not_found`, `ratelimited`…), for logs and decisions. */
export function slackErrorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const e = err as { code: unknown; data?: { error?: unknown } };
    if (e.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
    if (typeof e.code === 'string') return e.code;
  }
  return err instanceof Error ? err.message : String(err);
}
