import { describe, expect, it } from 'vitest';
import { agentsAnswer } from '../../../../src/slack/blocks/agents.js';
import { agentsPage, pageButtonValue, parsePageValue } from '../../../../src/slack/blocks/agents-page.js';
import { ACTION_IDS } from '../../../../src/slack/blocks/action-ids.js';
import { blockKitProblems } from '../../../../src/slack/blocks/limits.js';
import { agent, agentsReport, ctxFor, dur, joined, texts } from './agents-fixtures.js';

// Three ranked agents (≥ 5 first responses each) and one with too few values.
// First-response medians 120, 240, 600 s → median of medians 240 s = 4m; Omar's 600 > 2 × 240 → outlier.
// Resolution medians 3600, 5400, 4000 → median of medians 4000 s = 1h 6m 40s, shown as "1h 6m".
const layla = agent('a1', 'Layla', { rank: 1, closed: 6, firstResponse: dur(5, 120, 300), resolution: dur(6, 3600, 7200) });
const sara = agent('a2', 'Sara', { rank: 2, closed: 5, firstResponse: dur(9, 240, 480), resolution: dur(5, 5400, 9000) });
const omar = agent('a3', 'Omar', {
  rank: 3, closed: 7, firstResponse: dur(8, 600, 1200), resolution: dur(7, 4000, 6000), outlier: { firstResponse: true, resolution: false },
});
const noor = agent('a4', 'Noor <ops>', { closed: 1, firstResponse: dur(2, 60, 90) });
const report = agentsReport([layla, sara, omar, noor], { frt: 240, res: 4000, agents: 3 });

describe('agentsAnswer', () => {
  it('shows the team medians and each agent ranked, with flags and few-data marks', () => {
    const msg = agentsAnswer(report, ctxFor('en'));
    const all = texts(msg.blocks);
    // 4 agents; closed 6 + 5 + 7 + 1 = 19
    expect(all).toContain('*Agents with activity*\n4');
    expect(all).toContain('*Conversations closed*\n19');
    expect(all).toContain('*Team median first response*\n4m');
    expect(all).toContain('*Team median resolution*\n1h 6m');
    // 120 s = 2m, p90 300 s = 5m; 3600 s = 1h, p90 7200 s = 2h
    expect(all).toContain('*#1  Layla*\nFirst response 2m (p90 5m) · Resolution 1h (p90 2h) · Closed 6');
    expect(all).toContain('*#3  Omar*  ⚑ slow first response\nFirst response 10m (p90 20m) · Resolution 1h 6m (p90 1h 40m) · Closed 7');
    // Noor: unranked, name escaped, 2 values → ◌; no resolution at all → n/a without a mark
    expect(all).toContain('*–  Noor &lt;ops&gt;*\nFirst response 1m (p90 1m 30s) ◌ · Resolution n/a · Closed 1');
    const legend = joined(msg.blocks);
    expect(legend).toContain('first response 4m, resolution 1h 6m');
    expect(legend).toContain('◌ fewer than 5 values');
    expect(msg.text).toBe('Agents: 4 with activity, team median first response 4m');
    expect(legend).toContain('Tue 24 Nov 2026 – Mon 30 Nov 2026 (7 days, Asia/Dubai)');
    expect(msg.blocks.some((b) => b.type === 'actions' && b.elements.some((e) => 'action_id' in e && e.action_id === ACTION_IDS.page))).toBe(false);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('says the same numbers in Arabic with Western digits', () => {
    const msg = agentsAnswer(report, ctxFor('ar'));
    const all = texts(msg.blocks);
    // ar units: د minutes, س hours; 19 closed
    expect(all).toContain('*#1  Layla*\nأول رد: 2د (p90: 5د) · مدة الحل: 1س (p90: 2س) · المغلقة: 6');
    expect(all).toContain('*المحادثات المغلقة*\n19');
    expect(all).toContain('*وسيط أول رد للفريق*\n4د');
    expect(joined(msg.blocks)).toContain('⚑ أول رد بطيء');
    expect(joined(msg.blocks)).not.toMatch(/[٠-٩]/);
    expect(blockKitProblems(msg)).toEqual([]);
  });

  it('leaves the legend out when nobody on the page is flagged or short of data', () => {
    const clean = agentsReport([layla, sara], { frt: 180, res: 4500, agents: 2 });
    const all = joined(agentsAnswer(clean, ctxFor('en')).blocks);
    expect(all).not.toContain('⚑');
    expect(all).not.toContain('◌');
  });

  it('answers an empty period in words', () => {
    const msg = agentsAnswer(agentsReport([], { frt: null, res: null, agents: 0 }), ctxFor('en'));
    expect(msg.text).toBe('No agent activity in this period.');
    expect(blockKitProblems(msg)).toEqual([]);
  });
});

describe('agents pagination', () => {
  // 42 agents → pages of 15: 1–15, 16–30, 31–42
  const many = agentsReport(
    Array.from({ length: 42 }, (_, i) => agent(`id${i + 1}`, `Agent ${i + 1}`, { rank: i + 1, firstResponse: dur(5, 60 * (i + 1)) })),
    { frt: 1260, res: null, agents: 42 },
  );
  const nextButton = (blocks: ReturnType<typeof agentsAnswer>['blocks']) =>
    blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => 'action_id' in e && e.action_id === ACTION_IDS.page);

  it('states the range and carries the next page and the command on the button', () => {
    const msg = agentsAnswer(many, { ...ctxFor('en'), page: 2, command: 'agents 30d team:sales' });
    const all = joined(msg.blocks);
    expect(all).toContain('Agents 16–30 of 42');
    expect(all).toContain('*#16  Agent 16*');
    expect(all).toContain('*#30  Agent 30*');
    expect(all).not.toContain('*#31  Agent 31*');
    expect(nextButton(msg.blocks)).toMatchObject({ value: '3 agents 30d team:sales', text: { text: 'Next page' } });
    expect(parsePageValue('3 agents 30d team:sales')).toEqual({ page: 3, command: 'agents 30d team:sales' });
  });

  it('has no next button on the last page and clamps a stale page number', () => {
    const last = agentsAnswer(many, { ...ctxFor('ar'), page: 99 });
    expect(joined(last.blocks)).toContain('الموظفون 31–42 من 42');
    expect(nextButton(last.blocks)).toBeUndefined();
    expect(agentsPage(many, 0)).toMatchObject({ page: 1, first: 1, last: 15, pages: 3 });
  });

  it('reads back the button values it writes, and refuses others', () => {
    expect(parsePageValue(pageButtonValue(2))).toEqual({ page: 2, command: '' });
    expect(parsePageValue('0 agents')).toBeNull();
    expect(parsePageValue('agents 7d')).toBeNull();
  });

  it('stays inside Slack limits with 200 agents of 300-character names on every page, each chart delivery', () => {
    const huge = agentsReport(
      Array.from({ length: 200 }, (_, i) => agent(`id${i}`, `${'ن'.repeat(299)}${i}`, {
        rank: i + 1, closed: 1_000_000, firstResponse: dur(9, 86_400 * 30, 86_400 * 90), resolution: dur(9, 86_400 * 40, 86_400 * 99),
        outlier: { firstResponse: true, resolution: true },
      })),
      { frt: 1, res: 1, agents: 200 },
    );
    const deliveries = [{ kind: 'image', url: 'https://pulse.example/c/x.png' }, { kind: 'file' }, { kind: 'dm' }, { kind: 'none' }] as const;
    for (const chart of deliveries) {
      for (let page = 1; page <= 14; page++) {
        const msg = agentsAnswer(huge, { ...ctxFor('en', chart), page, command: 'x'.repeat(3000) });
        expect(blockKitProblems(msg)).toEqual([]);
      }
    }
  });
});

describe('agents chart delivery', () => {
  it('shows the image with its numbers as alt text, or says where the chart went', () => {
    const image = agentsAnswer(report, ctxFor('en', { kind: 'image', url: 'https://pulse.example/c/a.png' }));
    const img = image.blocks.find((b) => b.type === 'image');
    expect(img).toMatchObject({ image_url: 'https://pulse.example/c/a.png', title: { text: 'Agent response and resolution times' } });
    expect(img && 'alt_text' in img && img.alt_text).toContain('Omar');
    expect(joined(agentsAnswer(report, ctxFor('en', { kind: 'file' })).blocks)).toContain('The chart is posted below this message.');
    expect(joined(agentsAnswer(report, ctxFor('en', { kind: 'dm' })).blocks)).toContain('direct message');
    const none = agentsAnswer(report, ctxFor('en', { kind: 'none' }));
    expect(none.blocks.some((b) => b.type === 'image')).toBe(false);
    // the chart's numbers are always there as text (the chart's own title line opens them)
    expect(joined(none.blocks)).toContain('Agent response and resolution times —');
  });

  it('gives the chart numbers of the page it shows only', () => {
    const many = agentsReport(Array.from({ length: 20 }, (_, i) => agent(`id${i + 1}`, `Agent ${i + 1}`, { rank: i + 1, firstResponse: dur(5, 60) })), { frt: 60, res: null, agents: 20 });
    const chartText = texts(agentsAnswer(many, { ...ctxFor('en'), page: 2 }).blocks).find((t) => t.startsWith('Agent response and resolution times —'));
    expect(chartText).toContain('Agent 16:');
    expect(chartText).not.toContain('Agent 15:');
  });
});
