import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Scopes each Web API method needs (Slack's method reference pages). views.publish, auth.test and
// response_url replies need none beyond the bot token.
const SCOPE_OF: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'conversations.open': 'im:write',
  'usergroups.users.list': 'usergroups:read',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'views.publish': null,
  filesUploadV2: 'files:write',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

const manifest = readFileSync('manifest.yml', 'utf8');
const botScopes = [...manifest.slice(manifest.indexOf('bot:')).matchAll(/^\s+- ([a-z.:]+)$/gm)].map((m) => m[1]!);

describe('manifest.yml', () => {
  it('asks for exactly the scopes the code uses: each Web API call needs its scope, nothing more', () => {
    const code = sources('src/slack').join('\n');
    const called = new Set([...code.matchAll(/client\.([a-zA-Z]+(?:\.[a-zA-Z]+)+)\(/g)].map((m) => m[1]!));
    if (code.includes('filesUploadV2')) called.add('filesUploadV2');
    for (const method of called) expect(SCOPE_OF, `a scope for ${method}`).toHaveProperty([method]);
    const needed = new Set(['commands', ...[...called].map((m) => SCOPE_OF[m]).filter((s): s is string => Boolean(s))]);
    expect(new Set(botScopes)).toEqual(needed);
  });

  it('declares /pulse escaped, interactivity, the Home tab and its event on /slack/events', () => {
    expect(manifest).toMatch(/- command: \/pulse[\s\S]*?should_escape: true/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(manifest).toMatch(/bot_events:\s*\n\s+- app_home_opened/);
    expect(manifest).toMatch(/interactivity:\s*\n\s+is_enabled: true\s*\n\s+request_url: https:\/\/\S+\/slack\/events/);
    expect(manifest.match(/\/slack\/events/g)).toHaveLength(3);
  });

  it('has every scope justified in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const scope of botScopes) expect(readme).toContain(`| \`${scope}\` |`);
  });
});
