// --api-key-file FILE (or - for stdin): the one way to hand the key over on the command line
// without the key itself appearing in argv, shell history or a CI log.
import { permissionWarning, readFileWithMode } from './config-file.js';
import { UsageError } from './usage-error.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** `warn` hears of a key file that others can read (never of stdin). */
export async function readApiKeyFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  warn: (message: string) => void = () => undefined,
): Promise<string> {
  let text: string;
  if (path === '-') {
    text = await readAll(stdin);
  } else {
    let mode: number | undefined;
    try {
      ({ text, mode } = readFileWithMode(path));
    } catch (error) {
      throw new UsageError(`cannot read --api-key-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const open = mode === undefined ? undefined : permissionWarning(path, mode, '--api-key-file');
    if (open) warn(open);
  }
  // The first line, without the newline an editor or `echo` adds.
  const key = (text.split(/\r?\n/)[0] ?? '').trim();
  if (key === '') throw new UsageError(`--api-key-file ${path === '-' ? '(stdin)' : path} is empty`);
  return key;
}
