// The file an export writes while it runs: FILE.partial, renamed to FILE only when the export is
// whole, so FILE is always complete or absent. Text is written in batches at known byte offsets;
// sync() makes everything so far durable (fsync) and says how many bytes that is, which the state
// file records with the crawl's checkpoint. Resuming cuts the file back to that offset, so a
// record half written when the process was killed is written again, whole, once.
import { open, rename, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

const BATCH_BYTES = 64 * 1024;

export interface PartialFile {
  /** Bytes written or queued so far. */
  readonly bytes: number;
  write(text: string): Promise<void>;
  /** Writes what is queued and fsyncs; resolves to the bytes now on disk. */
  sync(): Promise<number>;
  /** Syncs, closes and renames the file to `target`, replacing any file there. */
  finish(target: string): Promise<void>;
  /** Closes without renaming (the export failed: the partial file stays for a resume). */
  close(): Promise<void>;
}

/** Why a partial file cannot be resumed: the caller starts over. */
export class PartialFileMismatch extends Error {}

/**
 * Opens `file` to write from the start, or, with `resumeAt`, to go on from that byte: the file
 * must hold at least that many (what a checkpoint recorded), and anything after is cut.
 */
export async function openPartial(file: string, resumeAt?: number): Promise<PartialFile> {
  let handle: FileHandle;
  let position = 0;
  if (resumeAt === undefined) {
    handle = await open(file, 'w');
  } else {
    const size = await stat(file).then(
      (s) => s.size,
      () => -1,
    );
    if (size < resumeAt) {
      throw new PartialFileMismatch(
        size < 0 ? `${file} is gone` : `${file} holds ${size} bytes, fewer than the ${resumeAt} its state recorded`,
      );
    }
    handle = await open(file, 'r+');
    await handle.truncate(resumeAt);
    position = resumeAt;
  }
  let queued: string[] = [];
  let queuedBytes = 0;
  let total = position;
  let closed = false;

  const flush = async () => {
    if (queued.length === 0) return;
    const buffer = Buffer.from(queued.join(''), 'utf8');
    queued = [];
    queuedBytes = 0;
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset, position);
      offset += bytesWritten;
      position += bytesWritten;
    }
  };
  const sync = async () => {
    await flush();
    await handle.sync();
    return position;
  };
  return {
    get bytes() {
      return total;
    },
    async write(text) {
      const size = Buffer.byteLength(text, 'utf8');
      queued.push(text);
      queuedBytes += size;
      total += size;
      if (queuedBytes >= BATCH_BYTES) await flush();
    },
    sync,
    async finish(target) {
      await sync();
      closed = true;
      await handle.close();
      await rename(file, target);
      // The rename itself made durable: fsync the directory (not possible everywhere; best effort).
      const dir = await open(path.dirname(target), 'r').catch(() => undefined);
      await dir?.sync().catch(() => undefined);
      await dir?.close();
    },
    async close() {
      if (closed) return;
      closed = true;
      await flush().catch(() => undefined);
      await handle.close();
    },
  };
}
