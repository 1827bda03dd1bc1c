// Chronicle's HTTP server (`npm start`): Next's request handler behind node:http, so that every
// request carries the address of the socket it came from in x-chronicle-peer, which a client
// cannot forge (any such header it sends is replaced). lib/http/client-address.ts reads it.
import { createServer } from 'node:http';
import next from 'next';

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: import.meta.dirname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  req.headers['x-chronicle-peer'] = req.socket.remoteAddress ?? '';
  void handle(req, res);
}).listen(port, () => {
  console.log(`Chronicle listening on http://localhost:${port}`);
});
