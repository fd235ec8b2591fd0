import { describe, expect, it } from 'vitest';
import { render } from '../../../src/cli/format/render.js';
import { REPORT_SECTIONS } from '../../../src/tables/index.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { busyHours, messages, overview } from './hand-made.js';
import { csvObjects } from './parse-csv.js';

const csv = async (r: Parameters<typeof render>[0], section?: string) => csvObjects(String(await render(r, 'csv', { section })));

describe('CSV sections', () => {
  it('messages: totals by default, one row of named columns', async () => {
    const { header, rows } = await csv(messages);
    expect(rows).toHaveLength(1);
    expect(header.slice(0, 6)).toEqual(['received', 'reactions', 'sent', 'delivered', 'read', 'failed']);
    // delivery rate over the sent cohort: 5 of 6
    expect(rows[0]).toMatchObject({ received: '4', sent: '6', deliveryRate: String(5 / 6), deliveryRateNumerator: '5', deliveryRateDenominator: '6', billable: '4' });
  });

  it('messages days and byChannel', async () => {
    const days = await csv(messages, 'days');
    expect(days.header).toEqual(['date', 'sent', 'delivered', 'read', 'received']);
    expect(days.rows.map((d) => [d.date, d.sent, d.received])).toEqual([['2026-11-23', '4', '3'], ['2026-11-24', '2', '1']]);
    const channels = await csv(messages, 'byChannel');
    expect(channels.rows.map((c) => [c.channel, c.displayPhoneNumber, c.sent, c.readRate, c.billable])).toEqual([
      ['106540352242922', '+1 555-0100', '4', String(2 / 3), '3'],
      ['106540352242923', '+1 555-0101', '2', '0.5', '1'],
    ]);
  });

  it('billable categories are rows with a category column, never positional columns', async () => {
    const total = await csv(messages, 'billable');
    expect(total.header).toEqual(['category', 'count']);
    expect(total.rows).toEqual([{ category: 'marketing', count: '2' }, { category: 'utility', count: '2' }]);
    // channel A: utility 2, marketing 1; channel B: marketing 1 — marketing sits in the same column on every row
    const byChannel = await csv(messages, 'billableByChannel');
    expect(byChannel.rows.map((r) => [r.channel, r.category, r.count])).toEqual([
      ['106540352242922', 'utility', '2'], ['106540352242922', 'marketing', '1'], ['106540352242923', 'marketing', '1'],
    ]);
  });

  it('busy hours: one long table of 168 weekday × hour rows', async () => {
    const { header, rows } = await csv(busyHours);
    expect(header.slice(0, 5)).toEqual(['weekday', 'hour', 'occurrences', 'messages', 'opened']);
    expect(rows).toHaveLength(7 * 24);
    // Mon 00 first, Sun 23 last; Tue is row 1 of the matrix: rows 24..47, so Tue 14:00 is row 38
    expect([rows[0]!.weekday, rows[0]!.hour, rows[167]!.weekday, rows[167]!.hour]).toEqual(['Mon', '0', 'Sun', '23']);
    expect(rows[38]).toMatchObject({ weekday: 'Tue', hour: '14', messages: '5', opened: '2', arrivals: '2', agentsNeeded: '3', agentsReplied: '2.5' });
    expect(rows[167]!.messages).toBe('1200');
    const total = rows.reduce((s, r) => s + Number(r.messages), 0);
    expect(total).toBe(1205);
  });

  it('overview: one row per KPI with its unit and the filters that reached it', async () => {
    const { header, rows } = await csv(overview);
    expect(header).toEqual(['kpi', 'unit', 'current', 'previous', 'change', 'filteredBy']);
    expect(rows.find((r) => r.kpi === 'received')).toEqual({ kpi: 'received', unit: 'count', current: '120', previous: '100', change: '0.2', filteredBy: '' });
    expect(rows.find((r) => r.kpi === 'medianResolutionSec')).toEqual({ kpi: 'medianResolutionSec', unit: 'seconds', current: '', previous: '3900', change: '', filteredBy: 'agent' });
  });

  it('an unknown section is refused with the valid ones listed', async () => {
    await expect(render(messages, 'csv', { section: 'nope' })).rejects.toThrow(UsageError);
    await expect(render(messages, 'csv', { section: 'nope' })).rejects.toThrow('must be one of totals, days, byChannel, billable, billableByChannel (default totals)');
    // inherited object keys are not sections either
    await expect(render(messages, 'csv', { section: 'toString' })).rejects.toThrow(UsageError);
    await expect(render(messages, 'json', { section: 'days' })).rejects.toThrow(/csv or table/);
  });

  it('JSON is the result itself', async () => {
    expect(JSON.parse(String(await render(messages, 'json')))).toEqual(messages);
  });

  it('every report names its main section among its sections', () => {
    for (const [report, { main, sections }] of Object.entries(REPORT_SECTIONS)) {
      expect(Object.keys(sections), report).toContain(main);
    }
  });
});
