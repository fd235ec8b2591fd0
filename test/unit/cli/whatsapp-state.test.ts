import { describe, expect, it } from 'vitest';
import { whatsappState } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config.js';

// The start-up log says WhatsApp is "on" only when Meta can both subscribe (verify token) and
// deliver verifiably (app secret).
describe('whatsappState', () => {
  const state = (env: Record<string, string>) => whatsappState(loadConfig(env));

  it('is on with both the app secret and the verify token', () => {
    expect(state({ WHATSAPP_APP_SECRET: 'app-secret-1', WHATSAPP_VERIFY_TOKEN: 'verify-tok-1' })).toBe('on');
  });

  it('is not "on" with the secret alone, and names the missing token', () => {
    const s = state({ WHATSAPP_APP_SECRET: 'app-secret-1' });
    expect(s).not.toBe('on');
    expect(s).toMatch(/WHATSAPP_VERIFY_TOKEN/);
  });

  it('is off without the app secret, naming what to set', () => {
    expect(state({})).toMatch(/^off .*WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN/);
    expect(state({ WHATSAPP_VERIFY_TOKEN: 'verify-tok-1' })).toMatch(/^off .*WHATSAPP_APP_SECRET/);
  });
});
