import { describe, expect, it } from 'vitest';
import { meAnswer } from '../../../../src/slack/blocks/me.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { agent, agentsReport, ctxFor, dur, joined, texts } from './agents-fixtures.js';

// Ranked by median first response: Layla 120 s (#1), Sara 240 s (#2), Omar 600 s (#3, > 2 × the
// team's 240 s → flagged). Team = median of the 3 medians: 240 s = 4m; resolution 4000 s = 1h 6m.
const layla = agent('a1', 'Layla', { rank: 1, closed: 6, assigned: 8, messagesSent: 40, firstResponse: dur(5, 120, 300), resolution: dur(6, 3600, 7200) });
const sara = agent('a2', 'Sara', { rank: 2, closed: 5, firstResponse: dur(9, 240, 480), resolution: dur(5, 5400, 9000) });
const omar = agent('a3', 'Omar', {
  rank: 3, closed: 7, assigned: 9, messagesSent: 55, firstResponse: dur(8, 600, 1200), resolution: dur(7, 4000, 6000),
  outlier: { firstResponse: true, resolution: false },
});
const noor = agent('a4', 'Noor', { closed: 1, firstResponse: dur(2, 60, 90) });
const report = agentsReport([layla, sara, omar, noor], { frt: 240, res: 4000, agents: 3 });

describe('meAnswer', () => {
  it("shows the caller's row, rank and flags beside the team medians", () => {
    const msg = meAnswer(report, 'a3', ctxFor('en'));
    const all = texts(msg.blocks);
    expect(all[0]).toBe('Your stats — Omar');
    expect(all).toContain('*Rank*\n3 of 3');
    // 600 s = 10m, p90 1200 s = 20m; team 240 s = 4m
    expect(all).toContain('*Median first response*\n10m (p90 20m)\nteam 4m');
    expect(all).toContain('*Median resolution*\n1h 6m (p90 1h 40m)\nteam 1h 6m');
    expect(all).toContain('*Conversations closed*\n7');
    expect(all).toContain('*Assigned to you*\n9');
    expect(all).toContain('*Messages sent*\n55');
    expect(joined(msg.blocks)).toContain('⚑ Your median first response is more than 2 × the team median.');
    expect(joined(msg.blocks)).not.toContain('⚑ Your median resolution');
    expect(msg.text).toBe('Omar: median first response 10m, rank 3 of 3');
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('never names another agent nor shows their numbers', () => {
    for (const id of ['a1', 'a2', 'a3', 'a4', 'nobody']) {
      const all = joined(meAnswer(report, id, ctxFor('en')).blocks) + meAnswer(report, id, ctxFor('en')).text;
      const others = [layla, sara, omar, noor].filter((a) => a.id !== id);
      for (const other of others) expect(all).not.toContain(other.name);
      // Sara's median 240 s is also the team median, so only the others' own medians can be checked:
      // Layla 2m, Omar 10m, Noor 1m appear only on their own answers
      if (id !== 'a1') expect(all).not.toContain('2m (p90 5m)');
      if (id !== 'a3') expect(all).not.toContain('10m');
    }
  });

  it('explains an unranked caller with few data, and one with no activity', () => {
    const few = texts(meAnswer(report, 'a4', ctxFor('en')).blocks);
    expect(few).toContain('*Rank*\nnot ranked (fewer than 5 first responses)');
    expect(few.join('\n')).toContain('◌ fewer than 5 values');
    const none = meAnswer(report, 'nobody', ctxFor('en'));
    expect(none.text).toBe('You have no agent activity in this period, so there is nothing to show yet.');
    expect(texts(none.blocks)[0]).toBe('Your stats');
  });

  it('says the same in Arabic with Western digits', () => {
    const msg = meAnswer(report, 'a1', ctxFor('ar'));
    const all = texts(msg.blocks);
    expect(all).toContain('*ترتيبك*\n1 من 3');
    expect(all).toContain('*وسيط أول رد*\n2د (p90: 5د)\nالفريق: 4د');
    expect(joined(msg.blocks)).not.toMatch(/[٠-٩]/);
  });

  it('stays inside Slack limits with a 300-character name', () => {
    const long = agent('x', 'ل'.repeat(300), { rank: 1, firstResponse: dur(9, 86_400 * 30, 86_400 * 60), outlier: { firstResponse: true, resolution: true } });
    const msg = meAnswer(agentsReport([long], { frt: 1, res: 1, agents: 1 }), 'x', ctxFor('ar'));
    expect(blockKitProblems(msg)).toEqual([]);
  });
});
