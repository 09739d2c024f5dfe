import { parseArgs } from 'node:util';
import { startSandbox } from './start.js';
import type { FaultKind, FaultRule, IngestOutcome, Sandbox, SandboxOptions } from './types.js';

const OUTCOMES: readonly IngestOutcome[] = ['success', 'failed', 'failed-retry', 'cancelled', 'suspended'];
const FAULT_KINDS: readonly FaultKind[] = ['503', '502', '504', '429', 'reset', 'truncate', 'hang', 'redirect', 'html'];

export const SANDBOX_USAGE = `Usage: aptrust-registry-sandbox [options]
  --port N                 listen port (default 0 = any free port)
  --host H                 listen address (default 127.0.0.1)
  --seed S                 data seed (default 1)
  --files N                generic files (default 2500); --objects --events --work-items
                           --checksums --alerts --deletions override the scaled counts
  --latency MS             delay before every response
  --fault KIND:EVERY[:RETRY_AFTER]   repeatable; KIND is 503|502|504|429|reset|truncate|hang|redirect|html
  --redirect-origin URL    target origin of 'redirect' faults
  --stale-counts N         add N to counts that come from materialised views
  --maintenance            answer every API call with 302 → /maintenance (503)
  --ingest NAME[:OUTCOME]  repeatable; OUTCOME is success|failed|failed-retry|cancelled|suspended
  --ingest-step MS         time between the stages of simulated ingests (default 1000)`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new Error(`--${name} expects an integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** KIND:EVERY[:RETRY_AFTER]; RETRY_AFTER may itself contain colons (an HTTP-date). */
export function parseFault(spec: string): FaultRule {
  const [kind, every, ...rest] = spec.split(':');
  const n = int('fault', every);
  if (n === undefined || !FAULT_KINDS.includes(kind as FaultKind)) {
    // Messages start with the flag name: the CLI wrapper reports those as usage errors (exit 2).
    throw new Error(`--fault expects KIND:EVERY[:RETRY_AFTER] with KIND one of ${FAULT_KINDS.join('|')}, got ${JSON.stringify(spec)}`);
  }
  return { kind: kind as FaultKind, every: n, ...(rest.length ? { retryAfter: rest.join(':') } : {}) };
}

function parseIngest(spec: string): { name: string; outcome: IngestOutcome } {
  const cut = spec.lastIndexOf(':');
  const tail = spec.slice(cut + 1) as IngestOutcome;
  return cut > 0 && OUTCOMES.includes(tail) ? { name: spec.slice(0, cut), outcome: tail } : { name: spec, outcome: 'success' };
}

/**
 * The sandbox CLI: start, print the three env lines a user can paste, keep running. The caller
 * owns shutdown (main.ts stops on SIGINT/SIGTERM).
 */
export async function runSandboxCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<Sandbox> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      files: { type: 'string' },
      objects: { type: 'string' },
      events: { type: 'string' },
      'work-items': { type: 'string' },
      checksums: { type: 'string' },
      alerts: { type: 'string' },
      deletions: { type: 'string' },
      latency: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'redirect-origin': { type: 'string' },
      'stale-counts': { type: 'string' },
      maintenance: { type: 'boolean' },
      ingest: { type: 'string', multiple: true },
      'ingest-step': { type: 'string' },
    },
  });
  const options: SandboxOptions = {
    port: int('port', values.port),
    host: values.host,
    seed: int('seed', values.seed),
    files: int('files', values.files),
    objects: int('objects', values.objects),
    events: int('events', values.events),
    workItems: int('work-items', values['work-items']),
    checksums: int('checksums', values.checksums),
    alerts: int('alerts', values.alerts),
    deletions: int('deletions', values.deletions),
    latencyMs: int('latency', values.latency),
    faults: (values.fault ?? []).map(parseFault),
    redirectOrigin: values['redirect-origin'],
    staleCounts: int('stale-counts', values['stale-counts']),
    maintenance: values.maintenance ?? false,
  };
  const sandbox = await startSandbox(options);
  // A person watching wants about a second per stage; scripts and tests can go faster.
  const stepMs = int('ingest-step', values['ingest-step']) ?? 1000;
  for (const spec of values.ingest ?? []) sandbox.simulateIngest({ ...parseIngest(spec), stepMs });
  io.stdout.write(
    `APTRUST_REGISTRY_URL=${sandbox.url}\nAPTRUST_REGISTRY_EMAIL=${sandbox.user.email}\nAPTRUST_REGISTRY_API_KEY=${sandbox.user.apiKey}\n`,
  );
  const others = sandbox.users
    .filter((u) => u !== sandbox.user)
    .map((u) => `  ${u.email} (${u.role}${u.twoFactorPending ? ', 2FA pending' : ''}, institution ${u.institutionId}) key ${u.apiKey}`);
  io.stderr.write(`sandbox registry listening on ${sandbox.url} (seed ${options.seed ?? 1}); other users:\n${others.join('\n')}\n`);
  return sandbox;
}
