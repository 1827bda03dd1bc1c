// Run by stray-rejection.test.ts. One query through a proxy that, when postgres.js sends the
// query for the server's array types on the new connection, holds it back and has the server
// terminate that connection (pg_terminate_backend), as a restart would: the server's FATAL
// answer reaches postgres.js while that query is the one in flight. Prints {rows, stray, cuts}
// (rows: the query's answer, or the code of its error) and exits 0 if the process lived.
import { createConnection, createServer } from 'node:net';
import postgres from 'postgres';
import { surviveStrayConnectionFailures } from '../../lib/stray-rejections';

const NAME = 'stray-rejection-child';
const [url, mode] = process.argv.slice(2) as [string, 'guarded' | 'bare'];
const target = new URL(url);
const admin = postgres(url, { max: 1, onnotice: () => {} });
let armed = true;
let cuts = 0;

const proxy = createServer((client) => {
  const upstream = createConnection(Number(target.port), target.hostname);
  upstream.on('data', (chunk) => client.write(chunk));
  client.on('data', (chunk) => {
    if (armed && chunk.includes('typarray')) {
      armed = false;
      cuts++;
      // A query of postgres.js runs once it is awaited or .then-ed.
      admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${NAME}`.then(
        () => {},
        (error: unknown) => console.error('could not terminate the connection', error),
      );
      return;
    }
    upstream.write(chunk);
  });
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.end());
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const address = proxy.address();
if (typeof address !== 'object' || address === null) throw new Error('the proxy has no port');
const proxied = new URL(url);
proxied.host = `127.0.0.1:${address.port}`;

let stray = 0;
if (mode === 'guarded') surviveStrayConnectionFailures(() => stray++);
const sql = postgres(proxied.toString(), {
  max: 1,
  onnotice: () => {},
  connection: { application_name: NAME },
});
const rows = await sql<{ answer: number }[]>`select 42 as answer`.catch(
  (error: { code?: string }) => ({ error: error.code }),
);
// The stray rejection may surface after the query's own answer: give it time to.
await new Promise((resolve) => setTimeout(resolve, 300));
await Promise.all([sql.end(), admin.end()]);
proxy.close();
console.log(JSON.stringify({ rows, stray, cuts }));
