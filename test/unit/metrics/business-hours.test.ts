import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../src/metrics/business-hours.js';

const days = (text: string) => {
  const r = parseBusinessHours(text);
  if (!r.ok) throw new Error(r.error);
  return r.hours.days;
};
const error = (text: string) => {
  const r = parseBusinessHours(text);
  return r.ok ? null : r.error;
};

describe('parseBusinessHours', () => {
  it('reads the METRICS example: sun-thu 09:00-18:00, fri 09:00-13:00, sat closed', () => {
    // ISO weekdays: 1 = Monday … 7 = Sunday; minutes after local midnight (9 h = 540, 18 h = 1080)
    expect(days('sun-thu 09:00-18:00; fri 09:00-13:00')).toEqual({
      '1': [[540, 1080]], '2': [[540, 1080]], '3': [[540, 1080]], '4': [[540, 1080]],
      '5': [[540, 780]], '6': [], '7': [[540, 1080]],
    });
  });

  it('takes lists, wrapping spans, long names, several ranges and 24:00', () => {
    const d = days('Mon,Wednesday 08:00-12:00, 13:00-17:30; fri-sun 00:00-24:00');
    expect(d['1']).toEqual([[480, 720], [780, 1050]]);
    expect(d['3']).toEqual([[480, 720], [780, 1050]]);
    expect(d['2']).toEqual([]);
    expect([d['5'], d['6'], d['7']]).toEqual([[[0, 1440]], [[0, 1440]], [[0, 1440]]]);
  });

  it('merges overlapping and repeated ranges', () => {
    expect(days('mon 09:00-12:00,11:00-13:00; mon 13:00-14:00; mon 16:00-17:00')['1']).toEqual([[540, 840], [960, 1020]]);
  });

  it('explains what is wrong, naming the clause', () => {
    expect(error('')).toMatch(/empty/);
    expect(error('mon-fri')).toMatch(/clause 1.*days then hours/);
    expect(error('mon 09:00-18:00; fun 09:00-13:00')).toMatch(/clause 2.*"fun" is not a day/);
    expect(error('mo 09:00-18:00')).toMatch(/not a day/);
    expect(error('mon 9-18')).toMatch(/must look like 09:00-18:00/);
    expect(error('mon 09:60-18:00')).toMatch(/must look like/);
    expect(error('mon 24:30-24:45')).toMatch(/must look like/);
    expect(error('fri 22:00-02:00')).toMatch(/overnight/);
    expect(error('mon 10:00-10:00')).toMatch(/ends before it starts/);
  });
});
