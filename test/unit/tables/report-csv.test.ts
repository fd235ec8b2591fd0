import { describe, expect, it } from 'vitest';
import { REPORT_SECTIONS, reportCsv } from '../../../src/tables/index.js';
import { busyHours, messages } from '../format/hand-made.js';
import { csvObjects } from '../format/parse-csv.js';

const csv = (out: ReturnType<typeof reportCsv>) => {
  if (!out.ok) throw new Error(`unexpected ${out.reason}`);
  return csvObjects(out.csv);
};

describe('reportCsv', () => {
  it('writes Arabic headers and the same raw values as English', () => {
    const ar = csv(reportCsv(messages, { section: 'days', locale: 'ar' }));
    // date, sent, delivered, read, received, in Arabic
    expect(ar.header).toEqual(['التاريخ', 'المرسلة', 'المُسلّمة', 'المقروءة', 'الواردة']);
    // hand-made days: 23 Nov sent 4 delivered 3 read 2 received 3; 24 Nov 2, 2, 1, 1
    expect(ar.rows.map((r) => Object.values(r))).toEqual([
      ['2026-11-23', '4', '3', '2', '3'],
      ['2026-11-24', '2', '2', '1', '1'],
    ]);
  });

  it('spreads an Arabic rate over its fraction, numerator and denominator', () => {
    const { header, rows } = csv(reportCsv(messages, { locale: 'ar' }));
    expect(header.slice(0, 3)).toEqual(['الواردة', 'التفاعلات', 'المرسلة']);
    // delivery rate: 5 delivered of the 6 sent
    expect(rows[0]).toMatchObject({ 'نسبة التسليم': String(5 / 6), 'نسبة التسليم - البسط': '5', 'نسبة التسليم - المقام': '6' });
  });

  it('keeps the English headers the CLI has always written', () => {
    expect(csv(reportCsv(busyHours, { section: 'staffing' })).header).toEqual([
      'days', 'messages', 'opened', 'activeAgentHours', 'agentCloses', 'serviceLevel', 'frtTargetSec', 'handleTimeSec', 'noHintReason',
    ]);
  });

  it('gives every column of every section a distinct Arabic header', () => {
    for (const report of [messages, busyHours]) {
      for (const section of Object.keys(REPORT_SECTIONS[report.report].sections)) {
        const out = reportCsv(report, { section, locale: 'ar' });
        // csvObjects throws on a repeated header
        expect(() => csv(out), `${report.report} ${section}`).not.toThrow();
        if (out.ok) expect(out.csv.split('\r\n')[0], section).not.toMatch(/[A-Za-z]/);
      }
    }
  });

  it('answers an unknown section with the valid ones, as a value', () => {
    expect(reportCsv(messages, { section: 'toString', locale: 'ar' })).toEqual({
      ok: false, reason: 'unknownSection', report: 'messages', section: 'toString',
      valid: ['totals', 'days', 'byChannel', 'billable', 'billableByChannel'], main: 'totals',
    });
  });
});
