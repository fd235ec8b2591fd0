import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of Postgres that a test can break in the ways networks break, without
 * stopping the shared server:
 * - `down()`: connections refused (nothing listens on the port) and open ones reset;
 * - `reset()`: open connections cut, new ones still accepted (a dropped link);
 * - `blackhole()`: connections accepted and bytes swallowed, nothing forwarded either way,
 *   open ones included (a silently dead network path);
 * - `up()` / `forward()`: back to normal.
 * The port stays the same across down/up, so a pool pointed at it reconnects by itself.
 */
export class TcpProxy {
  private server?: Server;
  private pairs = new Set<{ client: Socket; upstream: Socket }>();
  private mode: 'forward' | 'blackhole' = 'forward';
  constructor(private readonly target: { host: string; port: number }, public port = 0) {}

  static to(url: string): TcpProxy {
    const u = new URL(url);
    return new TcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async up(): Promise<void> {
    this.mode = 'forward';
    if (this.server?.listening) return;
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async down(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  blackhole(): void {
    this.mode = 'blackhole';
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.resume(); // swallow whatever the app sends
      upstream.pause();
    }
  }

  private accept(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.mode === 'blackhole') {
      client.resume(); // accepted, read, never answered
      this.pairs.add({ client, upstream: client });
      return;
    }
    const upstream = createConnection(this.target);
    const pair = { client, upstream };
    this.pairs.add(pair);
    upstream.on('error', () => upstream.destroy());
    for (const s of [client, upstream]) {
      s.on('close', () => {
        this.pairs.delete(pair);
        (s === client ? upstream : client).destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
