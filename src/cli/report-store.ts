import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { migrate, openStore, type DatabaseTarget, type Store } from '../store/index.js';
import { describeTarget, withDatabaseFaults } from './database-fault.js';
import { OutsideFault } from './outside-fault.js';

/** Where `wapulse demo` keeps its embedded database, below DATA_DIR. */
export const DEMO_SUBDIR = 'demo';

export type ReportStore = { store: Store; target: DatabaseTarget; demo: boolean };

const TRY_DEMO = 'run "npm run demo" (or "wapulse demo --no-serve") to try wapulse on simulated traffic';

/**
 * The store a report reads, never one created for the occasion:
 * - DATABASE_URL set: that database; empty, it is "no data yet".
 * - else the embedded database in DATA_DIR when it exists and holds data;
 * - else the demo's (DATA_DIR/demo) when it holds data, `demo: true` so the caller says so;
 * - else "no data yet", without creating ./.data (an empty folder there would hide the demo).
 * "No data" is an OutsideFault naming what to set.
 */
export async function openReportStore(config: Config): Promise<ReportStore> {
  const db = config.database;
  if (db.kind === 'postgres') {
    const found = await openWithData(db);
    if (found) return { ...found, demo: false };
    throw new OutsideFault(`no data yet in ${describeTarget(db)}: point DATABASE_URL at the database the collector writes to, or ${TRY_DEMO}`);
  }
  const demoDir = join(db.dataDir, DEMO_SUBDIR);
  for (const [dataDir, demo] of [[db.dataDir, false], [demoDir, true]] as const) {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) continue;
    const found = await openWithData({ kind: 'pglite', dataDir });
    if (found) return { ...found, demo };
  }
  throw new OutsideFault(`no data yet in ${db.dataDir} (DATA_DIR): ${TRY_DEMO}, or set DATABASE_URL or DATA_DIR to your store`);
}

/**
 * Where a report's reads go: the read replica on REPORTS_DATABASE_URL when set, else the store
 * itself. The replica is never migrated (it is read-only and follows the primary's schema) and
 * may lag it by a moment; settle, which writes, always runs on the primary store.
 */
export function reportReads(config: Config, primary: ReportStore): { store: Store; target: DatabaseTarget; close(): Promise<void> } {
  const replica = config.reportsDatabase;
  if (!replica) return { store: primary.store, target: primary.target, close: async () => {} };
  const store = openStore(replica);
  return { store, target: replica, close: () => store.close() };
}

/** Opens and migrates `target`; returns it when it holds messages or conversations, else closes it. */
async function openWithData(target: DatabaseTarget): Promise<{ store: Store; target: DatabaseTarget } | null> {
  const store = openStore(target);
  try {
    const hasData = await withDatabaseFaults(target, async () => {
      await migrate(store);
      const r = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM messages) OR EXISTS (SELECT 1 FROM conversations) AS any`.execute(store.db);
      return r.rows[0]?.any === true;
    });
    if (hasData) return { store, target };
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  await store.close();
  return null;
}
