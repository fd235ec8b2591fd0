import os from 'node:os';
import { adminQuery } from './databases.js';

/** Postgres settings that move these figures; printed so a run can be compared with another. */
const SETTINGS = ['shared_buffers', 'work_mem', 'effective_cache_size', 'max_wal_size', 'synchronous_commit', 'autovacuum', 'max_connections'];

/** The lines printed before anything is measured: the machine, Node and Postgres. */
export async function describeMachine(adminUrl: string): Promise<string[]> {
  const cpus = os.cpus();
  const lines = [
    `machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `node ${process.version}`,
  ];
  const [version] = await adminQuery<{ server_version: string }>(adminUrl, 'SHOW server_version');
  const settings = await adminQuery<{ name: string; setting: string }>(
    adminUrl,
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
    [SETTINGS],
  );
  lines.push(`postgres ${version?.server_version ?? '?'}: ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`);
  lines.push('seeded databases are laid out in time order and VACUUM ANALYZEd after seeding (buildDerived); reports are timed warm (one untimed run first)');
  lines.push('other work on this machine shares the CPU with the bench: figures from a busy machine are noisy');
  return lines;
}
