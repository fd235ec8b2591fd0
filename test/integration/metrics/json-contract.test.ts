import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_NAMES, type ReportResult } from '../../../src/metrics/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { simulatedDayReports } from '../../helpers/simulated-day.js';

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

describe.each(testDatabases)('report JSON matches docs/reports.md on $name', (database) => {
  let store: TestStore;
  let results: Map<string, ReportResult>;
  beforeAll(async () => {
    store = await database.open();
    const businessHours = { days: { '1': [[540, 1080]], '2': [[540, 1080]], '3': [[540, 1080]], '4': [[540, 1080]], '5': [[540, 780]], '6': [], '7': [[540, 1080]] }, tz: 'Asia/Dubai' } as const;
    results = await simulatedDayReports(store, { serviceLevel: 0.8, frtTargetSec: 300, businessHours } as never);
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
