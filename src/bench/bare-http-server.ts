import http from 'node:http';

/**
 * The bare-HTTP baseline: a Node server that reads each body and answers 200, nothing else.
 * Started as a child process like `serve`, so the load generator and the machine are measured
 * the same way; what wapulse reaches beside it is what its own work costs.
 */
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
