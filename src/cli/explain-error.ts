import { ConfigError } from '../config.js';
import { OutsideFault } from './outside-fault.js';
import { UsageError } from './usage-error.js';

/** What the user sees for a failed command: lines for stderr and the exit code. */
export type Explained = { lines: string[]; exitCode: 1 | 2 };

/**
 * Turns a user mistake or an outside fault into one line with the fix (plus, for usage
 * mistakes, where to read more); null for anything else, which is a bug and keeps its stack.
 * `command` names the command that was running, when there was one.
 */
export function explainError(err: unknown, command?: string): Explained | null {
  const who = command ? `wapulse ${command}` : 'wapulse';
  if (err instanceof UsageError) return { lines: [`${who}: ${err.message}`, `run "${who} --help"`], exitCode: 2 };
  if (err instanceof ConfigError) return { lines: [err.message], exitCode: 1 };
  if (err instanceof OutsideFault) return { lines: [`${who}: ${err.message}`], exitCode: 1 };
  const sys = systemFault(err);
  return sys ? { lines: [`${who}: ${sys}`], exitCode: 1 } : null;
}

type SystemError = Error & { code?: string; syscall?: string; port?: number; address?: string; path?: string };

// Errors Node raises for the machine's state rather than for our code.
function systemFault(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const e = err as SystemError;
  if (e.syscall === 'listen') {
    if (e.code === 'EADDRINUSE') return `port ${e.port} is in use: set PORT to a free port, or stop what holds ${e.port}`;
    if (e.code === 'EACCES') return `port ${e.port} needs privileges to listen on: set PORT above 1023`;
    if (e.code === 'EADDRNOTAVAIL') return `address ${e.address} is not on this machine: set HOST to one of its addresses`;
  }
  if (e.path && e.code) {
    const what: Record<string, string> = {
      ENOENT: 'no such file or folder',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a folder',
      ENOTDIR: 'a part of the path is not a folder',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
    };
    if (what[e.code]) return `${e.path}: ${what[e.code]}`;
  }
  return null;
}
