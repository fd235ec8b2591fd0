import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../helpers/databases.js';
import { ensureBuilt, ROOT, wapulse } from './built-binary.js';

/**
 * The CLI as a newcomer meets it: `node dist/main.js …` in an empty folder, with nothing in the
 * environment but what each test sets. Mistakes and outside faults must be one line with the
 * fix (plus a --help pointer for usage mistakes), never a stack trace, never the whole usage.
 */
let cwd: string;
beforeAll(() => {
  ensureBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'wapulse-cli-'));
}, 180_000);
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:/);

describe('help and version', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await wapulse(['--version'], { cwd })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
  it('prints the general usage for --help and -h, a command\'s own for "<command> --help"', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await wapulse([flag], { cwd });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/^usage: wapulse <command>/);
    }
    const report = await wapulse(['report', '--help'], { cwd });
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^usage: wapulse report <name> \[options\]/);
    expect(report.stdout).toContain('--from D --to D');
    const demo = await wapulse(['demo', '-h'], { cwd });
    expect([demo.code, demo.stdout.split('\n')[0]]).toEqual([0, 'usage: wapulse demo [--no-serve] [--slack [--slack-rounds N]]']);
  });
});

describe('usage mistakes: one line, a --help pointer, exit 2', () => {
  const cases: [string[], string][] = [
    [['report', 'agents', '--format'], 'wapulse report: --format needs a value'],
    [['report', 'agents', '--colour', 'red'], 'wapulse report: unknown option --colour'],
    [['report', 'messages', 'extra'], 'wapulse report: unexpected argument: "extra"'],
    [['serve', 'foo'], 'wapulse serve: unexpected argument: "foo"'],
    [['demo', 'now'], 'wapulse demo: unexpected argument: "now"'],
    [['migrate', '--force'], 'wapulse migrate: unknown option --force'],
    [['reprocess', '--force'], 'wapulse reprocess: --force only overrides the checks of --rebuild'],
    [['reprocess', '--batch', '0'], 'wapulse reprocess: --batch takes a whole number of bodies from 1 to 10000'],
  ];
  it.each(cases)('%j', async (args, line) => {
    const r = await wapulse(args, { cwd, env: { DATA_DIR: join(cwd, 'untouched') } });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${line}\nrun "wapulse ${args[0]} --help"\n` });
    // Refused before any work: not even the embedded database folder was made.
    expect(existsSync(join(cwd, 'untouched'))).toBe(false);
  });
  it('names an unknown command and the known ones', async () => {
    const r = await wapulse(['reports'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wapulse: unknown command "reports"; commands: serve, migrate, simulate, report, fuzz, demo, reprocess\nrun "wapulse --help"\n');
  });
});

describe('outside faults: one line with the fix, exit 1', () => {
  let occupied: Server;
  let port: number;
  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, resolve));
    port = (occupied.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => occupied.close(() => resolve())));

  it('a port in use, for serve and for demo (before its minute of simulation)', async () => {
    for (const command of ['serve', 'demo']) {
      const r = await wapulse([command], { cwd, env: { PORT: String(port), DATA_DIR: join(cwd, `port-${command}`) } });
      expect([r.code, r.stderr]).toEqual([1, `wapulse ${command}: port ${port} is in use: set PORT to a free port, or stop what holds ${port}\n`]);
    }
    expect(existsSync(join(cwd, 'demo-out'))).toBe(false);
  }, 60_000);

  it('a database that refuses the connection, named by host:port/db without the password', async () => {
    const closed = await freePort();
    const env = { DATABASE_URL: `postgres://wapulse:s3cret-pw@127.0.0.1:${closed}/shop`, DB_CONNECT_TIMEOUT_MS: '3000' };
    for (const command of [['report', 'overview'], ['migrate']]) {
      const r = await wapulse(command, { cwd, env });
      expect([r.code, r.stderr]).toEqual([1, `wapulse ${command[0]}: database at 127.0.0.1:${closed}/shop refused the connection: is Postgres running there? check DATABASE_URL\n`]);
    }
  }, 60_000);

  it('an empty embedded store: "no data yet", and no database created for the occasion', async () => {
    const dataDir = join(cwd, 'nothing-here');
    const r = await wapulse(['report', 'overview'], { cwd, env: { DATA_DIR: dataDir } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `wapulse report: no data yet in ${dataDir} (DATA_DIR): run "npm run demo" (or "wapulse demo --no-serve") to try wapulse on simulated traffic, or set DATABASE_URL or DATA_DIR to your store\n`,
    );
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  const postgres = testDatabases.find((d) => d.name === 'postgres');
  it.skipIf(!postgres)('an empty Postgres database: "no data yet", not a report of zeros', async () => {
    const store = await postgres!.open();
    try {
      const u = new URL(store.url!);
      const r = await wapulse(['report', 'messages', '--format', 'json'], { cwd, env: { DATABASE_URL: store.url! } });
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(new RegExp(`^wapulse report: no data yet in database at ${u.hostname}:${u.port || 5432}${u.pathname}: point DATABASE_URL at`));
    } finally {
      await store.drop();
    }
  }, 60_000);
});

describe('reports on a store with data', () => {
  // A store laid out as `npm run demo` leaves it: DATA_DIR holds no database, DATA_DIR/demo does.
  // One simulated Dubai day: Tue 3 Nov 2026 00:00 +04 = 2 Nov 20:00 UTC, at a fifth of the traffic.
  let dataDir: string;
  beforeAll(async () => {
    dataDir = join(cwd, 'data');
    const sim = await wapulse(['simulate', '--days', '1', '--scale', '0.2', '--start', '2026-11-02T20:00:00Z'], { cwd, env: { DATA_DIR: join(dataDir, 'demo') } });
    expect(sim.code, sim.stderr).toBe(0);
  }, 180_000);
  const run = (args: string[]) => wapulse(['report', ...args], { cwd, env: { DATA_DIR: dataDir } });
  const DEMO_NOTE = () => `reading the demo's database in ${join(dataDir, 'demo')} (nothing in DATA_DIR ${dataDir}), days in Asia/Dubai; set DATABASE_URL or DATA_DIR to read another store\n`;

  it('reads the demo\'s database when DATA_DIR has none, says so, and leaves DATA_DIR without one', async () => {
    const r = await run(['messages', '--period', '2026-11-03', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    // REPORT_TZ unset: the demo's zone. Tue 3 Nov in Dubai is 2 Nov 20:00 to 3 Nov 20:00 UTC.
    expect(r.stderr).toBe(`${DEMO_NOTE()}window: Tue 3 Nov 2026 (1 day, Asia/Dubai)\n`);
    const json = JSON.parse(r.stdout) as { window: unknown; received: number };
    expect(json.window).toEqual({ from: '2026-11-02T20:00:00.000Z', to: '2026-11-03T20:00:00.000Z', tz: 'Asia/Dubai' });
    expect(json.received).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
  }, 60_000);

  it('--from D --to D and --period D..D print the same report', async () => {
    // 2 Nov has no traffic (the simulation starts at 3 Nov 00:00 Dubai); 3 Nov has all of it.
    const a = await run(['messages', '--from', '2026-11-02', '--to', '2026-11-03', '--format', 'json']);
    const b = await run(['messages', '--period', '2026-11-02..2026-11-03', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(`${DEMO_NOTE()}window: Mon 2 Nov 2026 – Tue 3 Nov 2026 (2 days, Asia/Dubai)\n`);
  }, 60_000);

  it('refuses unknown --agent, --channel and --team, listing the known ones', async () => {
    // The simulated team (src/simulate/agents.ts) and business numbers (src/simulate/context.ts).
    const agent = await run(['agents', '--agent', 'nobody']);
    expect([agent.code, agent.stdout]).toEqual([2, '']);
    expect(agent.stderr).toBe(
      `${DEMO_NOTE()}wapulse report: unknown --agent "nobody": known agents: fatima (Fatima Al Zahra), james (James Carter), layla (ليلى أحمد), ` +
        'omar (Omar Haddad), priya (Priya Nair), rahul (Rahul Menon)\nrun "wapulse report --help"\n',
    );
    const channel = await run(['messages', '--channel', '999']);
    expect([channel.code, channel.stderr.split('\n')[1]]).toEqual([2, 'wapulse report: unknown --channel "999": known channels: 106540352242922 (+15550783881), 106540352242923 (+15550783882)']);
    const team = await run(['agents', '--team', 'support']);
    expect([team.code, team.stderr.split('\n')[1]]).toEqual([2, 'wapulse report: unknown --team "support": known teams: care, sales']);
  }, 90_000);

  it('takes an agent\'s full name and a display number for their ids', async () => {
    const r = await run(['messages', '--period', '2026-11-03', '--agent', 'omar haddad', '--channel', '+1 555 078 3881', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { filters: unknown }).filters).toEqual({ agent: 'omar', channel: '106540352242922' });
  }, 60_000);

  it('--out into a missing folder: one line naming the folder', async () => {
    const out = join(cwd, 'no-such-folder', 'agents.png');
    const r = await run(['agents', '--format', 'png', '--out', out]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`wapulse report: cannot write ${out}: folder ${join(cwd, 'no-such-folder')} does not exist\n`);
    noStack(r.stderr);
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
