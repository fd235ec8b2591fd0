/**
 * A mistake in how a command was called, found from the command line alone: printed as one
 * line plus a pointer to the command's --help, exit code 2.
 */
export class UsageError extends Error {
  readonly code = 'USAGE';
}
