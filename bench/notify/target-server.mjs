// The monitors' target for bench/notify, in its own process: 200 while healthy, 503 once told {healthy:false} over IPC.
import { createServer } from 'node:http';

let healthy = true;
const server = createServer((_req, res) => {
  const body = JSON.stringify({ status: healthy ? 'ok' : 'failing' });
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('message', (m) => {
  if (typeof m?.healthy === 'boolean') {
    healthy = m.healthy;
    process.send?.({ healthy, at: Date.now() });
  }
});
process.on('disconnect', () => process.exit(0));
