// A hostile registry of the tests' own: a raw TCP server on loopback that reads each HTTP request
// head and lets the test answer with any bytes at all (bombs, endless bodies, lies in headers),
// which a well-behaved HTTP server library would not let it send.
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface RawRequest {
  method: string;
  /** Path and query, as sent. */
  target: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export type RawHandler = (request: RawRequest, socket: Socket) => void;

export interface RawServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Every request head received, in order. */
  readonly requests: RawRequest[];
  /** Sockets opened by clients so far (to count connections). */
  readonly connections: number;
  close(): Promise<void>;
}

function parseHead(head: string): RawRequest {
  const [requestLine, ...lines] = head.split('\r\n');
  const [method = '', target = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, target, headers };
}

/** Starts the server; `handle` is called once per request head (keep-alive requests included). */
export async function startRawServer(handle: RawHandler): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a client that hangs up mid-answer is expected here
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const request = parseHead(buffered.slice(0, end));
        buffered = buffered.slice(end + 4); // GET requests carry no body
        requests.push(request);
        handle(request, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes a complete HTTP/1.1 response head; the body is the caller's to write. */
export function writeHead(socket: Socket, status: number, headers: Record<string, string | number>): void {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  socket.write(`HTTP/1.1 ${status} X\r\n${lines.join('\r\n')}\r\n\r\n`);
}

/** A whole JSON answer with a Content-Length, kept alive. */
export function writeJson(socket: Socket, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = Buffer.from(JSON.stringify(body));
  writeHead(socket, status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': text.length, ...headers });
  socket.write(text);
}
