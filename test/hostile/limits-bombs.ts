// Hostile bodies for the response-size limits: compression bombs, a body that never ends and a
// Content-Length that lies, written to a raw socket (raw-server.ts) at the pace the client reads.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Socket } from 'node:net';
import { writeHead } from './raw-server.js';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** A JSON list envelope whose one record holds a huge run of spaces: valid JSON, if it ever ended. */
export const BOMB_PREFIX = Buffer.from('{"count":1,"next":"","previous":"","results":[{"id":1,"identifier":"');
export const BOMB_SUFFIX = Buffer.from('"}]}');

const SPACES = Buffer.alloc(MiB, 0x20);

/**
 * A gzip body that inflates to about `inflated` bytes, as gzip members (a gzip stream may hold any
 * number, and they inflate one after another): one 64 MiB member of spaces, compressed once
 * (about 64 KiB), repeated. 3 GiB is 48 members, some 3 MB on the wire.
 */
export function gzipBomb(inflated: number): Buffer[] {
  const member = zlib.gzipSync(Buffer.alloc(64 * MiB, 0x20), { level: 9 });
  const parts = [zlib.gzipSync(BOMB_PREFIX)];
  for (let n = 0; n < Math.ceil(inflated / (64 * MiB)); n += 1) parts.push(member);
  parts.push(zlib.gzipSync(BOMB_SUFFIX));
  return parts;
}

/** A brotli body that inflates to `inflated` bytes; 1 GiB of spaces compresses to under 2 KB. */
export async function brotliBomb(inflated: number): Promise<Buffer> {
  const compress = zlib.createBrotliCompress({
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 3, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: inflated },
  });
  const out: Buffer[] = [];
  compress.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => compress.on('end', resolve).on('error', reject));
  const write = promisify(compress.write.bind(compress)) as (chunk: Buffer) => Promise<void>;
  await write(BOMB_PREFIX);
  for (let left = inflated; left > 0; left -= SPACES.length) await write(left >= SPACES.length ? SPACES : SPACES.subarray(0, left));
  compress.end(BOMB_SUFFIX);
  await ended;
  return Buffer.concat(out);
}

/** A chunked body that never ends: the envelope's start, then 1 MiB chunks of spaces forever. */
export function* endlessChunked(): Generator<Buffer> {
  const frame = (data: Buffer) => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
  yield frame(BOMB_PREFIX);
  const spaces = frame(SPACES);
  for (;;) yield spaces;
}

/** Plain bytes that never end: the envelope's start, then spaces (for a Content-Length that lies). */
export function* endlessPlain(): Generator<Buffer> {
  yield BOMB_PREFIX;
  for (;;) yield SPACES;
}

/** What one hostile answer came to, on the server's side. */
export interface Sent {
  /** Body bytes the socket accepted before it closed or the body ran out. */
  bytes: number;
  /** Resolves when the client's socket is gone (it hung up, or the server closed it). */
  closed: Promise<void>;
}

/**
 * Writes a response head and then `parts`, each only after the socket drained the last (so the
 * server goes at the client's pace and holds nothing), until the parts run out or the socket closes.
 */
export function sendBody(socket: Socket, headers: Record<string, string | number>, parts: Iterable<Buffer>, status = 200): Sent {
  const sent: Sent = { bytes: 0, closed: new Promise((resolve) => socket.once('close', () => resolve())) };
  writeHead(socket, status, headers);
  const iterator = parts[Symbol.iterator]();
  const pump = () => {
    while (!socket.destroyed) {
      const next = iterator.next();
      if (next.done) return;
      sent.bytes += next.value.length;
      if (!socket.write(next.value)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
  return sent;
}

export type BombKind = 'gzip' | 'brotli' | 'endless' | 'lying-length';

export interface Bombs {
  gzip: Buffer[];
  brotli: Buffer;
}

/** Prepares the compressed bombs once per test file (about a second): 3 GiB of gzip, 1 GiB of brotli. */
export async function makeBombs(): Promise<Bombs> {
  return { gzip: gzipBomb(3 * GiB), brotli: await brotliBomb(GiB) };
}

/** Answers a request with one of the hostile bodies. */
export function sendBomb(socket: Socket, kind: BombKind, bombs: Bombs): Sent {
  const json = { 'Content-Type': 'application/json; charset=utf-8' };
  switch (kind) {
    case 'gzip':
      return sendBody(socket, { ...json, 'Content-Encoding': 'gzip', 'Content-Length': byteLength(bombs.gzip) }, bombs.gzip);
    case 'brotli':
      return sendBody(socket, { ...json, 'Content-Encoding': 'br', 'Content-Length': bombs.brotli.length }, [bombs.brotli]);
    case 'endless':
      return sendBody(socket, { ...json, 'Transfer-Encoding': 'chunked' }, endlessChunked());
    case 'lying-length':
      // Claims a terabyte, which it will never send, and keeps sending.
      return sendBody(socket, { ...json, 'Content-Length': 2 ** 40 }, endlessPlain());
  }
}

function byteLength(parts: Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}
