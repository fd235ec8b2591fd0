import type { FakeSlackOptions, FakeSlackUser, FakeUpload } from './types.js';

type Reply = Record<string, unknown>;

/** State shared by the method handlers of one fake Slack. */
export type FakeState = {
  opts: FakeSlackOptions;
  url: string;
  uploads: Map<string, FakeUpload>;
  pending: Map<string, { filename: string; alt_text?: string }>;
  seq: number;
  now: () => number;
};

const BOT = { user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', team_id: 'T0FAKE', user: 'wapulse', team: 'Fake Workspace' };

/** The Web API's answer to `method`, as Slack would give it for a well-formed request. */
export function answer(state: FakeState, method: string, args: Record<string, unknown>): Reply {
  const missing = missingArgument(method, args);
  if (missing) return { ok: false, error: missing };
  switch (method) {
    case 'auth.test':
      return { ok: true, url: `${state.url}/`, ...BOT };
    case 'chat.postMessage':
      return { ok: true, channel: args.channel, ts: nextTs(state), message: { text: args.text, blocks: args.blocks, user: BOT.user_id } };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: nextTs(state) };
    case 'chat.update':
      return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
    case 'views.publish':
      return { ok: true, view: { id: `V${pad(++state.seq)}`, ...(args.view as object) } };
    case 'conversations.open':
      return { ok: true, channel: { id: dmId(String(args.users ?? args.channel ?? '')) } };
    case 'users.info':
      return userInfo(state.opts.users ?? [], String(args.user), truthy(args.include_locale));
    case 'users.lookupByEmail': {
      const email = String(args.email).toLowerCase();
      const user = (state.opts.users ?? []).find((u) => u.email?.toLowerCase() === email);
      return user ? { ok: true, user: userObject(user, false) } : { ok: false, error: 'users_not_found' };
    }
    case 'usergroups.users.list': {
      const members = state.opts.userGroups?.[String(args.usergroup)];
      return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
    }
    case 'files.getUploadURLExternal': {
      if (!args.filename || !args.length) return { ok: false, error: 'invalid_arguments' };
      const fileId = `F${pad(++state.seq)}`;
      state.pending.set(fileId, { filename: String(args.filename), alt_text: args.alt_text as string | undefined });
      return { ok: true, upload_url: `${state.url}/upload/${fileId}`, file_id: fileId };
    }
    case 'files.completeUploadExternal':
      return completeUpload(state, args);
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

// Slack's answers to the mistakes an app can make with these methods, so tests catch them here.
function missingArgument(method: string, args: Record<string, unknown>): string | undefined {
  const isMessage = method === 'chat.postMessage' || method === 'chat.postEphemeral' || method === 'chat.update';
  if (isMessage && !args.channel) return 'channel_not_found';
  if (isMessage && !args.text && !args.blocks && !args.attachments) return 'no_text';
  if (method === 'chat.postEphemeral' && !args.user) return 'user_not_found';
  if (method === 'chat.update' && !args.ts) return 'message_not_found';
  if (method === 'views.publish' && (!args.user_id || typeof args.view !== 'object')) return 'invalid_arguments';
  if (method === 'conversations.open' && !args.users && !args.channel) return 'users_list_not_supplied';
  return undefined;
}

function completeUpload(state: FakeState, args: Record<string, unknown>): Reply {
  const files = Array.isArray(args.files) ? (args.files as { id: string; title?: string }[]) : [];
  if (!files.length) return { ok: false, error: 'invalid_arguments' };
  const done = [];
  for (const f of files) {
    const upload = state.uploads.get(f.id);
    // Slack answers file_not_found for an id that was never uploaded to its URL.
    if (!upload) return { ok: false, error: 'file_not_found' };
    upload.title = f.title;
    done.push({ id: f.id, title: f.title, name: upload.filename, channels: args.channel_id ? [args.channel_id] : [] });
  }
  return { ok: true, files: done };
}

function userInfo(users: FakeSlackUser[], id: string, withLocale: boolean): Reply {
  const user = users.find((u) => u.id === id);
  return user ? { ok: true, user: userObject(user, withLocale) } : { ok: false, error: 'user_not_found' };
}

// Slack sends `locale` only when include_locale=true is asked for, which is what the app must do.
function userObject(u: FakeSlackUser, withLocale: boolean): Reply {
  return {
    id: u.id,
    name: u.name,
    real_name: u.realName ?? u.name,
    tz: u.tz,
    ...(withLocale && u.locale ? { locale: u.locale } : {}),
    profile: { real_name: u.realName ?? u.name, display_name: u.name, email: u.email },
  };
}

/** Slack-shaped message ts: seconds, a dot, six digits; unique within the fake. */
function nextTs(state: FakeState): string {
  return `${Math.floor(state.now() / 1000)}.${pad(++state.seq)}`;
}

// A stable DM id per user (D + the user id without its U), so tests can predict it.
function dmId(users: string): string {
  const first = users.split(',')[0]!.trim();
  return `D${first.replace(/^[UW]/, '') || 'UNKNOWN'}`;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

function pad(n: number): string {
  return String(n).padStart(6, '0');
}
