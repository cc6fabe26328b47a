// The webhook receiver for bench/notify, in its own process so that arrival times do not wait on Pharos's event loop.
// Records each request's arrival time (first byte), path and body; answers 204. Over IPC: {dump: fromIndex} sends the
// records from that index on ({records}); {count: fromIndex} sends how many arrived from that index on, with the first and last arrival times.
import { createServer } from 'node:http';

const records = [];
const server = createServer((req, res) => {
  const at = Date.now();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    records.push({
      at,
      path: req.url,
      key: req.headers['idempotency-key'] ?? null,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    res.writeHead(204);
    res.end();
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('message', (m) => {
  if (typeof m?.dump === 'number') process.send?.({ records: records.slice(m.dump) });
  else if (typeof m?.count === 'number')
    process.send?.({
      count: records.length - m.count,
      firstAt: records[m.count]?.at ?? null,
      lastAt: records.length > m.count ? records.at(-1).at : null,
    });
});
process.on('disconnect', () => process.exit(0));
