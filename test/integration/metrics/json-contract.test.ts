import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { REPORT_NAMES, runReport, type ReportResult } from '../../../src/metrics/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';

// docs/reports.md is the JSON contract: every field name a report emits must be documented in
// that report's section. Run on a simulated day so every branch of every report has data.
const DOC = readFileSync(new URL('../../../docs/reports.md', import.meta.url), 'utf8');
const section = (name: string) => {
  const start = DOC.indexOf(`\n## ${name}\n`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end);
};

/** Field names in a result; keys of `by…`/`days` maps and matrices are data, not fields. */
function fieldNames(value: unknown, parent = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => fieldNames(v, parent, out));
  else if (value && typeof value === 'object' && !(value instanceof Date)) {
    const dataKeyed = /^by[A-Z]/.test(parent) || parent === 'days' && !Array.isArray(value);
    for (const [k, v] of Object.entries(value)) {
      if (!dataKeyed && !/^\d+$/.test(k)) out.add(k);
      fieldNames(v, k, out);
    }
  }
  return out;
}

const START = new Date('2026-11-02T00:00:00Z');
const NOW = new Date('2026-11-03T06:00:00Z');

describe.each(testDatabases)('report JSON matches docs/reports.md on $name', (database) => {
  let store: TestStore;
  const results = new Map<string, ReportResult>();
  beforeAll(async () => {
    store = await database.open();
    await deliverToStore(store.db, generateTraffic({ seed: 3, start: START, days: 1, scale: 0.4 }), /agent=([^;]+)/);
    await settleConversations(store.db, NOW, 24 * 3_600_000);
    const ctx = { now: NOW, serviceLevel: 0.8, frtTargetSec: 300, businessHours: { days: { '1': [[540, 1080]], '2': [[540, 1080]], '3': [[540, 1080]], '4': [[540, 1080]], '5': [[540, 780]], '6': [], '7': [[540, 1080]] }, tz: 'Asia/Dubai' } as const };
    for (const name of REPORT_NAMES) {
      results.set(name, await runReport(store.db, name, { window: { from: START, to: NOW, tz: 'Asia/Dubai' }, filters: {} }, ctx as never));
    }
  }, 120_000);
  afterAll(async () => store.drop());

  it.each([...REPORT_NAMES])('documents every field of %s', (name) => {
    const result = results.get(name)!;
    expect(result.report).toBe(name);
    const doc = section(name);
    expect(doc.length, `docs/reports.md has a "## ${name}" section`).toBeGreaterThan(100);
    const missing = [...fieldNames(JSON.parse(JSON.stringify(result)))].filter((k) => !doc.includes(k));
    expect(missing, `fields of ${name} not in its docs section`).toEqual([]);
  });
});
