/** A part of a body that could not be used as sent, by JSON path (e.g. `entry[0].changes[1].value.statuses[2].timestamp`). */
export type Problem = { path: string; message: string };

/** At most this many problems are stored and answered per body; the rest are counted. */
export const MAX_PROBLEMS = 100;
const MAX_PATH = 300;
const MAX_MESSAGE = 500;

/**
 * Keeps a body's problems small enough to store and answer whatever the body holds: messages
 * may quote input (a 1 MB id, an unknown type), so each is cut, and a body with 70,000 bad
 * items reports the first ones and how many more there were.
 */
export function boundProblems(problems: readonly Problem[]): Problem[] {
  const kept = problems.slice(0, MAX_PROBLEMS).map((p) => ({
    path: cut(p.path, MAX_PATH),
    message: cut(p.message, MAX_MESSAGE),
  }));
  if (problems.length > MAX_PROBLEMS) {
    kept.push({ path: '', message: `${problems.length - MAX_PROBLEMS} more problems not listed` });
  }
  return kept;
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return `${s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)}…`;
}

/** A bounded quote of untrusted input for a problem message. */
export function excerpt(value: unknown, max = 40): string {
  const s = typeof value === 'string' ? value : String(value);
  return s.length <= max ? JSON.stringify(s) : `${JSON.stringify(cut(s, max))} (${s.length} characters)`;
}
