import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** True when the command line asks for help (`--help`/`-h` before any `--`), whatever else it holds. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * node:util parseArgs in strict mode, with its errors reworded as one-line UsageErrors
 * (Node's own text mentions internals like `<value>` and spans several lines), and at most
 * `maxPositionals` positionals: anything more is refused by name rather than ignored.
 */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(rewordParseError(err as Error & { code?: string }), { cause: err });
  }
  const stray = parsed.positionals.slice(maxPositionals);
  if (stray.length) throw new UsageError(`unexpected argument${stray.length > 1 ? 's' : ''}: ${stray.map((s) => `"${s}"`).join(' ')}`);
  return parsed;
}

function rewordParseError(err: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1] ?? 'an option';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message) ? `${option} takes no value` : `${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''}`.trim();
    default:
      return err.message.split('\n')[0]!;
  }
}
