import { createServer } from 'node:net';
import { OutsideFault } from './outside-fault.js';

/**
 * Fails fast, before minutes of work, when `port` cannot be listened on: briefly listens and
 * closes again. Another process may still take the port in between; the listen that follows
 * then fails with the same one-line message (see explainError).
 */
export function assertPortFree(port: number, hostname?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new OutsideFault(`port ${port} is in use: set PORT to a free port, or stop what holds ${port}`, { cause: err }));
      else if (err.code === 'EACCES') reject(new OutsideFault(`port ${port} needs privileges to listen on: set PORT above 1023`, { cause: err }));
      else reject(err);
    });
    probe.listen({ port, host: hostname, exclusive: true }, () => probe.close(() => resolve()));
  });
}
