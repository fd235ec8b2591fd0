import type { MessageItem } from './payload.js';

const MAX_PREVIEW = 200;

/**
 * A short human preview of a message, for alerts ("last message") and reports.
 * Text bodies and captions verbatim (cut at 200 characters), other types as `[type]`.
 */
export function preview(m: MessageItem): string | null {
  const body = (m as Record<string, unknown>)[m.type] as Record<string, unknown> | undefined;
  const text =
    m.text?.body ??
    str(body?.caption) ??
    str((body?.button_reply as Record<string, unknown> | undefined)?.title) ??
    str((body?.list_reply as Record<string, unknown> | undefined)?.title) ??
    str(body?.text) ??
    str(body?.emoji);
  const out = text ?? `[${m.type}]`;
  return [...out].slice(0, MAX_PREVIEW).join('');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
