import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../src/i18n/index.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import {
  apology, csvSent, noAgentLink, notConfiguredYet, notInChannel, problem, refusedNotSupervisor, sharedToChannel, workingOnIt,
} from '../../../../src/slack/blocks/notices.js';
import type { SlackMessage } from '../../../../src/slack/blocks/types.js';
import { ARABIC_LETTERS, texts } from './answer-fixtures.js';

const all = (locale: Locale): [string, SlackMessage][] => [
  ['workingOnIt', workingOnIt(locale)],
  ['refusedNotSupervisor', refusedNotSupervisor(locale)],
  ['notInChannel', notInChannel(locale, '<#C0123>')],
  ['apology', apology(locale, 'ref-7f3a')],
  ['noAgentLink', noAgentLink(locale)],
  ['csvSent', csvSent(locale)],
  ['sharedToChannel', sharedToChannel(locale)],
  ['problem', problem(locale, '"7x" is not a period')],
  ['notConfiguredYet', notConfiguredYet(locale, 'Digests')],
];

describe('notices', () => {
  it('are one section each, whose text is also the fallback, within limits', () => {
    for (const locale of ['en', 'ar'] as const) {
      for (const [name, msg] of all(locale)) {
        expect(msg.blocks, name).toHaveLength(1);
        expect(texts(msg), name).toEqual([msg.text]);
        expect(blockKitProblems(msg), name).toEqual([]);
        if (locale === 'ar') expect(msg.text, name).toMatch(ARABIC_LETTERS);
      }
    }
  });

  it('say what to do next', () => {
    expect(refusedNotSupervisor('en').text).toContain('`/pulse me`');
    expect(refusedNotSupervisor('ar').text).toContain('`/pulse me`');
    expect(notInChannel('en', '<#C0123>').text).toContain('<#C0123>');
    expect(notInChannel('ar', '<#C0123>').text).toContain('`/invite @wapulse`');
    expect(apology('en', 'ref-7f3a').text).toContain('`ref-7f3a`');
    expect(apology('ar', 'ref-7f3a').text).toContain('`ref-7f3a`');
    // both ways wapulse links a Slack user to an inbox agent
    for (const locale of ['en', 'ar'] as const) {
      expect(noAgentLink(locale).text).toContain('slack_user_id');
    }
    expect(noAgentLink('en').text).toContain('email');
    expect(problem('en', 'x').text).toContain('`/pulse help`');
    expect(notConfiguredYet('en', 'Digests').text).toBe('Digests is not set up yet.');
  });

  it('escape the parser line, so typed text cannot become a mention', () => {
    expect(problem('en', 'unknown agent <!channel> & co').text).toContain('unknown agent &lt;!channel&gt; &amp; co');
  });
});
