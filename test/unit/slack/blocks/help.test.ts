import { describe, expect, it } from 'vitest';
import { helpAnswer } from '../../../../src/slack/blocks/help.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { ARABIC_LETTERS, EASTERN_DIGITS, texts } from './answer-fixtures.js';

/** The sub-commands of SPEC "Slack" and issue 9 a user can type today. */
const SUB_COMMANDS = ['overview', 'messages', 'failures', 'agents', 'busy', 'contacts', 'conversations', 'live', 'me', 'help'];
const PERIODS = ['today', 'yesterday', '7d', '30d', 'this-week', 'last-week', 'this-month', 'last-month', '2026-11-01..2026-11-15'];
const OPTIONS = ['agent:@user', 'team:', 'number:', 'share', 'csv', 'lang:ar'];

describe('helpAnswer', () => {
  for (const locale of ['en', 'ar'] as const) {
    it(`lists every sub-command, period, filter and option (${locale})`, () => {
      const msg = helpAnswer(locale);
      const all = texts(msg).join('\n');
      for (const sub of SUB_COMMANDS) expect(all).toContain(`\`/pulse ${sub}`);
      for (const p of PERIODS) expect(all).toContain(`\`${p}\``);
      for (const o of OPTIONS) expect(all).toContain(`\`${o}`);
      // examples to copy, each a full command
      expect(all).toContain('`/pulse agents 7d team:Sales`');
      expect(all).not.toMatch(EASTERN_DIGITS);
      // placeholders like <report> are escaped, or Slack would take them for links
      expect(all).not.toContain('<');
      expect(all).toContain('`team:&lt;name&gt;`');
      expect(blockKitProblems(msg)).toEqual([]);
    });
  }

  it('gives one line per sub-command', () => {
    const commands = texts(helpAnswer('en')).find((t) => t.startsWith('*Reports*'))!;
    expect(commands.split('\n').slice(1)).toHaveLength(SUB_COMMANDS.length);
  });

  it('explains in Arabic, keeping the commands as typed', () => {
    const msg = helpAnswer('ar');
    const all = texts(msg).join('\n');
    expect(all).toMatch(ARABIC_LETTERS);
    expect(all).toContain('`/pulse me [period]`');
    expect(msg.text).toMatch(ARABIC_LETTERS);
  });
});
