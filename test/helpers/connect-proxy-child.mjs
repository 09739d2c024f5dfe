// A tiny CONNECT proxy, run as its own process by connect-proxy.ts: node:http for the CONNECT
// requests, node:net for the tunnels. It writes one JSON line to stdout for everything it sees
// (each CONNECT with its headers, any other request, every chunk a client sends into a tunnel),
// always before acting on it, and "synced" when asked on stdin: so once the parent has read
// "synced", it has every line about what came before.
//
// argv[2]: JSON { auth?: "user:password", status?: number, hang?: true, routes?: { "host:port": "host:port" } }
import { Buffer } from 'node:buffer';
import http from 'node:http';
import net from 'node:net';
import process from 'node:process';

const options = JSON.parse(process.argv[2] ?? '{}');
const tell = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
let tunnels = 0;

const server = http.createServer((request, response) => {
  // Absolute-form requests (GET http://host/path): what a proxy sees when a client does not tunnel.
  tell({ type: 'request', method: request.method, url: request.url, headers: request.headers });
  response.writeHead(400, { 'Content-Type': 'text/plain' }).end('this proxy only tunnels (CONNECT)\n');
});

server.on('connect', (request, client, head) => {
  const id = ++tunnels;
  tell({ type: 'connect', id, target: request.url, headers: request.headers });
  if (options.auth !== undefined) {
    const expected = `Basic ${Buffer.from(options.auth).toString('base64')}`;
    if (request.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
  }
  if (options.hang === true) {
    // http.Server sockets are half-open: the client's end arrives as 'end' (once read), never 'close'.
    client.once('end', () => {
      tell({ type: 'closed', id });
      client.destroy();
    });
    client.resume();
    return; // never answers
  }
  if (options.status !== undefined) {
    client.end(`HTTP/1.1 ${options.status} Refused By Test\r\nContent-Length: 0\r\n\r\n`);
    return;
  }
  const routed = options.routes?.[request.url] ?? request.url;
  const at = routed.lastIndexOf(':');
  const upstream = net.connect(Number(routed.slice(at + 1)), routed.slice(0, at).replace(/^\[|\]$/g, ''));
  upstream.once('connect', () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    client.on('data', (chunk) => {
      tell({ type: 'data', id, base64: chunk.toString('base64') });
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  client.once('error', () => upstream.destroy());
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
});

process.stdin.setEncoding('utf8').on('data', (text) => {
  for (const line of text.split('\n')) if (line.trim() === 'sync') tell({ type: 'synced' });
});

server.listen(0, '127.0.0.1', () => tell({ type: 'listening', port: server.address().port }));
