// Which Registry, as whom: flags > environment > config file (~/.aptrust or --config FILE).
// The key is never a flag value; it comes from the environment, the config file or --api-key-file.
import type { ClientOptions, DebugEvent, Environment, RegistryClient } from '../index.js';
import { readApiKeyFile } from './api-key-file.js';
import { loadConfigFile } from './config-file.js';
import { parseDuration } from './duration.js';
import type { CliIO } from './io.js';
import { say } from './report-error.js';
import { addSecret } from './secrets.js';
import { UsageError } from './usage-error.js';

export interface ConnectionOptions {
  env?: Environment;
  url?: string;
  email?: string;
  apiKeyFile?: string;
  config?: string;
  retries?: number;
  /** --crawl-retry-time: a duration (15m, 1h, 90s), parsed in connect() so a bad one is a usage error naming the flag. */
  crawlRetryTime?: string;
  debug?: boolean;
  /** --proxy URL, or false for --no-proxy; else the proxy variables of the environment. */
  proxy?: string | false;
}

const SETTINGS = [
  'APTRUST_REGISTRY_URL',
  'APTRUST_REGISTRY_EMAIL',
  'APTRUST_REGISTRY_API_KEY',
  'APTRUST_REGISTRY_TIMEOUT_MS',
  'APTRUST_REGISTRY_MAX_RESPONSE_BYTES',
];

/** Read from the environment only (not the config file), as every other tool on the machine reads them. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'no_proxy', 'NO_PROXY'];

/** The password of a proxy URL (as typed and decoded), for the CLI's own masking of stderr. */
function proxyPasswords(value: string | false | undefined): string[] {
  if (typeof value !== 'string') return [];
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? value.trim() : `http://${value.trim()}`);
    return url.password === '' ? [] : [url.password, decodeURIComponent(url.password)];
  } catch {
    return [];
  }
}

/** The settings from file and environment, environment winning; empty values count as unset. */
function mergedSettings(io: CliIO, file: Record<string, string>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of SETTINGS) {
    const fromEnv = io.env[name];
    const fromFile = file[name];
    out[name] = fromEnv !== undefined && fromEnv !== '' ? fromEnv : fromFile !== undefined && fromFile !== '' ? fromFile : undefined;
  }
  return out;
}

function debugPrinter(io: CliIO): (event: DebugEvent) => void {
  return (event) => {
    // Headers arrive already redacted by the client (allow-list); say() redacts once more.
    if (event.type === 'request')
      say(io, `debug: → ${event.method} ${event.url} (attempt ${event.attempt}) ${JSON.stringify(event.headers)}`);
    else if (event.type === 'response') say(io, `debug: ← ${event.status} ${event.method} ${event.url} in ${event.durationMs} ms`);
    else say(io, `debug: retrying ${event.method} ${event.url} in ${event.delayMs} ms: ${event.reason}`);
  };
}

/** Builds the client; throws UsageError/ConfigurationError (exit 2) before any request. */
export async function connect(io: CliIO, options: ConnectionOptions): Promise<RegistryClient> {
  if (options.env !== undefined && options.url !== undefined) {
    throw new UsageError('--env and --url both choose the Registry; give only one');
  }
  const crawlMaxRetryTimeMs =
    options.crawlRetryTime === undefined ? undefined : parseDuration('--crawl-retry-time', options.crawlRetryTime);
  const warn = (message: string) => say(io, `warning: ${message}`);
  const file = loadConfigFile(options.config, warn);
  const settings = mergedSettings(io, file);
  const apiKey =
    options.apiKeyFile !== undefined ? await readApiKeyFile(options.apiKeyFile, io.stdin, warn) : settings.APTRUST_REGISTRY_API_KEY;
  addSecret(apiKey);
  const proxyEnv = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, io.env[name]]));
  for (const value of [options.proxy, proxyEnv.https_proxy, proxyEnv.HTTPS_PROXY, proxyEnv.http_proxy]) {
    for (const password of proxyPasswords(value)) addSecret(password);
  }
  const clientOptions: ClientOptions = {
    baseUrl: options.url,
    environment: options.env,
    user: options.email,
    apiKey,
    // The client reads the URL, email, timeout and proxy from here when no explicit option was given.
    env: { ...settings, ...proxyEnv },
    proxy: options.proxy,
    maxAttempts: options.retries === undefined ? undefined : options.retries + 1,
    // An explicit --retries is what the user wants for every request, crawl pages too (--retries 0:
    // fail at once); without it crawl pages get the client's larger crawl budget.
    crawlMaxAttempts: options.retries === undefined ? undefined : options.retries + 1,
    crawlMaxRetryTimeMs,
    debug: options.debug ? debugPrinter(io) : undefined,
  };
  // Loaded here, not at startup: --help and usage errors never pay for axios and the client.
  const { createClient } = await import('../index.js');
  return createClient(clientOptions);
}
