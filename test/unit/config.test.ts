import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite under ./.data on port 3000 with sources off', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './.data' });
    expect(c.whatsapp.appSecret).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.rawRetentionDays).toBe(90);
  });

  it('uses Postgres when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
      statementTimeoutMs: 10_000,
      connectTimeoutMs: 5_000,
    });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', WHATSAPP_APP_SECRET: 'short', ATTRIBUTION_PATTERN: 'agent=.*' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL must be a postgres/);
      expect(problems).toMatch(/WHATSAPP_APP_SECRET must be at least 8/);
      expect(problems).toMatch(/ATTRIBUTION_PATTERN/);
      expect((err as ConfigError).problems).toHaveLength(4);
    }
  });

  it('never echoes secret values in its errors', () => {
    try {
      loadConfig({ WHATSAPP_APP_SECRET: 'sekret', SLACK_BOT_TOKEN: 'xoxp-leaky-token' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('sekret');
      expect((err as Error).message).not.toContain('leaky');
    }
  });

  it('treats empty variables as unset, as a .env line `FOO=` means', () => {
    expect(loadConfig({ DATABASE_URL: '', WHATSAPP_APP_SECRET: '' }).database.kind).toBe('pglite');
  });

  it('requires the Slack token and signing secret together', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' })).toThrow(/set together/);
  });

  it('bounds the database, bodies and spool by default, spooling Chatwoot only', () => {
    const c = loadConfig({ DATA_DIR: '/var/lib/wapulse' });
    expect(c.bodyTimeoutMs).toBe(15_000);
    expect(c.spool).toEqual({ dir: '/var/lib/wapulse/spool', maxBytes: 256 * 1024 * 1024, sources: new Set(['chatwoot']) });
    expect(loadConfig({ INBOX_SPOOL: 'true' }).spool.sources).toEqual(new Set(['chatwoot', 'inbox']));
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', DB_STATEMENT_TIMEOUT_MS: '2500', DB_CONNECT_TIMEOUT_MS: '800' }).database).toMatchObject({
      statementTimeoutMs: 2_500,
      connectTimeoutMs: 800,
    });
  });

  it('names the variable and the unit when a bound is not a sensible number', () => {
    try {
      loadConfig({ DB_STATEMENT_TIMEOUT_MS: 'ten', DB_CONNECT_TIMEOUT_MS: '5', BODY_TIMEOUT_MS: '1.5', SPOOL_MAX_BYTES: '-1', INBOX_SPOOL: 'yes' });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.join('\n')).toMatch(/DB_STATEMENT_TIMEOUT_MS must be a number of milliseconds/);
      expect(problems.join('\n')).toMatch(/DB_CONNECT_TIMEOUT_MS must be at least 100 ms/);
      expect(problems.join('\n')).toMatch(/BODY_TIMEOUT_MS must be a whole number of milliseconds/);
      expect(problems.join('\n')).toMatch(/SPOOL_MAX_BYTES must be 0 \(spool off\) or more/);
      expect(problems.join('\n')).toMatch(/INBOX_SPOOL/);
    }
  });
});

describe('group commit settings', () => {
  it('stores up to 200 bodies per transaction, 2 ms after the first, refusing past 2 000 waiting', () => {
    expect(loadConfig({}).ingest).toEqual({ batchMax: 200, batchWaitMs: 2, queueMax: 2000 });
    expect(loadConfig({ INGEST_BATCH_MAX: '1', INGEST_BATCH_WAIT_MS: '0', INGEST_QUEUE_MAX: '50' }).ingest).toEqual({ batchMax: 1, batchWaitMs: 0, queueMax: 50 });
  });

  it('names each variable and its unit when out of range', () => {
    try {
      loadConfig({ INGEST_BATCH_MAX: '0', INGEST_BATCH_WAIT_MS: '5000', INGEST_QUEUE_MAX: 'many' });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/INGEST_BATCH_MAX must be a whole number of bodies from 1 to 10000/);
      expect(problems).toMatch(/INGEST_BATCH_WAIT_MS must be at most 1000 ms/);
      expect(problems).toMatch(/INGEST_QUEUE_MAX must be a whole number of bodies, at least 1/);
    }
  });
});

describe('loadConfig messages a newcomer can act on', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      return (err as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the variable, the unit and the range instead of "expected number, received NaN"', () => {
    expect(problems({ PORT: 'abc' })).toEqual(['PORT must be a whole number from 0 to 65535']);
    expect(problems({ FRT_TARGET: '5m' })).toEqual(['FRT_TARGET must be a whole number of seconds, at least 1']);
    expect(problems({ SERVICE_LEVEL: '80' })).toEqual(['SERVICE_LEVEL must be a share between 0 and 1 (exclusive), like 0.8 for 80 %']);
    expect(problems({ LOG_LEVEL: 'loud' })).toEqual(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent']);
    expect(problems({ INBOX_SPOOL: 'yes' })).toEqual(['INBOX_SPOOL must be true or false']);
    expect(problems({ CHART_BACKEND: 'cairo' })).toEqual(['CHART_BACKEND must be one of auto, node-canvas, napi-rs']);
    expect(problems({ HOST: 'a b' })[0]).toMatch(/^HOST must be an address/);
    for (const list of [problems({ PORT: 'abc' }), problems({ SERVICE_LEVEL: '80' })]) {
      expect(list.join('\n')).not.toMatch(/expected|received|NaN/);
    }
  });

  it('binds every interface unless HOST is set, and draws charts with the auto-chosen canvas by default', () => {
    expect(loadConfig({}).host).toBeUndefined();
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({}).chartBackend).toBe('auto');
    expect(loadConfig({ CHART_BACKEND: 'napi-rs' }).chartBackend).toBe('napi-rs');
  });
});

describe('Slack settings', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'signing-secret-123' };
  it('reads the app token, URLs, supervisors and default language', () => {
    const c = loadConfig({
      ...base,
      SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      PUBLIC_URL: 'https://wapulse.example.com/',
      SUPERVISOR_SLACK_IDS: 'U0123ABCD, W0456EFGH',
      SUPERVISOR_GROUP: 'S0LEADS',
      DEFAULT_LOCALE: 'ar',
    }).slack!;
    expect(c.appToken).toBe('xapp-1-A1-xyz');
    // the Web API client joins method names onto the base: it needs the trailing slash; links must not double it
    expect(c.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(c.publicUrl).toBe('https://wapulse.example.com');
    expect([...c.supervisorIds]).toEqual(['U0123ABCD', 'W0456EFGH']);
    expect([c.supervisorGroup, c.defaultLocale]).toEqual(['S0LEADS', 'ar']);
    expect(loadConfig(base).slack).toMatchObject({ appToken: undefined, publicUrl: undefined, defaultLocale: 'en' });
  });
  it('names each malformed Slack setting', () => {
    const problems = (() => {
      try {
        loadConfig({ ...base, SLACK_APP_TOKEN: 'xoxb-wrong', SUPERVISOR_SLACK_IDS: 'layla', SUPERVISOR_GROUP: 'leads', DEFAULT_LOCALE: 'fr', PUBLIC_URL: 'not a url' });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    })();
    expect(problems).toEqual(expect.arrayContaining([
      'SLACK_APP_TOKEN must start with xapp-',
      'SUPERVISOR_SLACK_IDS must be Slack user ids like U0123ABCD,U0456EFGH',
      'SUPERVISOR_GROUP must be a user group id like S0123ABCD',
      'DEFAULT_LOCALE must be en or ar',
      'PUBLIC_URL must be an http(s) URL like https://wapulse.example.com',
    ]));
  });
});

describe('MESSAGE_RETENTION_DAYS', () => {
  it('keeps message history forever unless set, and takes whole days', () => {
    expect(loadConfig({}).messageRetentionDays).toBe(0);
    expect(loadConfig({ MESSAGE_RETENTION_DAYS: '0' }).messageRetentionDays).toBe(0);
    expect(loadConfig({ MESSAGE_RETENTION_DAYS: '400' }).messageRetentionDays).toBe(400);
  });

  it.each(['-1', '1.5', 'forever'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ MESSAGE_RETENTION_DAYS: value })).toThrow(/MESSAGE_RETENTION_DAYS must be a whole number of days/);
  });
});
