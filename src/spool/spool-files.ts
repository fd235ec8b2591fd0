import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** The senders whose bodies may be spooled (they never retry on their own). */
export type SpoolSource = 'chatwoot' | 'inbox';

/** One spooled body: what ingest needs to store it as if it had just arrived. */
export type SpoolEntry = { source: SpoolSource; receivedAt: Date; body: Buffer };

export type PutResult = { ok: true; name: string } | { ok: false; reason: 'full' };

const SUFFIX = '.body';
// A claim older than this belongs to a replica that died mid-replay: the body goes back in line.
const STALE_CLAIM_MS = 5 * 60_000;
// The byte count is shared by every replica writing the same directory, so it is re-read
// from disk now and then rather than trusted forever.
const RESCAN_MS = 10_000;

/**
 * A bounded, crash-safe queue of webhook bodies on disk, one file per body:
 *
 *   <dir>/<15-digit ms>-<9-digit seq>-<instance>.body   waiting, oldest name first
 *   <dir>/tmp/…      being written (never read; leftovers from a crash are deleted)
 *   <dir>/claimed/…  being replayed by one replica (renamed there: the claim is atomic)
 *   <dir>/failed/…   replay met an error that a retry will not fix (kept for an operator)
 *
 * A file is a JSON line `{"v":1,"source":…,"receivedAt":…}` followed by the raw body bytes.
 * It is written and fsynced (file, then directory) before `put` resolves, so an accepted
 * body survives a crash or power loss.
 */
export class SpoolFiles {
  readonly instance = randomBytes(4).toString('hex');
  private seq = 0;
  private bytes: number | null = null;
  private scannedAt = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes one body durably, or refuses when the spool would grow past maxBytes. */
  async put(entry: SpoolEntry): Promise<PutResult> {
    const data = Buffer.concat([
      Buffer.from(`${JSON.stringify({ v: 1, source: entry.source, receivedAt: entry.receivedAt.toISOString() })}\n`),
      entry.body,
    ]);
    if ((await this.usedBytes()) + data.length > this.maxBytes) return { ok: false, reason: 'full' };
    const name = `${String(this.now().getTime()).padStart(15, '0')}-${String(++this.seq).padStart(9, '0')}-${this.instance}${SUFFIX}`;
    const tmp = join(this.dir, 'tmp', name);
    await mkdir(join(this.dir, 'tmp'), { recursive: true });
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, join(this.dir, name));
    await syncDir(this.dir);
    this.bytes = (this.bytes ?? 0) + data.length;
    return { ok: true, name };
  }

  /** Names waiting to be replayed, in arrival order. */
  async waiting(): Promise<string[]> {
    return (await list(this.dir)).sort();
  }

  /** Takes `name` for this replica; null when another replica (or a previous pass) took it. */
  async claim(name: string): Promise<string | null> {
    await mkdir(join(this.dir, 'claimed'), { recursive: true });
    const claimed = join(this.dir, 'claimed', name);
    try {
      await rename(join(this.dir, name), claimed);
      return claimed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async read(claimed: string): Promise<SpoolEntry> {
    const data = await readFile(claimed);
    const eol = data.indexOf(0x0a);
    const meta = JSON.parse(data.subarray(0, eol).toString('utf8')) as { source: SpoolSource; receivedAt: string };
    return { source: meta.source, receivedAt: new Date(meta.receivedAt), body: data.subarray(eol + 1) };
  }

  /** Stored (its transaction committed): the file goes. */
  async remove(claimed: string): Promise<void> {
    const { size } = await stat(claimed);
    await unlink(claimed);
    if (this.bytes !== null) this.bytes = Math.max(0, this.bytes - size);
  }

  /** Not stored (database unavailable again): back in line, in its old place. */
  async release(claimed: string): Promise<void> {
    await rename(claimed, join(this.dir, basename(claimed)));
  }

  /** Replay failed for a reason a retry will not fix: set aside so the line moves on. */
  async setAside(claimed: string): Promise<void> {
    await mkdir(join(this.dir, 'failed'), { recursive: true });
    await rename(claimed, join(this.dir, 'failed', basename(claimed)));
  }

  /** Returns claims abandoned by a crashed replica and deletes half-written leftovers. */
  async recover(): Promise<number> {
    let released = 0;
    const cutoff = this.now().getTime() - STALE_CLAIM_MS;
    for (const name of await list(join(this.dir, 'claimed'))) {
      const path = join(this.dir, 'claimed', name);
      const s = await stat(path).catch(() => null);
      // ctime changes on rename, so it is the moment of the claim.
      if (s && s.ctimeMs < cutoff) {
        await this.release(path).catch(() => {});
        released++;
      }
    }
    for (const name of await list(join(this.dir, 'tmp'))) {
      const path = join(this.dir, 'tmp', name);
      const s = await stat(path).catch(() => null);
      if (s && s.mtimeMs < cutoff) await unlink(path).catch(() => {});
    }
    return released;
  }

  /** Bytes held (waiting + claimed), as last counted on disk plus this replica's writes since. */
  async usedBytes(): Promise<number> {
    const at = Date.now();
    if (this.bytes === null || at - this.scannedAt > RESCAN_MS) {
      this.bytes = (await sizeOf(this.dir)) + (await sizeOf(join(this.dir, 'claimed')));
      this.scannedAt = at;
    }
    return this.bytes;
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith(SUFFIX));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const name of await list(dir)) total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  return total;
}

// A rename is durable only once the directory entry itself reaches the disk.
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
