import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../../src/i18n/index.js';
import { pulseHelp, pulseProblemText, type PulseProblem, type PulseProblemKind } from '../../../../src/slack/command/index.js';

// One sample per kind; the Record type makes a new kind without a sample a compile error.
const samples: Record<PulseProblemKind, PulseProblem[]> = {
  unknownCommand: [{ kind: 'unknownCommand', word: 'agnets', suggestion: 'agents' }, { kind: 'unknownCommand', word: 'weather' }],
  notYet: [{ kind: 'notYet', command: 'digest' }],
  badPeriod: (['unknown', 'days-range', 'bad-date', 'ends-before-start'] as const).map((reason) => ({ kind: 'badPeriod', text: '400d', reason })),
  periodNotAllowed: [{ kind: 'periodNotAllowed', command: 'live', text: '7d' }],
  unknownToken: [{ kind: 'unknownToken', token: 'yesteday', suggestion: 'yesterday' }, { kind: 'unknownToken', token: 'banana' }],
  duplicate: [{ kind: 'duplicate', what: 'period', token: '30d' }, { kind: 'duplicate', what: 'lang', token: 'lang:en' }],
  emptyFilter: [{ kind: 'emptyFilter', filter: 'number' }],
  badNumber: [{ kind: 'badNumber', text: 'abc' }],
  badLang: [{ kind: 'badLang', text: 'fr' }],
  unclosedQuote: [{ kind: 'unclosedQuote', token: 'agent:"Layla' }],
  filterNotAllowed: [{ kind: 'filterNotAllowed', command: 'me', filter: 'team' }],
  unknownAgent: [{ kind: 'unknownAgent', text: 'zed', known: ['Ana', 'Lina'] }, { kind: 'unknownAgent', text: 'zed', known: [] }],
  unknownTeam: [{ kind: 'unknownTeam', text: 'ops', known: ['sales'] }],
  unknownNumber: [{ kind: 'unknownNumber', text: '+1555', known: ['+97150•••4567'] }],
};
const all = Object.values(samples).flat();

describe('pulseProblemText', () => {
  it.each(LOCALES)('has one distinct, non-empty line for every problem in %s', (locale) => {
    const lines = all.map((p) => pulseProblemText(p, locale));
    for (const line of lines) {
      expect(line.length).toBeGreaterThan(10);
      expect(line).not.toMatch(/undefined|\[object/);
      expect(line).not.toContain('\n');
    }
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('writes Arabic in Arabic, with the typed words kept as typed', () => {
    for (const p of all) {
      const line = pulseProblemText(p, 'ar');
      expect(line).toMatch(/[\u0600-\u06FF]/);
      expect(line).not.toMatch(/[\u0660-\u0669]/); // Western digits only
    }
    expect(pulseProblemText(samples.unknownCommand[0]!, 'ar')).toContain('`/pulse agents`');
    expect(pulseProblemText(samples.badNumber[0]!, 'en')).toContain('`abc`');
  });

  it('names the fix: the suggestion, the range, the example', () => {
    expect(pulseProblemText(samples.unknownCommand[0]!, 'en')).toBe('There is no `/pulse agnets`. Did you mean `/pulse agents`?');
    expect(pulseProblemText({ kind: 'badPeriod', text: '400d', reason: 'days-range' }, 'en')).toContain('`1d` to `366d`');
    expect(pulseProblemText(samples.emptyFilter[0]!, 'en')).toContain('`number:+971501234567`');
    expect(pulseProblemText(samples.unknownAgent[0]!, 'en')).toBe('No agent matches `zed`. Known agents: Ana, Lina.');
    expect(pulseProblemText(samples.unknownAgent[0]!, 'ar')).toContain('Ana، Lina');
  });

  it('escapes echoed text for mrkdwn, so a typed <!channel> cannot ping anyone', () => {
    const line = pulseProblemText({ kind: 'unknownToken', token: '<!channel>`x' }, 'en');
    expect(line).toContain("`&lt;!channel&gt;'x`");
    expect(line).not.toContain('<!channel>');
  });

  it('cuts long lists of known values after 10', () => {
    const known = Array.from({ length: 12 }, (_, i) => `agent${i + 1}`);
    const line = pulseProblemText({ kind: 'unknownAgent', text: 'x', known }, 'en');
    expect(line).toContain('agent10, …');
    expect(line).not.toContain('agent11');
  });
});

describe('pulseHelp', () => {
  it.each(LOCALES)('lists every sub-command with its usage in %s', (locale) => {
    const h = pulseHelp(locale);
    expect(h.commands.map((c) => c.command)).toEqual(['overview', 'agents', 'busy', 'failures', 'messages', 'contacts', 'conversations', 'live', 'me']);
    for (const c of h.commands) expect(c.usage.startsWith(`/pulse ${c.command}`)).toBe(true);
    expect(h.sections).toHaveLength(3);
    expect(h.examples.lines.length).toBeGreaterThan(0);
  });
});
