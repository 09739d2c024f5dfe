import { Growable } from './overlay.js';

/**
 * Checksums written after start (bags ingested into the sandbox, and test tampering): rows
 * checksums.count… of checksums_view, kept as facts (file row, algorithm, digest, datetime).
 * A file's own rows are indexed so the files view's md5…sha512 columns and files/show can find
 * them without a scan.
 */
export class AddedChecksums {
  readonly file = new Growable();
  readonly datetime = new Growable();
  readonly algorithm: string[] = [];
  readonly digest: string[] = [];
  private readonly byFile = new Map<number, number[]>();

  get length(): number {
    return this.algorithm.length;
  }

  /** Appends one row; returns its index among the added rows. */
  push(file: number, algorithm: string, digest: string, datetime: number): number {
    const k = this.algorithm.length;
    this.file.push(file);
    this.datetime.push(datetime);
    this.algorithm.push(algorithm);
    this.digest.push(digest);
    const list = this.byFile.get(file);
    if (list) list.push(k);
    else this.byFile.set(file, [k]);
    return k;
  }

  /** The added rows of file row `f`, oldest first. */
  of(f: number): readonly number[] {
    return this.byFile.get(f) ?? [];
  }

  /** The file's latest digest of `algorithm` among the added rows (by datetime, then id), or null. */
  latest(f: number, algorithm: string): string | null {
    let best = -1;
    for (const k of this.of(f)) {
      if (this.algorithm[k] === algorithm && (best < 0 || this.datetime.get(k) >= this.datetime.get(best))) best = k;
    }
    return best < 0 ? null : this.digest[best];
  }
}
