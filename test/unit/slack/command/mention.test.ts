import { describe, expect, it } from 'vitest';
import { readMention, tokenize } from '../../../../src/slack/command/index.js';

describe('readMention', () => {
  it.each([
    ['<@U0456|layla>', { kind: 'user', id: 'U0456', label: 'layla' }],
    ['<@U0456>', { kind: 'user', id: 'U0456' }],
    ['<#C0123|ops>', { kind: 'channel', id: 'C0123', label: 'ops' }],
    ['<#C0123|>', { kind: 'channel', id: 'C0123' }],
    ['<!subteam^S0789|@leads>', { kind: 'usergroup', id: 'S0789', label: 'leads' }],
    ['<!subteam^S0789>', { kind: 'usergroup', id: 'S0789' }],
    ['@layla', { kind: 'userName', name: 'layla' }],
    ['#ops', { kind: 'channelName', name: 'ops' }],
    ['<@U0456|a&amp;b>', { kind: 'user', id: 'U0456', label: 'a&b' }],
    ['layla', null],
    ['@', null],
    ['<https://example.com|x>', null],
  ])('%s', (token, expected) => {
    expect(readMention(token)).toEqual(expected);
  });
});

describe('tokenize', () => {
  it('keeps quoted stretches and entities whole', () => {
    expect(tokenize(' agents  agent:"Layla  Haddad" <@U1|Layla H> 7d ')).toEqual({ ok: true, tokens: ['agents', 'agent:Layla  Haddad', '<@U1|Layla H>', '7d'] });
  });
  it('reports an unclosed quote', () => {
    expect(tokenize('agents team:"Front desk')).toEqual({ ok: false, unclosed: 'team:"Front desk' });
  });
});
