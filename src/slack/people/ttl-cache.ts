/**
 * A small per-key cache for Web API lookups: a value is reused until `ttlMs` after it was
 * stored (by the injected clock), and callers asking for the same key while it loads share
 * the one in-flight call. A load that throws is not cached (every waiter gets the error).
 * `ttlOf` may give some values a shorter life (failed lookups, say). Expired entries are swept
 * when the cache grows past `maxEntries`, so a large workspace cannot grow it without bound.
 */
export type TtlCache<K, V> = {
  get(key: K, load: () => Promise<V>): Promise<V>;
  /** the last value stored for the key, even if expired (undefined if none) */
  last(key: K): V | undefined;
};

export function createTtlCache<K, V>(opts: { ttlMs: number; now: () => Date; ttlOf?: (value: V) => number; maxEntries?: number }): TtlCache<K, V> {
  const entries = new Map<K, { value: V; until: number }>();
  const inflight = new Map<K, Promise<V>>();
  const maxEntries = opts.maxEntries ?? 10_000;
  const at = () => opts.now().getTime();

  const sweep = () => {
    const t = at();
    for (const [k, e] of entries) if (e.until <= t) entries.delete(k);
  };

  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && at() < hit.until) return Promise.resolve(hit.value);
      const pending = inflight.get(key);
      if (pending) return pending;
      const call = load()
        .then((value) => {
          if (entries.size >= maxEntries) sweep();
          entries.set(key, { value, until: at() + (opts.ttlOf?.(value) ?? opts.ttlMs) });
          return value;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, call);
      return call;
    },
    last: (key) => entries.get(key)?.value,
  };
}
