import { describe, expect, it } from 'vitest';
import { parsePulse } from '../../../../src/slack/command/index.js';
import type { PulseCommand, PulseProblem } from '../../../../src/slack/command/index.js';

const none = { share: false, csv: false };
const report = (r: string, extra: object = {}): PulseCommand => ({ kind: 'report', report: r, filters: {}, ...none, ...extra }) as PulseCommand;
const problem = (p: PulseProblem): PulseCommand => ({ kind: 'problem', problem: p });

describe('parsePulse: commands that work', () => {
  const cases: [string, PulseCommand][] = [
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP lang:ar', { kind: 'help', lang: 'ar' }],
    ['overview', report('overview')],
    ['messages 7d', report('messages', { period: '7d' })],
    ['failures last-week', report('failures', { period: 'last-week' })],
    ['agents 30d', report('agents', { period: '30d' })],
    // busy is SPEC's short name for the busy-hours report; the long name works too
    ['busy this-week', report('busy-hours', { period: 'this-week' })],
    ['busy-hours', report('busy-hours')],
    ['contacts this-month', report('contacts', { period: 'this-month' })],
    ['conversations last-month', report('conversations', { period: 'last-month' })],
    ['live', report('live')],
    ['Agents YESTERDAY', report('agents', { period: 'yesterday' })],
    ['overview today', report('overview', { period: 'today' })],
    ['overview 2026-11-01..2026-11-15', report('overview', { period: '2026-11-01..2026-11-15' })],
    ['overview 2026-11-01', report('overview', { period: '2026-11-01' })],
    ['overview 1d', report('overview', { period: '1d' })],
    ['overview 366d', report('overview', { period: '366d' })],
    // order-free after the sub-command
    ['agents share 7d csv lang:ar', report('agents', { period: '7d', share: true, csv: true, lang: 'ar' })],
    ['agents lang:EN 7d', report('agents', { period: '7d', lang: 'en' })],
    // users as Slack escapes them (should_escape: true), with and without the label
    ['agents 7d agent:<@U0456|layla>', report('agents', { period: '7d', filters: { agent: { kind: 'slackUser', id: 'U0456', label: 'layla' } } })],
    ['agents agent:<@U0456>', report('agents', { filters: { agent: { kind: 'slackUser', id: 'U0456' } } })],
    ['agents agent:<@W0ABC|Layla Haddad>', report('agents', { filters: { agent: { kind: 'slackUser', id: 'W0ABC', label: 'Layla Haddad' } } })],
    // a bare mention is the agent filter
    ['messages <@U0456|layla> 7d', report('messages', { period: '7d', filters: { agent: { kind: 'slackUser', id: 'U0456', label: 'layla' } } })],
    // plain typed forms Slack did not turn into mentions
    ['agents agent:@layla', report('agents', { filters: { agent: { kind: 'name', name: 'layla' } } })],
    ['agents @layla', report('agents', { filters: { agent: { kind: 'name', name: 'layla' } } })],
    ['agents agent:ana-01', report('agents', { filters: { agent: { kind: 'name', name: 'ana-01' } } })],
    ['agents agent:"Layla Haddad" 7d', report('agents', { period: '7d', filters: { agent: { kind: 'name', name: 'Layla Haddad' } } })],
    // curly quotes, as phones and macOS type them
    ['agents agent:“Layla Haddad”', report('agents', { filters: { agent: { kind: 'name', name: 'Layla Haddad' } } })],
    // typed & arrives as &amp; (should_escape): the value is unescaped
    ['overview team:sales&amp;support', report('overview', { filters: { team: 'sales&support' } })],
    ['overview team:"Front desk"', report('overview', { filters: { team: 'Front desk' } })],
    ['failures number:+971501234567', report('failures', { filters: { number: '+971501234567' } })],
    // spaces and dashes are layout: "+971 50 123-4567" → +971501234567 (12 digits)
    ['failures number:+971 50 123-4567 7d', report('failures', { period: '7d', filters: { number: '+971501234567' } })],
    ['failures number:"+971 (50) 123 4567"', report('failures', { filters: { number: '+971501234567' } })],
    // a date after the number is the period, not more digits
    ['failures number:+971501234567 2026-11-01', report('failures', { period: '2026-11-01', filters: { number: '+971501234567' } })],
    ['failures number:971501234567', report('failures', { filters: { number: '+971501234567' } })],
    ['live team:sales', report('live', { filters: { team: 'sales' } })],
    ['me', { kind: 'me', ...none }],
    ['me 7d share', { kind: 'me', period: '7d', share: true, csv: false }],
    ['me csv lang:ar', { kind: 'me', ...none, csv: true, lang: 'ar' }],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parsePulse(text)).toEqual(expected);
  });
});

describe('parsePulse: problems', () => {
  const cases: [string, PulseProblem][] = [
    // "agnets" is one swap away from agents
    ['agnets 7d', { kind: 'unknownCommand', word: 'agnets', suggestion: 'agents' }],
    ['overveiw', { kind: 'unknownCommand', word: 'overveiw', suggestion: 'overview' }],
    ['conversation', { kind: 'unknownCommand', word: 'conversation', suggestion: 'conversations' }],
    ['bussy', { kind: 'unknownCommand', word: 'bussy', suggestion: 'busy' }],
    ['weather', { kind: 'unknownCommand', word: 'weather', suggestion: undefined }],
    ['7d', { kind: 'unknownCommand', word: '7d', suggestion: undefined }],
    ['digest add #ops 09:00', { kind: 'notYet', command: 'digest' }],
    ['alerts on <#C0123|ops> after 10m', { kind: 'notYet', command: 'alerts' }],
    ['trends', { kind: 'notYet', command: 'trends' }],
    ['agents 400d', { kind: 'badPeriod', text: '400d', reason: 'days-range' }],
    ['agents 0d', { kind: 'badPeriod', text: '0d', reason: 'days-range' }],
    ['agents 2026-02-30', { kind: 'badPeriod', text: '2026-02-30', reason: 'bad-date' }],
    ['agents 2026-11-1..2026-11-15', { kind: 'badPeriod', text: '2026-11-1..2026-11-15', reason: 'bad-date' }],
    ['agents 2026-11-15..2026-11-01', { kind: 'badPeriod', text: '2026-11-15..2026-11-01', reason: 'ends-before-start' }],
    ['agents 2026-11-01..', { kind: 'badPeriod', text: '2026-11-01..', reason: 'bad-date' }],
    // shaped like a period but none we know, and not near one
    ['agents this-year', { kind: 'badPeriod', text: 'this-year', reason: 'unknown' }],
    ['agents 2w', { kind: 'badPeriod', text: '2w', reason: 'unknown' }],
    ['agents 7days', { kind: 'badPeriod', text: '7days', reason: 'unknown' }],
    ['agents yesteday', { kind: 'unknownToken', token: 'yesteday', suggestion: 'yesterday' }],
    ['agents last-weak', { kind: 'unknownToken', token: 'last-weak', suggestion: 'last-week' }],
    ['agents shar', { kind: 'unknownToken', token: 'shar', suggestion: 'share' }],
    ['agents agnet:layla', { kind: 'unknownToken', token: 'agnet:layla', suggestion: 'agent:layla' }],
    ['agents banana', { kind: 'unknownToken', token: 'banana', suggestion: undefined }],
    ['agents <#C0123|ops>', { kind: 'unknownToken', token: '<#C0123|ops>', suggestion: undefined }],
    ['agents agent:<#C0123|ops>', { kind: 'unknownToken', token: 'agent:<#C0123|ops>' }],
    ['live 7d', { kind: 'periodNotAllowed', command: 'live', text: '7d' }],
    ['agents 7d 30d', { kind: 'duplicate', what: 'period', token: '30d' }],
    ['agents share share', { kind: 'duplicate', what: 'share', token: 'share' }],
    ['agents csv CSV', { kind: 'duplicate', what: 'csv', token: 'CSV' }],
    ['agents agent:@a <@U1|b>', { kind: 'duplicate', what: 'agent', token: '<@U1|b>' }],
    ['agents team:a team:b', { kind: 'duplicate', what: 'team', token: 'team:b' }],
    ['agents number:+97150123456 number:+97150123457', { kind: 'duplicate', what: 'number', token: 'number:+97150123457' }],
    ['agents lang:ar lang:en', { kind: 'duplicate', what: 'lang', token: 'lang:en' }],
    ['agents agent:', { kind: 'emptyFilter', filter: 'agent' }],
    ['agents team: sales', { kind: 'emptyFilter', filter: 'team' }],
    ['agents number:', { kind: 'emptyFilter', filter: 'number' }],
    ['agents lang:', { kind: 'emptyFilter', filter: 'lang' }],
    ['agents agent:""', { kind: 'emptyFilter', filter: 'agent' }],
    ['failures number:abc', { kind: 'badNumber', text: 'abc' }],
    // 5 digits is too short for a business number, 16 is longer than E.164 allows
    ['failures number:12345', { kind: 'badNumber', text: '12345' }],
    ['failures number:+1234567890123456', { kind: 'badNumber', text: '+1234567890123456' }],
    ['failures number:97150+1234567', { kind: 'badNumber', text: '97150+1234567' }],
    ['agents lang:fr', { kind: 'badLang', text: 'fr' }],
    ['agents agent:"Layla Haddad', { kind: 'unclosedQuote', token: 'agent:"Layla Haddad' }],
    ['me agent:@layla', { kind: 'filterNotAllowed', command: 'me', filter: 'agent' }],
    ['me <@U0456|layla>', { kind: 'filterNotAllowed', command: 'me', filter: 'agent' }],
    ['me number:+971501234567', { kind: 'filterNotAllowed', command: 'me', filter: 'number' }],
    // typed < and > arrive escaped and are shown unescaped in the problem
    ['agents a&lt;b&gt;', { kind: 'unknownToken', token: 'a<b>', suggestion: undefined }],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parsePulse(text)).toEqual(problem(expected));
  });

  it('stops at the first problem, reading left to right', () => {
    // 'banana' comes before the bad period, so it is the one reported
    expect(parsePulse('agents banana 400d')).toEqual(problem({ kind: 'unknownToken', token: 'banana', suggestion: undefined }));
  });
});
