export { createHttpApp } from './app.js';
export type { AppContext } from './context.js';
export { startHttpServer, type RunningServer } from './server.js';
