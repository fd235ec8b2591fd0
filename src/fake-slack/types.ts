/** A workspace member the fake answers users.info and users.lookupByEmail for. */
export type FakeSlackUser = { id: string; name: string; realName?: string; locale?: string; tz?: string; email?: string };

export type FakeSlackOptions = {
  users?: FakeSlackUser[];
  /** User group id → member ids, for usergroups.users.list. */
  userGroups?: Record<string, string[]>;
  /**
   * When set, Web API calls must carry `Authorization: Bearer <token>` (as @slack/web-api sends
   * it); others get `not_authed` (no token) or `invalid_auth` (another one), as Slack answers.
   */
  token?: string;
  /** Clock for call timestamps and message ts; the wall clock by default. */
  now?: () => number;
};

/** One recorded request. `method` is the Web API method, 'upload' or 'response_url'. */
export type FakeSlackCall = {
  method: string;
  /** Parsed arguments (JSON fields such as `blocks` and `view` as objects); never the token. */
  args: Record<string, unknown>;
  /** Milliseconds since the epoch, from `now`. */
  at: number;
  /** The response_url key, or the file id of an upload. */
  key?: string;
  /** The error the fake answered with ('ratelimited' for a 429), when it did. */
  error?: string;
};

/** What a scripted call answers instead of the normal reply. */
export type ScriptedReply = { ratelimited: number } | { error: string };

/** Bytes received at an upload URL, with the metadata of files.getUploadURLExternal / completeUploadExternal. */
export type FakeUpload = { bytes: Buffer; filename: string; title?: string; alt_text?: string };

export type FakeSlack = {
  /** Web API base ending in /api/ (SLACK_API_URL). */
  apiUrl: string;
  /** Server root, no trailing slash. */
  url: string;
  calls: FakeSlackCall[];
  uploads: Map<string, FakeUpload>;
  callsTo(method: string): FakeSlackCall[];
  /** Resolves with the calls to `method` (those `where` accepts) once there are at least `count` (default 1). */
  waitFor(method: string, count?: number, timeoutMs?: number, where?: (call: FakeSlackCall) => boolean): Promise<FakeSlackCall[]>;
  /** The next `times` (default 1) calls to `method` get `reply`. */
  script(method: string, reply: ScriptedReply, opts?: { times?: number }): void;
  /** A URL to hand out as Slack's `response_url`; its POSTs are recorded as 'response_url' with `key`. */
  responseUrl(key: string): string;
  close(): Promise<void>;
};
