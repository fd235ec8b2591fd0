import { deliverToStore } from '../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../src/conversations/index.js';
import { REPORT_NAMES, runReport, type ReportContext, type ReportResult } from '../../src/metrics/index.js';
import { generateTraffic } from '../../src/simulate/index.js';
import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase, TestStore } from './databases.js';

/** One simulated Monday (seed 3, scale 0.4) in Asia/Dubai, settled at 06:00 UTC the next day. */
export const SIMULATED_DAY = { from: new Date('2026-11-02T00:00:00Z'), now: new Date('2026-11-03T06:00:00Z'), tz: 'Asia/Dubai' } as const;

/**
 * Stores the simulated day and runs every report over it: a day on which every branch of every
 * report has data, for checks of shape (documented fields, column names), not of values.
 */
export async function simulatedDayReports(store: TestStore, context: Omit<ReportContext, 'now'>): Promise<Map<string, ReportResult>> {
  const { from, now, tz } = SIMULATED_DAY;
  await deliverToStore(store.db, generateTraffic({ seed: 3, start: from, days: 1, scale: 0.4 }), /agent=([^;]+)/);
  await settleConversations(store.db, now, 24 * 3_600_000);
  const results = new Map<string, ReportResult>();
  for (const name of REPORT_NAMES) {
    results.set(name, await runReport(store.db, name, { window: { from, to: now, tz }, filters: {} }, { now, ...context }));
  }
  return results;
}

/**
 * Three simulated days from 2 Nov 2026 UTC (scale 0.25, Asia/Dubai), stored once for the
 * describe block it is called in and settled at `settleAt`: the traffic the rollup-equality
 * tests compare their fast paths on. Each test picks its own seed, so their data differ.
 */
export function useSimulatedDays(database: TestDatabase, o: { seed: number; settleAt: Date }): { store: TestStore } {
  const ctx = {} as { store: TestStore };
  beforeAll(async () => {
    ctx.store = await database.open();
    await deliverToStore(ctx.store.db, generateTraffic({ seed: o.seed, start: new Date('2026-11-02T00:00:00Z'), days: 3, scale: 0.25, tz: 'Asia/Dubai' }), /agent=([^;]+)/);
    await settleConversations(ctx.store.db, o.settleAt, 24 * 3_600_000);
  }, 600_000);
  afterAll(() => ctx.store?.drop());
  return ctx;
}
