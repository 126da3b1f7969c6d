// Serves fake-api.mjs over HTTP/1.1 for offline runs of the .NET driver (not the real gateway).
// node LoadTests/mock/server.mjs [port] ; env FAKE_ADMIN_TOKEN, FAKE_UNAVAILABLE, FAKE_AMBIGUOUS, FAKE_DOUBLE_COUNT, FAKE_DELAY_MS, FAKE_H2=1 (h2c prior knowledge)
import http from 'node:http';
import http2 from 'node:http2';
import { createFakeApi } from './fake-api.mjs';

const port = Number(process.argv[2] ?? 18080);
const api = createFakeApi({
  adminToken: process.env.FAKE_ADMIN_TOKEN ?? 'secret',
  unavailableRate: Number(process.env.FAKE_UNAVAILABLE ?? 0),
  ambiguousRate: Number(process.env.FAKE_AMBIGUOUS ?? 0),
  doubleCountRate: Number(process.env.FAKE_DOUBLE_COUNT ?? 0),
});
const delay = Number(process.env.FAKE_DELAY_MS ?? 0);

const create = process.env.FAKE_H2 === '1' ? http2.createServer : http.createServer;
create((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const answer = () => {
      const r = api.handle(req.method, req.url, Buffer.concat(chunks).toString('utf8'), req.headers);
      const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (delay > 0) setTimeout(answer, delay); else answer();
  });
}).listen(port, '127.0.0.1', () => console.log(`fake Voting API on http://127.0.0.1:${port}`));
