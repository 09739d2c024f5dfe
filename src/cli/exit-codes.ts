// The one table of exit codes. The code (exitCodeFor) and every command's --help (exitCodeHelp)
// read it, so the documentation cannot drift from what the process actually returns.
import type { RegistryErrorCode } from '../index.js';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  server: 5,
  ingestFailed: 6,
  timedOut: 7,
  output: 8,
  differences: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each code means, in the order --help prints them. */
export const EXIT_CODE_TABLE: readonly { code: ExitCode; meaning: string }[] = [
  { code: EXIT.ok, meaning: 'success' },
  { code: EXIT.unexpected, meaning: 'unexpected error (a bug: please report it, with --debug output)' },
  { code: EXIT.usage, meaning: 'usage or bad input: unknown command, resource, flag, filter or value; missing configuration' },
  { code: EXIT.auth, meaning: 'authentication or permission refused (HTTP 401/403): wrong email or key, or a key for the other server' },
  { code: EXIT.notFound, meaning: 'not found (HTTP 404)' },
  { code: EXIT.server, meaning: 'server error or unreachable: 5xx, 429, timeout, network, maintenance, bad response' },
  { code: EXIT.ingestFailed, meaning: 'wait-ingest: the ingest failed (Failed without retry, Cancelled or Suspended)' },
  { code: EXIT.timedOut, meaning: 'wait-ingest: timed out before the ingest finished (or before the bag appeared)' },
  {
    code: EXIT.output,
    meaning: 'cannot write output: stdout or the --output file failed (disk full, quota, I/O error, no such directory)',
  },
  {
    code: EXIT.differences,
    meaning: 'verify: the local bag and APTrust differ (a mismatch, a missing, extra, deleted or unchecked file)',
  },
];

/**
 * RegistryError.code → exit code. A Record over the union, so a code added to the client
 * fails to compile here until someone decides what a script should see for it.
 */
const BY_ERROR_CODE: Record<RegistryErrorCode, ExitCode> = {
  invalid_input: EXIT.usage,
  configuration: EXIT.usage,
  authentication: EXIT.auth,
  permission: EXIT.auth,
  not_found: EXIT.notFound,
  rate_limited: EXIT.server,
  server: EXIT.server,
  maintenance: EXIT.server,
  redirect: EXIT.server,
  bad_response: EXIT.server,
  timeout: EXIT.server,
  network: EXIT.server,
  // Any other HTTP status (e.g. a 400 from a proxy): the server side did not do what it should.
  http: EXIT.server,
  // We abort only on our own deadlines (wait-ingest maps those itself); anything else is a bug.
  aborted: EXIT.unexpected,
};

export function isRegistryErrorCode(code: unknown): code is RegistryErrorCode {
  return typeof code === 'string' && Object.hasOwn(BY_ERROR_CODE, code);
}

export function exitCodeForErrorCode(code: RegistryErrorCode): ExitCode {
  return BY_ERROR_CODE[code] ?? EXIT.unexpected;
}

/** The "Exit codes:" block appended to every --help. */
export function exitCodeHelp(): string {
  const lines = EXIT_CODE_TABLE.map(({ code, meaning }) => `  ${code}  ${meaning}`);
  return `\nExit codes:\n${lines.join('\n')}\n`;
}
