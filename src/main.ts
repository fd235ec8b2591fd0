#!/usr/bin/env node
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { migrateCommand } from './cli/migrate.js';
import { serveCommand } from './cli/serve.js';

const USAGE = `usage: wapulse <command>

commands:
  serve      start the collector HTTP server (PORT, default 3000)
  migrate    apply database migrations and exit
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  loadDotEnv();
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serveCommand(config);
      return -1; // keeps running
    case 'migrate':
      await migrateCommand(config);
      return 0;
    default:
      process.stderr.write(`unknown command: ${command} ${rest.join(' ')}\n${USAGE}`);
      return 2;
  }
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
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `wapulse: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
