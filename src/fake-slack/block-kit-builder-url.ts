import type { FakeSlackCall } from './types.js';

/**
 * A link that opens a recorded message or view in Slack's Block Kit Builder, for `demo --slack`:
 * the Builder reads its payload from the URL fragment, JSON then URI-encoded. Messages open as
 * `{ blocks }`, a views.publish as its view (`{ type: 'home', blocks }`). Undefined for calls
 * with nothing to show.
 */
export function blockKitBuilderUrl(call: Pick<FakeSlackCall, 'method' | 'args'>): string | undefined {
  const view = call.args.view as { type?: string; blocks?: unknown[] } | undefined;
  const payload = view?.blocks ? { type: view.type ?? 'home', blocks: view.blocks } : call.args.blocks ? { blocks: call.args.blocks } : undefined;
  return payload ? `https://app.slack.com/block-kit-builder/#${encodeURIComponent(JSON.stringify(payload))}` : undefined;
}
