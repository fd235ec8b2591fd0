import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { replaySpool, SpoolFiles, type ReplayDeps, type SpoolEntry } from '../../../src/spool/index.js';

const fresh = (maxBytes = 1_000_000, now?: () => Date) => new SpoolFiles(mkdtempSync(join(tmpdir(), 'wapulse-spool-')), maxBytes, now);
const at = (iso: string) => new Date(iso);
const entry = (text: string, receivedAt = at('2026-11-30T10:00:00Z')): SpoolEntry => ({ source: 'chatwoot', receivedAt, body: Buffer.from(text) });
const silent = createLogger('silent');
const unavailable = Object.assign(new Error('Connection terminated unexpectedly'), {});

function deps(files: SpoolFiles, ingest: ReplayDeps['ingest']): ReplayDeps & { outcomes: string[] } {
  const outcomes: string[] = [];
  return { files, ingest, isUnavailable: (e) => e === unavailable, log: silent, counted: (o) => outcomes.push(o), outcomes };
}

describe('SpoolFiles', () => {
  it('writes one file per body: a JSON line of metadata, then the exact bytes', async () => {
    const files = fresh(1_000_000, () => at('2026-11-30T10:00:00.123Z')); // the spool's clock names files
    const put = await files.put(entry('{"event":"a"}', at('2026-11-30T10:00:00.123Z')));
    expect(put.ok).toBe(true);
    const [name] = readdirSync(files.dir).filter((n) => n.endsWith('.body'));
    // 2026-11-30 is day 20787 since 1970-01-01 (56 years with 14 leap days = 20454, plus 333
    // days into 2026); 10:00:00.123 adds 36000.123 s: 1796032800123 ms, zero-padded to 15 digits.
    expect(name).toMatch(/^001796032800123-000000001-[0-9a-f]{8}\.body$/);
    expect(readFileSync(join(files.dir, name!), 'utf8')).toBe(
      '{"v":1,"source":"chatwoot","receivedAt":"2026-11-30T10:00:00.123Z"}\n{"event":"a"}',
    );
    expect(readdirSync(join(files.dir, 'tmp'))).toEqual([]); // nothing half-written left behind
  });

  it('refuses a body that would take it past maxBytes, and accepts again once space is freed', async () => {
    // Each file is the 67-byte metadata line + newline + the body: 68 + 10 = 78 bytes here.
    const files = fresh(2 * 78);
    expect((await files.put(entry('0123456789'))).ok).toBe(true);
    expect((await files.put(entry('0123456789'))).ok).toBe(true);
    expect(await files.put(entry('0123456789'))).toEqual({ ok: false, reason: 'full' });
    expect(await files.usedBytes()).toBe(156);
    const claimed = await files.claim((await files.waiting())[0]!);
    await files.remove(claimed!);
    expect(await files.usedBytes()).toBe(78);
    expect((await files.put(entry('0123456789'))).ok).toBe(true);
  });

  it('lets exactly one of two replicas claim a file', async () => {
    const a = fresh();
    const b = new SpoolFiles(a.dir, a.maxBytes); // a second process on the same DATA_DIR
    await a.put(entry('x'));
    const [name] = await a.waiting();
    const claims = await Promise.all([a.claim(name!), b.claim(name!)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.waiting()).toEqual([]);
  });

  it('returns a claim abandoned for over 5 minutes to the line, and keeps a recent one', async () => {
    const files = fresh();
    await files.put(entry('old'));
    await files.put(entry('recent'));
    const [oldName, recentName] = await files.waiting();
    const old = (await files.claim(oldName!))!;
    await files.claim(recentName!);
    // ctime cannot be set back, so the clock moves forward instead: 6 minutes after the claims.
    const later = new SpoolFiles(files.dir, files.maxBytes, () => new Date(Date.now() + 6 * 60_000));
    utimesSync(old, new Date(), new Date());
    expect(await later.recover()).toBe(2);
    expect(await files.waiting()).toEqual([oldName, recentName]);
    const fresher = new SpoolFiles(files.dir, files.maxBytes);
    await fresher.claim(oldName!);
    expect(await fresher.recover()).toBe(0); // claimed just now: its owner is at work
  });
});

describe('replaySpool', () => {
  it('stores bodies oldest first, each file present until its ingest resolved, then deleted', async () => {
    const files = fresh();
    for (const [i, text] of ['first', 'second', 'third'].entries()) await files.put(entry(text, at(`2026-11-30T10:00:0${i}Z`)));
    const seen: string[] = [];
    const d = deps(files, async (e) => {
      // Crash-safety: while the transaction runs, the body is still on disk (claimed).
      expect(readdirSync(join(files.dir, 'claimed'))).toHaveLength(1);
      seen.push(e.body.toString());
      return 'stored';
    });
    expect(await replaySpool(d)).toEqual({ replayed: 3, deferred: false });
    expect(seen).toEqual(['first', 'second', 'third']);
    expect(d.outcomes).toEqual(['stored', 'stored', 'stored']);
    expect(await files.waiting()).toEqual([]);
    expect(readdirSync(join(files.dir, 'claimed'))).toEqual([]);
  });

  it('keeps a body whose ingest fails as unavailable, in its place, and stops the pass', async () => {
    const files = fresh();
    await files.put(entry('a', at('2026-11-30T10:00:00Z')));
    await files.put(entry('b', at('2026-11-30T10:00:01Z')));
    const names = await files.waiting();
    let calls = 0;
    const d = deps(files, async () => {
      calls++;
      throw unavailable;
    });
    expect(await replaySpool(d)).toEqual({ replayed: 0, deferred: true });
    expect(calls).toBe(1); // 'b' is not tried while the database is away
    expect(await files.waiting()).toEqual(names);
    expect(d.outcomes).toEqual(['deferred']);
  });

  it('leaves the file in place when the process dies mid-transaction, and replays it next time', async () => {
    const files = fresh();
    await files.put(entry('only'));
    // The ingest never settles: as if the process died before commit.
    void replaySpool(deps(files, () => new Promise(() => {})));
    await new Promise((r) => setTimeout(r, 20));
    const claimed = readdirSync(join(files.dir, 'claimed'));
    expect(claimed).toHaveLength(1);
    // A restart (6 minutes on) returns it to the line and stores it.
    const restarted = new SpoolFiles(files.dir, files.maxBytes, () => new Date(Date.now() + 6 * 60_000));
    await restarted.recover();
    const stored: string[] = [];
    await replaySpool(deps(restarted, async (e) => (stored.push(e.body.toString()), 'duplicate')));
    expect(stored).toEqual(['only']);
    expect(existsSync(join(files.dir, 'claimed', claimed[0]!))).toBe(false);
  });

  it('sets aside a body that fails for another reason, and carries on with the next', async () => {
    const files = fresh();
    await files.put(entry('bad', at('2026-11-30T10:00:00Z')));
    await files.put(entry('good', at('2026-11-30T10:00:01Z')));
    const d = deps(files, async (e) => {
      if (e.body.toString() === 'bad') throw new Error('column "x" does not exist');
      return 'stored';
    });
    expect(await replaySpool(d)).toEqual({ replayed: 1, deferred: false });
    expect(d.outcomes).toEqual(['set_aside', 'stored']);
    expect(readdirSync(join(files.dir, 'failed'))).toHaveLength(1);
  });
});
