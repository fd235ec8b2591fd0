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
});
