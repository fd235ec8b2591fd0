import { join } from 'node:path';
import { z } from 'zod';
import { parseBusinessHours, type BusinessHours } from './metrics/business-hours.js';
import { isValidZone } from './metrics/period.js';

/**
 * Every environment variable wapulse reads, validated once at start.
 * Secrets are optional individually: a webhook source whose secret is unset is switched off
 * (and says so in the log) rather than running unauthenticated.
 */
const optionalSecret = (name: string) =>
  z
    .string()
    .min(8, `${name} must be at least 8 characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * A whole number within [min, max], with messages that name the variable and its unit, e.g.
 * "PORT must be a whole number from 1 to 65535" rather than the library's "expected number".
 */
const wholeNumber = (name: string, unit: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
  const range = max === Number.MAX_SAFE_INTEGER ? `, at least ${min}` : ` from ${min} to ${max}`;
  const say = `${name} must be a whole number${unit ? ` of ${unit}` : ''}${range}`;
  return z.coerce.number({ message: say }).int(say).min(min, say).max(max, say).default(fallback);
};

/** A number strictly between bounds or above a floor, with a message naming the variable. */
const decimal = (name: string, fallback: number, what: string, check: (n: number) => boolean) =>
  z.coerce
    .number({ message: `${name} must be ${what}` })
    .refine(check, `${name} must be ${what}`)
    .default(fallback);

/** A whole number of milliseconds within [min, max], with a message that names the variable. */
const millis = (name: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be at least ${min} ms`)
    .max(max, `${name} must be at most ${max} ms`)
    .default(fallback);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const CHART_BACKENDS = ['auto', 'node-canvas', 'napi-rs'] as const;

const EnvSchema = z.object({
  PORT: wholeNumber('PORT', '', 3000, 0, 65535),
  /** Bind address; unset = every interface (IPv4 and IPv6). 127.0.0.1 keeps it on this machine. */
  HOST: z
    .string()
    .regex(/^[\w.:-]+$/, 'HOST must be an address or host name to bind, like 127.0.0.1, 0.0.0.0 or ::')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  CHART_BACKEND: z
    .enum(CHART_BACKENDS, { message: `CHART_BACKEND must be one of ${CHART_BACKENDS.join(', ')}` })
    .default('auto'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1, 'DATA_DIR must be a folder path').default('./.data'),
  DB_STATEMENT_TIMEOUT_MS: millis('DB_STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
  DB_CONNECT_TIMEOUT_MS: millis('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
  BODY_TIMEOUT_MS: millis('BODY_TIMEOUT_MS', 15_000, 100, 300_000),
  SPOOL_MAX_BYTES: z.coerce
    .number({ message: 'SPOOL_MAX_BYTES must be a number of bytes' })
    .int('SPOOL_MAX_BYTES must be a whole number of bytes')
    .min(0, 'SPOOL_MAX_BYTES must be 0 (spool off) or more')
    .default(256 * 1024 * 1024),
  INBOX_SPOOL: boolFromEnv,
  RAW_RETENTION_DAYS: wholeNumber('RAW_RETENTION_DAYS', 'days', 90, 1),
  /** 0 (the default) keeps message history forever. */
  MESSAGE_RETENTION_DAYS: wholeNumber('MESSAGE_RETENTION_DAYS', 'days (0 keeps forever)', 0, 0),
  WHATSAPP_APP_SECRET: optionalSecret('WHATSAPP_APP_SECRET'),
  WHATSAPP_VERIFY_TOKEN: optionalSecret('WHATSAPP_VERIFY_TOKEN'),
  /** Regex with one capture group that pulls an agent id out of biz_opaque_callback_data. */
  ATTRIBUTION_PATTERN: z
    .string()
    .default('(?:^|;)\\s*agent=([^;]+)')
    .refine(isRegexWithGroup, 'ATTRIBUTION_PATTERN must be a valid regex with one capture group'),
  INBOX_WEBHOOK_SECRET: optionalSecret('INBOX_WEBHOOK_SECRET'),
  CHATWOOT_WEBHOOK_KEY: optionalSecret('CHATWOOT_WEBHOOK_KEY'),
  /** `7=106540352242922,9=106540352242923`: Chatwoot inbox id → WhatsApp phone_number_id. */
  CHATWOOT_INBOX_NUMBERS: z
    .string()
    .regex(/^\s*(\d+\s*=\s*\d+\s*)(,\s*\d+\s*=\s*\d+\s*)*$/, 'CHATWOOT_INBOX_NUMBERS must look like 7=106540352242922,9=106540352242923')
    .optional(),
  CONVERSATION_IDLE_HOURS: decimal('CONVERSATION_IDLE_HOURS', 24, 'a number of hours above 0 and at most 720 (30 days)', (n) => n > 0 && n <= 720),
  REPORT_TZ: z.string().default('UTC').refine(isValidZone, 'REPORT_TZ must be an IANA time zone like Asia/Dubai'),
  /** "sun-thu 09:00-18:00; fri 09:00-13:00", in REPORT_TZ */
  BUSINESS_HOURS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const r = v ? parseBusinessHours(v) : null;
      if (r && !r.ok) ctx.addIssue({ code: 'custom', message: `BUSINESS_HOURS: ${r.error}` });
    }),
  SERVICE_LEVEL: decimal('SERVICE_LEVEL', 0.8, 'a share between 0 and 1 (exclusive), like 0.8 for 80 %', (n) => n > 0 && n < 1),
  FRT_TARGET: wholeNumber('FRT_TARGET', 'seconds', 300, 1),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: optionalSecret('SLACK_SIGNING_SECRET'),
  /** App-level token: set → Socket Mode (no public URL needed), unset → HTTP on /slack/events. */
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must start with xapp-').optional(),
  /** Where the Web API lives; tests and `demo --slack` point it at a fake Slack on loopback. */
  SLACK_API_URL: z.url({ message: 'SLACK_API_URL must be an http(s) URL like https://slack.com/api/' }).optional(),
  /** The public base URL of this server; chart images in ephemeral answers and App Home are served from it. */
  PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be an http(s) URL like https://wapulse.example.com' }).optional(),
  /** Comma-separated Slack user ids allowed team-wide reports: U0123,U0456 */
  SUPERVISOR_SLACK_IDS: z
    .string()
    .regex(/^\s*[UW][A-Z0-9]+\s*(,\s*[UW][A-Z0-9]+\s*)*$/, 'SUPERVISOR_SLACK_IDS must be Slack user ids like U0123ABCD,U0456EFGH')
    .optional(),
  /** A user group id (S…) whose members are supervisors too. */
  SUPERVISOR_GROUP: z.string().regex(/^S[A-Z0-9]+$/, 'SUPERVISOR_GROUP must be a user group id like S0123ABCD').optional(),
  DEFAULT_LOCALE: z.enum(['en', 'ar'], { message: 'DEFAULT_LOCALE must be en or ar' }).default('en'),
  SHOW_PHONE_NUMBERS: boolFromEnv,
  /** Group commit of webhook bodies: most bodies per transaction, and the wait after a batch's first. */
  INGEST_BATCH_MAX: wholeNumber('INGEST_BATCH_MAX', 'bodies', 200, 1, 10_000),
  INGEST_BATCH_WAIT_MS: millis('INGEST_BATCH_WAIT_MS', 2, 0, 1_000),
  /** Bodies waiting for a commit, per source, past which a webhook is answered 503 (overloaded). */
  INGEST_QUEUE_MAX: wholeNumber('INGEST_QUEUE_MAX', 'bodies', 2_000, 1),
  /** A read replica of DATABASE_URL that report reads go to (docs/scaling.md); unset = the primary. */
  REPORTS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'REPORTS_DATABASE_URL must be a postgres:// URL')
    .optional(),
});

export type Config = {
  port: number;
  /** Bind address (HOST); undefined = every interface. */
  host?: string;
  /** Which canvas draws charts (CHART_BACKEND): auto prefers node-canvas when it installed. */
  chartBackend: (typeof CHART_BACKENDS)[number];
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  database:
    | { kind: 'postgres'; url: string; statementTimeoutMs: number; connectTimeoutMs: number }
    | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  /** A request must deliver its whole body within this bound or get 408 (BODY_TIMEOUT_MS). */
  bodyTimeoutMs: number;
  /**
   * Bodies from senders that never retry, kept on disk while the database is unavailable.
   * Chatwoot always; the generic inbox only with INBOX_SPOOL. maxBytes 0 switches it off.
   */
  spool: { dir: string; maxBytes: number; sources: ReadonlySet<'chatwoot' | 'inbox'> };
  rawRetentionDays: number;
  /** Messages, statuses, closed conversations and webhook errors older than this many days are deleted; 0 = kept forever. */
  messageRetentionDays: number;
  whatsapp: { appSecret?: string; verifyToken?: string; attributionPattern: RegExp };
  inbox: { secret?: string };
  chatwoot: { key?: string; channels: Map<string, string> };
  /** Derived conversations close after this much silence (CONVERSATION_IDLE_HOURS). */
  conversationIdleMs: number;
  reports: {
    tz: string;
    businessHours?: BusinessHours;
    serviceLevel: number;
    frtTargetSec: number;
  };
  slack?: SlackConfig;
  showPhoneNumbers: boolean;
  /** Group commit on the webhook path (INGEST_BATCH_MAX, INGEST_BATCH_WAIT_MS, INGEST_QUEUE_MAX). */
  ingest: { batchMax: number; batchWaitMs: number; queueMax: number };
  /**
   * Where report reads go (REPORTS_DATABASE_URL, a read replica); undefined = `database`.
   * Writes, migrations, settle and jobs always use `database`.
   */
  reportsDatabase?: { kind: 'postgres'; url: string; statementTimeoutMs: number; connectTimeoutMs: number; variable: 'REPORTS_DATABASE_URL' };
};

export type SlackConfig = {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set (SLACK_APP_TOKEN). */
  appToken?: string;
  /** Web API base, ending in /api/ (SLACK_API_URL); undefined = Slack's own. */
  apiUrl?: string;
  /** Base for signed chart links (PUBLIC_URL), no trailing slash; undefined = charts go by DM. */
  publicUrl?: string;
  supervisorIds: ReadonlySet<string>;
  supervisorGroup?: string;
  defaultLocale: 'en' | 'ar';
};

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (environment or .env):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws one ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => problemText(String(i.path[0] ?? ''), i.message)),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (Boolean(e.SLACK_BOT_TOKEN) !== Boolean(e.SLACK_SIGNING_SECRET)) {
    problems.push('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together');
  }
  if (e.REPORTS_DATABASE_URL && !e.DATABASE_URL) {
    problems.push('REPORTS_DATABASE_URL needs DATABASE_URL: a read replica replicates a Postgres primary, not the embedded database');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    chartBackend: e.CHART_BACKEND,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    spool: {
      dir: join(e.DATA_DIR, 'spool'),
      maxBytes: e.SPOOL_MAX_BYTES,
      sources: new Set(e.INBOX_SPOOL ? (['chatwoot', 'inbox'] as const) : (['chatwoot'] as const)),
    },
    rawRetentionDays: e.RAW_RETENTION_DAYS,
    messageRetentionDays: e.MESSAGE_RETENTION_DAYS,
    whatsapp: {
      appSecret: e.WHATSAPP_APP_SECRET,
      verifyToken: e.WHATSAPP_VERIFY_TOKEN,
      attributionPattern: new RegExp(e.ATTRIBUTION_PATTERN),
    },
    inbox: { secret: e.INBOX_WEBHOOK_SECRET },
    chatwoot: { key: e.CHATWOOT_WEBHOOK_KEY, channels: chatwootChannels(e.CHATWOOT_INBOX_NUMBERS) },
    conversationIdleMs: e.CONVERSATION_IDLE_HOURS * 3_600_000,
    reports: {
      tz: e.REPORT_TZ,
      businessHours: businessHours(e.BUSINESS_HOURS, e.REPORT_TZ),
      serviceLevel: e.SERVICE_LEVEL,
      frtTargetSec: e.FRT_TARGET,
    },
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL ? withTrailingSlash(e.SLACK_API_URL) : undefined,
            publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
            supervisorIds: new Set((e.SUPERVISOR_SLACK_IDS ?? '').split(',').map((x) => x.trim()).filter(Boolean)),
            supervisorGroup: e.SUPERVISOR_GROUP,
            defaultLocale: e.DEFAULT_LOCALE,
          }
        : undefined,
    showPhoneNumbers: e.SHOW_PHONE_NUMBERS,
    ingest: { batchMax: e.INGEST_BATCH_MAX, batchWaitMs: e.INGEST_BATCH_WAIT_MS, queueMax: e.INGEST_QUEUE_MAX },
    reportsDatabase: e.REPORTS_DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.REPORTS_DATABASE_URL,
          statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
          variable: 'REPORTS_DATABASE_URL',
        }
      : undefined,
  };
}

/** Reads `.env` into process.env when present (existing variables win, as with dotenv). */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

// Both https://slack.com/api and https://slack.com/api/ work; the Web API client wants the slash.
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function businessHours(text: string | undefined, tz: string): BusinessHours | undefined {
  const r = text ? parseBusinessHours(text) : null;
  return r?.ok ? { ...r.hours, tz } : undefined;
}

// Keys as the Chatwoot mapper names channels, so the lookup is a plain Map.get.
function chatwootChannels(spec: string | undefined): Map<string, string> {
  const pairs = (spec ?? '').split(',').filter((p) => p.trim());
  return new Map(pairs.map((p) => p.split('=').map((x) => x.trim()) as [string, string]).map(([inbox, number]) => [`chatwoot-inbox:${inbox}`, number]));
}

function isRegexWithGroup(source: string): boolean {
  try {
    return new RegExp(`${source}|`).exec('')!.length >= 2;
  } catch {
    return false;
  }
}

// Messages here name their variable ("PORT must be …"); shared ones ("must be true or false") get it prefixed.
function problemText(variable: string, message: string): string {
  return message.startsWith(variable) ? message : `${variable} ${message}`;
}

// `FOO=` in a .env file means "unset", not "empty string".
function emptyToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
