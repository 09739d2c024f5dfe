// PUT /sandbox/receiving/<name>.tar: the sandbox's stand-in for the S3 receiving bucket that
// apt-cmd (or `aws s3 cp`) uploads a bag to. It is not part of the Member API (which is read-only)
// and lives outside /member-api/ on purpose. The body is read as a stream, never buffered whole:
// each file is hashed as it passes, the total is capped (hostile or runaway uploads), and a bag
// that reads completely starts a simulated ingest whose success creates the object.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { bagNameOf, readBagTar } from '../bag.js';
import type { SandboxBag, SandboxUser } from '../types.js';
import { authenticate } from './auth.js';
import { handlerError, jsonResponse, type SandboxResponse } from './respond.js';

export const RECEIVING_PREFIX = '/sandbox/receiving/';

/** Default cap on one upload's body: room for test and example bags, not for a runaway client. */
export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface ReceivingDeps {
  users: readonly SandboxUser[];
  maxUploadBytes: number;
  /** Starts the simulated ingest of an upload that read completely. */
  received(name: string, etag: string, bag: SandboxBag, user: SandboxUser): void;
}

class TooLarge extends Error {}

/** 413, and the connection closed after it: the rest of the body is never read. */
function tooLarge(max: number): SandboxResponse {
  const r = handlerError(413, `The upload is over the sandbox's limit of ${max} bytes.`);
  return { ...r, headers: { ...r.headers, Connection: 'close' } };
}

/** Answers a request under /sandbox/receiving/ (the caller has checked the prefix). */
export async function receive(
  req: IncomingMessage,
  url: string,
  first: (name: string) => string,
  deps: ReceivingDeps,
): Promise<SandboxResponse> {
  const drain = (r: SandboxResponse): SandboxResponse => {
    req.resume(); // let the rest of a refused body go, so the connection can answer
    return r;
  };
  const auth = authenticate(first, deps.users, false);
  if ('response' in auth) return drain(auth.response);
  if (req.method !== 'PUT') return drain(handlerError(405, 'Use PUT to upload a bag to the receiving bucket.'));
  let name: string;
  try {
    name = decodeURIComponent(url.slice(RECEIVING_PREFIX.length).split('?')[0]);
  } catch {
    return drain(handlerError(400, 'The bag name is not valid percent-encoding.'));
  }
  if (!/^[^/\\]+\.(tar|tar\.gz|tgz)$/i.test(name) || name.includes('\u0000') || bagNameOf(name) === '') {
    return drain(handlerError(400, `A bag upload is <bag name>.tar (or .tar.gz, .tgz), got ${JSON.stringify(name)}.`));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > deps.maxUploadBytes) return tooLarge(deps.maxUploadBytes);
  let bytes = 0;
  const md5 = createHash('md5');
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > deps.maxUploadBytes) {
        done(new TooLarge());
        return;
      }
      md5.update(chunk);
      done(null, chunk);
    },
  });
  let bag: SandboxBag;
  try {
    bag = await readBagTar(req.pipe(counter), bagNameOf(name));
  } catch (err) {
    req.unpipe(counter);
    if (err instanceof TooLarge) return tooLarge(deps.maxUploadBytes);
    return drain(handlerError(400, `The upload is not a readable bag tar: ${(err as Error).message}.`));
  }
  const etag = md5.digest('hex');
  deps.received(name, etag, bag, auth.user);
  return jsonResponse(201, { name, etag, size: bytes, files: bag.files.length });
}
