#!/usr/bin/env node
import { demoCommand } from './cli/demo.js';
import { fuzzCommand } from './cli/fuzz.js';
import { migrateCommand } from './cli/migrate.js';
import { reportCommand } from './cli/report.js';
import { serveCommand } from './cli/serve.js';
import { simulateCommand } from './cli/simulate.js';
import { UsageError } from './cli/usage-error.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';

const USAGE = `usage: wapulse <command> [options]

commands:
  serve                      start the collector HTTP server (PORT, default 3000)
  migrate                    apply database migrations and exit
  simulate [--days 14] [--scale 1] [--seed 42] [--start ISO] [--tz Asia/Dubai] [--url URL]
                             synthetic traffic into the store, or POSTed signed to a server (--url)
  report <name> [--period 7d | --from D --to D] [--tz Zone] [--channel ID] [--agent ID] [--team T]
         [--format table|json|csv|png] [--out FILE]
                             messages, failures, conversations, agents, contacts, busy-hours, live, overview
  demo                       simulate 14 days into a fresh embedded database, write reports and charts
                             to ./demo-out/, then serve
  fuzz [--seed 1] [--count 1000] [--concurrency 4] [--fixtures test/fixtures] [--url URL]
                             POST seeded mutations of real bodies to the webhooks and count the answers;
                             without --url, against an in-process collector on an in-memory database
`;

type Command = (argv: string[]) => Promise<'exit' | 'keep-running'>;

const COMMANDS: Record<string, Command> = {
  serve: async () => {
    await serveCommand(config());
    return 'keep-running';
  },
  migrate: async () => {
    await migrateCommand(config());
    return 'exit';
  },
  simulate: async (argv) => {
    await simulateCommand(config(), argv);
    return 'exit';
  },
  report: async (argv) => {
    await reportCommand(config(), argv);
    return 'exit';
  },
  fuzz: async (argv) => {
    loadDotEnv();
    if ((await fuzzCommand(argv)) !== 0) throw new Error('fuzz: server errors or bodies not kept raw (listed above)');
    return 'exit';
  },
  demo: async () => {
    await demoCommand(config());
    return 'keep-running';
  },
};

function config() {
  loadDotEnv();
  return loadConfig();
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command: ${name}`);
  return (await command(rest)) === 'exit' ? 0 : -1;
}

// Input never crashes the process: stray rejections are reported, the server keeps serving.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'unhandled rejection', reason: String(reason) })}\n`);
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`wapulse: ${(err as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `wapulse: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
