// Hashing local files as APTrust does at ingest: every algorithm it records, in one pass over the
// bytes (one read of a 50 GB file, not four), streamed (memory is the stream's buffer, whatever
// the file's size). node:crypto's hashes are native code: nothing to gain from a library.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { VERIFY_ALGORITHMS } from './algorithms.js';

/** Per-algorithm hex digests, in {@link VERIFY_ALGORITHMS} order. */
export type DigestRow = (string | undefined)[];

/** Feeds chunks to every algorithm at once. */
export class MultiHash {
  private readonly hashes: Hash[] = VERIFY_ALGORITHMS.map((a) => createHash(a));
  /** Bytes seen. */
  size = 0;

  update(chunk: Uint8Array): void {
    this.size += chunk.length;
    for (const h of this.hashes) h.update(chunk);
  }

  /** The hex digests, in {@link VERIFY_ALGORITHMS} order. */
  digests(): DigestRow {
    return this.hashes.map((h) => h.digest('hex'));
  }
}

/** A file's digests with every algorithm APTrust records, read once as a stream. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<{ digests: DigestRow; size: number }> {
  const h = new MultiHash();
  for await (const chunk of createReadStream(path, { signal })) h.update(chunk as Buffer);
  return { digests: h.digests(), size: h.size };
}
