// The ceiling: a minimal node:http server returning fixed bytes from memory (the bytes are sent by the parent).
import { createServer } from 'node:http';

process.once('message', ({ body, contentType }) => {
  const bytes = Buffer.from(body, 'base64');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
});
process.on('disconnect', () => process.exit(0));
