// What a failure says on the command line. The client's errors are written for programs: a few
// name its functions (`all()`) where the CLI's user typed --all or page=, and most carry no next
// step, which for a person at a terminal is the useful part. This module rewords the first and
// supplies the second; reportError prints what it returns. The client's messages are matched by
// their wording, so every one reworded here is provoked through the CLI by test/cli/messages.test.ts:
// if the client changes a message, that test fails instead of the CLI falling back to library terms.
import type { RegistryError } from '../index.js';

/** The lines reportError prints for a client error: the message, then `hint: …` when there is one. */
export interface Said {
  message: string;
  hint: string | undefined;
}

const REWORDED: { match: RegExp; say: (m: RegExpExecArray) => Said }[] = [
  {
    // src/resources/define.ts, all() given a page.
    match: /^all\(\) reads every page itself; do not pass page$/,
    say: () => ({
      message: 'page= does not go with --all: --all reads every page itself',
      hint: 'drop page= to read every record, or drop --all to read just that page',
    }),
  },
  {
    // src/params.ts, list() given per_page above the cap (all() clamps it instead).
    match: /^per_page must be at most (\d+): (.*?)\.? Use all\(\) to read everything$/,
    say: (m) => ({
      message: `per_page must be at most ${m[1]}: ${m[2]}`,
      hint: `add --all to read every record (it pages by ${m[1]} itself), or give per_page=${m[1]} and page=2, page=3…`,
    }),
  },
  {
    // src/crawl/checkpoint.ts, all() given a saved position it cannot use: for the CLI, an export's
    // state file (--state FILE, or FILE.partial.state) that was edited or is of another version.
    match: /^(?:resume must be a checkpoint a crawl gave \(crawl\.checkpoint\(\)\), version 1|this checkpoint (.*))$/,
    say: (m) => ({
      message: `cannot resume the export: its saved position ${m[1] ?? 'is not one a crawl of this version writes'}`,
      hint: 'was the state file edited? Run with --full (with --state) or remove FILE.partial.state to start the export over',
    }),
  },
];

/** Where to look when the Registry's address may be the problem. */
const CHECK_URL = "check --env/--url (APTRUST_REGISTRY_URL): the Registry's address, e.g. https://demo.aptrust.org, without /member-api/v3";

/**
 * The next step for each kind of failure that has one, where the client gave none. Not for
 * `configuration` (reportError has its own), `aborted` (our own deadlines; anything else is a bug)
 * or `invalid_input` (the message names what is valid).
 */
const NEXT_STEP: Partial<Record<RegistryError['code'], string>> = {
  authentication:
    'check --email (APTRUST_REGISTRY_EMAIL) and the API key (APTRUST_REGISTRY_API_KEY or --api-key-file); demo and production keys are separate, so check --env/--url too',
  permission: "members see only their own institution's records: check the id or institution_id=, and that --email is the account you mean",
  not_found: `check the id or identifier (list the resource to find it); if every command answers 404, ${CHECK_URL}`,
  rate_limited: 'the Registry is limiting requests: wait a minute and run again, with a lower --concurrency for --all',
  server:
    'the Registry failed on its side: run again later; if it keeps failing, tell APTrust the time and the command (--debug shows the request)',
  maintenance: 'the Registry is down for maintenance: run again later',
  redirect: CHECK_URL,
  bad_response: `something other than the Registry may have answered (a proxy, a sign-in page): ${CHECK_URL}, then run again with --debug`,
  timeout:
    'the Registry or the network is slow: run again later, or allow more time per request with APTRUST_REGISTRY_TIMEOUT_MS (milliseconds)',
  network: `check your network connection and ${CHECK_URL}; --debug shows the request`,
  http: `an HTTP status the Registry does not send, often from a proxy in between: ${CHECK_URL}, then run again with --debug`,
};

/** The message and hint to print for a client error: in CLI terms, and with a next step where there is one. */
export function inCliWords(error: RegistryError): Said {
  for (const { match, say } of REWORDED) {
    const m = match.exec(error.message);
    if (m) return say(m);
  }
  return { message: error.message, hint: error.hint ?? NEXT_STEP[error.code] };
}
