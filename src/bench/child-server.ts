import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** A server the bench started as a child process, with its memory watched from /proc. */
export type ChildServer = { url: string; pid: number; peakRssKiB(): number; stop(): Promise<void> };

/** Peak resident set (VmHWM) and current (VmRSS) of a process in KiB; 0 where /proc has none. */
export function procMemory(pid: number | 'self'): { hwm: number; rss: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { hwm: field('VmHWM'), rss: field('VmRSS') };
  } catch {
    return { hwm: 0, rss: 0 };
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts `node <script> [...args]` with exactly `env` (plus PATH and HOME: no secrets or Slack
 * tokens leak in from the developer's shell), waits until `readyPath` answers 200, and samples
 * its RSS every 100 ms; VmHWM is read at stop for the true peak.
 */
export async function startChild(script: string, args: string[], env: Record<string, string>, readyPath: string): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(child, `${url}${readyPath}`, () => stderr);
  let peak = 0;
  const sampler = setInterval(() => void (peak = Math.max(peak, procMemory(child.pid!).rss)), 100);
  return {
    url,
    pid: child.pid!,
    peakRssKiB: () => Math.max(peak, procMemory(child.pid!).hwm),
    stop: async () => {
      peak = Math.max(peak, procMemory(child.pid!).hwm);
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(child: ChildProcess, url: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench: server exited with ${child.exitCode}: ${stderr()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`bench: server not ready within 60 s: ${stderr()}`);
}
