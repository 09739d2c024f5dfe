// Hashing local files as APTrust does at ingest: every algorithm it records, in one pass over the
// bytes (one read of a 50 GB file, not four), streamed (memory is the stream's buffer, whatever
// the file's size). node:crypto's hashes are native code: nothing to gain from a library.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { VERIFY_ALGORITHMS } from './algorithms.js';

/** Per-algorithm hex digests, in {@link VERIFY_ALGORITHMS} order. */
export type DigestRow = (string | undefined)[];

/**
 * An empty digest row. Four slots up front: an empty array grown by assigning index 1 or 3 gets
 * a backing store of 17 slots, which for 100,000 files is 10 MB of nothing.
 */
export function digestRow(): DigestRow {
  return new Array<string | undefined>(VERIFY_ALGORITHMS.length);
}

/**
 * A copy of a string that holds only its own characters. A regular-expression capture or a
 * slice is a view that keeps its whole parent alive (the manifest line, the file identifier):
 * kept for every file of a large bag, those parents would double the memory.
 */
export function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** Feeds chunks to every algorithm at once. */
class MultiHash {
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

/** The digests of a stream's bytes (a file, a tar entry) with every algorithm APTrust records, read once. */
export async function hashStream(input: AsyncIterable<Uint8Array>): Promise<{ digests: DigestRow; size: number }> {
  const h = new MultiHash();
  for await (const chunk of input) h.update(chunk);
  return { digests: h.digests(), size: h.size };
}

/** A file's digests with every algorithm APTrust records, read once as a stream. */
export function hashFile(path: string, signal?: AbortSignal): Promise<{ digests: DigestRow; size: number }> {
  return hashStream(createReadStream(path, { signal }) as AsyncIterable<Buffer>);
}
