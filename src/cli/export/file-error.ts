// A failure of the export's own files (no such directory, no permission, a full disk), told as
// what could not be done to which file, with exit 8 like a failing stdout: never a stack trace.
/** What an errno says, in words: for the export's files and for stdout (report-error.ts). */
export const ERRNO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

export class ExportFileError extends Error {
  static {
    this.prototype.name = 'ExportFileError';
  }
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** An errno failure as an ExportFileError naming `what` and `file`; anything else as it is. */
export function asFileError(error: unknown, what: string, file: string, hint?: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ExportFileError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new ExportFileError(`cannot ${what} ${file}: ${ERRNO_REASONS[code] ?? code} (${code})`, hint);
}

/** Runs a file operation; an errno failure becomes an ExportFileError naming `what` and `file`. */
export async function onFile<T>(what: string, file: string, step: () => Promise<T>, hint?: string): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw asFileError(error, what, file, hint);
  }
}
