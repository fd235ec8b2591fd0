import { describe, expect, it } from 'vitest';
import { utcOffsetMinutes } from '../../../src/metrics/window.js';

// Offsets from the tz database: Dubai +04:00 all year; Kolkata +05:30; Kathmandu +05:45;
// St John's −03:30 in winter; New York −05:00 in winter, −04:00 in summer; London +01:00 until
// 2026-10-25 01:00 UTC, then +00:00 (the hourly rollups are read only where this is whole hours).
describe('utcOffsetMinutes', () => {
  it.each([
    ['Asia/Dubai', '2026-06-01T12:00:00Z', 240],
    ['Asia/Kolkata', '2026-06-01T12:00:00Z', 330],
    ['Asia/Kathmandu', '2026-06-01T12:00:00Z', 345],
    ['America/St_Johns', '2026-01-15T12:00:00Z', -210],
    ['America/New_York', '2026-01-15T12:00:00Z', -300],
    ['America/New_York', '2026-07-15T12:00:00Z', -240],
    ['Europe/London', '2026-10-25T00:59:59Z', 60],
    ['Europe/London', '2026-10-25T01:00:00Z', 0],
    ['UTC', '2026-06-01T12:00:00Z', 0],
  ])('%s at %s is %i minutes', (tz, at, minutes) => {
    expect(utcOffsetMinutes(new Date(at), tz)).toBe(minutes);
  });
});
