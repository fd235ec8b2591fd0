#!/usr/bin/env node
import { wantsHelp } from './cli/args.js';
import { explainError } from './cli/explain-error.js';
import { COMMAND_USAGE, GENERAL_USAGE, packageVersion } from './cli/usage.js';
import { UsageError } from './cli/usage-error.js';
import { loadConfig, loadDotEnv } from './config.js';

type Command = (argv: string[]) => Promise<'exit' | 'keep-running'>;

// Each command is imported when run: --help, --version and usage mistakes answer without
// loading the database drivers and the chart renderers.
const COMMANDS: Record<string, Command> = {
  serve: async (argv) => {
    const { serveCommand } = await import('./cli/serve.js');
    await serveCommand(config(), argv);
    return 'keep-running';
  },
  migrate: async (argv) => {
    const { migrateCommand } = await import('./cli/migrate.js');
    await migrateCommand(config(), argv);
    return 'exit';
  },
  simulate: async (argv) => {
    const { simulateCommand } = await import('./cli/simulate.js');
    await simulateCommand(config(), argv);
    return 'exit';
  },
  report: async (argv) => {
    const { reportCommand } = await import('./cli/report.js');
    await reportCommand(config(), argv);
    return 'exit';
  },
  fuzz: async (argv) => {
    const { fuzzCommand } = await import('./cli/fuzz.js');
    loadDotEnv();
    if ((await fuzzCommand(argv)) !== 0) throw new Error('fuzz: server errors or bodies not kept raw (listed above)');
    return 'exit';
  },
  demo: async (argv) => {
    const { demoCommand } = await import('./cli/demo.js');
    return demoCommand(config(), argv);
  },
  reprocess: async (argv) => {
    const { reprocessCommand } = await import('./cli/reprocess.js');
    await reprocessCommand(config(), argv);
    return 'exit';
  },
};

function config() {
  loadDotEnv();
  return loadConfig();
}

// The command being run, for error messages ("wapulse report: …").
let running: string | undefined;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const text = topic && Object.hasOwn(COMMAND_USAGE, topic) ? COMMAND_USAGE[topic]! : GENERAL_USAGE;
    // Bare `wapulse` is a mistake (stderr, 2); asking for help is not.
    (name === undefined ? process.stderr : process.stdout).write(text);
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  running = name;
  if (wantsHelp(rest)) {
    process.stdout.write(COMMAND_USAGE[name]!);
    return 0;
  }
  return (await COMMANDS[name]!(rest)) === 'exit' ? 0 : -1;
}

/** Prints a failure: one line with the fix for mistakes and outside faults, the stack for bugs. */
function fail(err: unknown): void {
  const explained = explainError(err, running);
  if (explained) {
    process.stderr.write(`${explained.lines.join('\n')}\n`);
    if (process.env.WAPULSE_DEBUG && (err as Error).cause) process.stderr.write(`${String((err as Error).cause)}\n`);
    process.exitCode = explained.exitCode;
  } else {
    process.stderr.write(`wapulse${running ? ` ${running}` : ''}: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}

// Input never crashes the process: stray rejections are reported, the server keeps serving.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'unhandled rejection', reason: String(reason) })}\n`);
});

// Last resort for an error nobody awaits (a listen error is awaited now): still one line with the
// fix where one is known, then the process ends as Node would.
process.on('uncaughtException', (err) => {
  fail(err);
  process.exit(process.exitCode ?? 1);
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  fail,
);
