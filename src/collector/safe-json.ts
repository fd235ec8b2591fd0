import type { Problem } from './problems.js';

/** Deeper nesting than any real webhook has (Meta's bodies nest ~10 levels, Chatwoot's ~6). */
export const MAX_JSON_DEPTH = 64;

/** Cleaned strings named individually; beyond this only counted (the raw body has them all). */
const MAX_TEXT_PROBLEMS = 20;

export type SafeJson =
  | { ok: true; value: unknown; problems: Problem[] }
  | { ok: false; reason: 'not_json' }
  | { ok: false; reason: 'too_deep'; problem: Problem };

// An unpaired high surrogate, or a low surrogate without its high half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Parses a webhook body as UTF-8 JSON and makes every string in it storable, once, before any
 * schema sees it: NUL characters are removed (Postgres text and jsonb refuse them) and unpaired
 * surrogates become U+FFFD (jsonb refuses `\ud800`). Each cleaned string is named as a problem;
 * the raw bytes stay verbatim in raw_events.body. Nesting deeper than MAX_JSON_DEPTH refuses
 * the body: recursive code downstream (schemas, serialisers) would overflow the stack on it.
 * Iterative, so the walk itself never recurses.
 */
export function parseSafeJson(raw: Buffer): SafeJson {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  const problems: Problem[] = [];
  let cleaned = 0;
  const note = (at: Frame | null, key: string | number, message: string) => {
    if (++cleaned <= MAX_TEXT_PROBLEMS) problems.push({ path: pathOf(at, key), message });
  };
  if (typeof value === 'string') {
    const fixed = cleanText(value);
    if (fixed !== null) note(null, '', fixed.what);
    return { ok: true, value: fixed?.text ?? value, problems };
  }
  if (!isContainer(value)) return { ok: true, value, problems };

  const stack: Frame[] = [{ node: value, parent: null, key: '', depth: 1 }];
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.depth > MAX_JSON_DEPTH) {
      const problem = { path: pathOf(frame.parent, frame.key), message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
      return { ok: false, reason: 'too_deep', problem };
    }
    const node = frame.node;
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, child] of entries) {
      let k = key;
      if (typeof key === 'string') {
        const fixedKey = cleanText(key);
        if (fixedKey !== null) {
          note(frame, fixedKey.text, `key ${fixedKey.what}`); // the path itself must be storable
          delete (node as Record<string, unknown>)[key];
          (node as Record<string, unknown>)[fixedKey.text] = child;
          k = fixedKey.text;
        }
      }
      if (typeof child === 'string') {
        const fixed = cleanText(child);
        if (fixed === null) continue;
        note(frame, k, fixed.what);
        (node as Record<string | number, unknown>)[k] = fixed.text;
      } else if (isContainer(child)) {
        stack.push({ node: child, parent: frame, key: k, depth: frame.depth + 1 });
      }
    }
  }
  if (cleaned > MAX_TEXT_PROBLEMS) {
    problems.push({ path: '', message: `${cleaned - MAX_TEXT_PROBLEMS} more strings cleaned the same way` });
  }
  return { ok: true, value, problems };
}

type Container = Record<string, unknown> | unknown[];
type Frame = { node: Container; parent: Frame | null; key: string | number; depth: number };

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/** The text made storable, and what was done; null when it was fine as it was. */
export function cleanText(s: string): { text: string; what: string } | null {
  const nul = s.includes('\u0000');
  LONE_SURROGATE.lastIndex = 0;
  const lone = LONE_SURROGATE.test(s);
  if (!nul && !lone) return null;
  let text = nul ? s.replaceAll('\u0000', '') : s;
  if (lone) text = text.replace(LONE_SURROGATE, '\uFFFD');
  const what = [nul ? 'NUL characters removed' : '', lone ? 'unpaired surrogates replaced with U+FFFD' : '']
    .filter(Boolean)
    .join(', ');
  return { text, what: `${what} (the raw body keeps the original)` };
}

/** `entry[0].changes[1].value.statuses[2].id`, built only for the few paths that are reported. */
function pathOf(frame: Frame | null, key: string | number): string {
  const parts: (string | number)[] = [];
  if (key !== '') parts.push(key);
  for (let f = frame; f && f.parent; f = f.parent) parts.push(f.key);
  return parts
    .reverse()
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}
