import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { startHttpServer, type AppContext } from '../../../src/http/index.js';
import { createLogger } from '../../../src/log.js';
import { openStore, type Store } from '../../../src/store/index.js';

// HOST decides which interfaces the socket binds, and the log must say what was bound.
describe('binding the HTTP server', () => {
  let store: Store;
  let app: AppContext;

  beforeAll(async () => {
    store = openStore({ kind: 'pglite', dataDir: null });
    app = await buildApp(loadConfig({ DATA_DIR: '/nonexistent-never-written' }), { store, log: createLogger('silent') });
  });
  afterAll(() => store.close());

  it('with no HOST binds every interface and says so, with a URL that reaches it from here', async () => {
    const server = await startHttpServer(app, 0);
    try {
      expect(server.boundTo).toBe(`every interface, port ${server.port}`);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('with HOST=127.0.0.1 binds loopback only and names that address', async () => {
    const server = await startHttpServer(app, 0, '127.0.0.1');
    try {
      expect(server.boundTo).toBe(`127.0.0.1 port ${server.port}`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('rejects with EADDRINUSE when the port is taken, instead of crashing the process', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startHttpServer(app, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
