/**
 * Seeded mutations of webhook bodies, for the fuzz test and `wapulse fuzz`: the same seed
 * always gives the same bodies, so a failure found in a long run is reproduced by its seed.
 */

/** mulberry32: small, fast, and good enough to pick mutations. Returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const nest = (depth: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** Values that broke, or could break, ingest: NULs, lone surrogates, absurd numbers and times, type swaps. */
const STRANGE: readonly (() => unknown)[] = [
  () => null,
  () => '',
  () => '\u0000',
  () => 'a\u0000b',
  () => '\ud800',
  () => 'x\udc00y',
  () => '😀'.repeat(2500),
  () => 'x'.repeat(5000),
  () => '9'.repeat(400),
  () => 1e13,
  () => 1750030091000,
  () => '1750030091000',
  () => '999999999999',
  () => -1,
  () => 2 ** 31,
  () => -(2 ** 31) - 1,
  () => 1.5,
  () => 1e308,
  () => true,
  () => [],
  () => ({}),
  () => [null],
  () => '9999-12-31T23:59:59Z',
  () => '1970-01-01T00:00:00Z',
  () => '2025-11-24T09:00:00',
  () => nest(70),
  () => nest(1000),
];

/** Keys that once reached a path or a jsonb column unchanged. */
const STRANGE_KEYS = ['k\u0000', '\ud800', 'x'.repeat(2000), '__proto__', ''];

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every (parent, key) slot of a JSON value, found without recursion. */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, child] of entries) {
      out.push({ parent: node as Slot['parent'], key });
      stack.push(child);
    }
  }
  return out;
}

function swapType(v: unknown): unknown {
  if (typeof v === 'string') return /^\d+$/.test(v) ? Number(v) : [v];
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return { ...v };
  if (v && typeof v === 'object') return Object.values(v);
  return String(v);
}

/**
 * One to three mutations of a deep copy of `value`: drop a field, replace it with a strange
 * value, swap its type, repeat an array item many times, bury it in deep nesting, or move it
 * under a strange key.
 */
export function mutate(value: unknown, r: () => number): unknown {
  const copy = structuredClone(value);
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    const all = slots(copy);
    if (all.length === 0) break;
    const { parent, key } = pick(r, all);
    const current = (parent as Record<string | number, unknown>)[key];
    const op = pick(r, ['drop', 'replace', 'replace', 'replace', 'swap', 'repeat', 'bury', 'rekey'] as const);
    const set = (v: unknown) => ((parent as Record<string | number, unknown>)[key] = v);
    switch (op) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'replace':
        set(pick(r, STRANGE)());
        break;
      case 'swap':
        set(swapType(current));
        break;
      case 'repeat':
        if (Array.isArray(parent)) parent.push(...Array.from({ length: 50 }, () => structuredClone(current)));
        else set(Array.from({ length: 50 }, () => structuredClone(current)));
        break;
      case 'bury':
        set(nest(1 + Math.floor(r() * 80)));
        break;
      case 'rekey':
        if (Array.isArray(parent)) set(pick(r, STRANGE)());
        else {
          delete parent[key as string];
          Object.defineProperty(parent, pick(r, STRANGE_KEYS), { value: current, enumerable: true, writable: true, configurable: true });
        }
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown mutation ${String(never)}`);
      }
    }
  }
  return copy;
}

/** The body as sent: JSON text (lone surrogates become `\ud800` escapes), sometimes cut short. */
export function serialise(value: unknown, r: () => number): string {
  const text = JSON.stringify(value) ?? 'null';
  return r() < 0.05 ? text.slice(0, Math.floor(r() * text.length)) : text;
}
