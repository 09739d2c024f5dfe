import { parseArgs } from 'node:util';
import { startSandbox } from './start.js';
import type {
  ChangeKind,
  ChangeResource,
  ChangeRule,
  FaultKind,
  FaultRule,
  IngestOutcome,
  Sandbox,
  SandboxOptions,
  ServerCostOptions,
} from './types.js';

const OUTCOMES: readonly IngestOutcome[] = ['success', 'failed', 'failed-retry', 'cancelled', 'suspended'];
const FAULT_KINDS: readonly FaultKind[] = ['503', '502', '504', '429', 'reset', 'truncate', 'hang', 'redirect', 'html'];
const CHANGE_KINDS: readonly ChangeKind[] = ['insert', 'state', 'touch'];
const CHANGE_RESOURCES: readonly ChangeResource[] = ['files', 'objects', 'items'];

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
  --frozen-counts start|N  counts from materialised views stay at their value at start
                           (rows added later are not counted), or are all N
  --server-cost            list requests take the real server's time: 129.3 ms + 0.01069 ms
                           per row read (offset + rows returned; page 1 = 0.14 s, page 190 =
                           2.16 s at per_page 1000), at most 2 at once (its cores)
  --cost-scale X           real ms per modelled ms (default 1; 0 = count only, no waiting)
  --cost-cores N           list requests served at once (default 2)
  --cost-base MS           modelled ms of a request that reads no rows
  --cost-per-row MS        modelled ms per row read; any --cost-* flag implies --server-cost
  --change KIND:RESOURCE:COUNT:EVERY[:OFFSET[:INSTITUTION]]   repeatable; after every EVERY-th
                           list request, COUNT rows change; KIND is insert|state|touch, RESOURCE
                           files|objects|items (e.g. insert:files:10:5)
  --maintenance            answer every API call with 302 → /maintenance (503)
  --ingest NAME[:OUTCOME]  repeatable; OUTCOME is success|failed|failed-retry|cancelled|suspended
  --ingest-bag PATH        repeatable; a simulated ingest of a real bag (a directory or a .tar): on
                           success its object, files and checksums appear, as after APTrust's ingest
  --ingest-step MS         time between the stages of simulated ingests (default 1000)
  --max-upload BYTES       largest bag PUT /sandbox/receiving/NAME.tar accepts (default 268435456);
                           that route stands in for the receiving bucket and starts an ingest`;

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

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`--${name} expects a number >= 0, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** KIND:RESOURCE:COUNT:EVERY[:OFFSET[:INSTITUTION]]. */
export function parseChange(spec: string): ChangeRule {
  const [kind, resource, count, every, offset, inst, ...rest] = spec.split(':');
  const n = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const rule = { kind: kind as ChangeKind, resource: resource as ChangeResource, count: n(count), every: n(every) };
  if (
    rest.length > 0 ||
    !CHANGE_KINDS.includes(rule.kind) ||
    !CHANGE_RESOURCES.includes(rule.resource) ||
    rule.count === undefined ||
    rule.every === undefined ||
    rule.every < 1 ||
    (offset !== undefined && n(offset) === undefined) ||
    (inst !== undefined && n(inst) === undefined)
  ) {
    throw new Error(
      `--change expects KIND:RESOURCE:COUNT:EVERY[:OFFSET[:INSTITUTION]] with KIND one of ${CHANGE_KINDS.join('|')} and RESOURCE one of ${CHANGE_RESOURCES.join('|')}, got ${JSON.stringify(spec)}`,
    );
  }
  return {
    kind: rule.kind,
    resource: rule.resource,
    count: rule.count,
    every: rule.every,
    ...(offset !== undefined ? { offset: n(offset) } : {}),
    ...(inst !== undefined ? { institutionId: n(inst) } : {}),
  };
}

function parseFrozen(v: string | undefined): boolean | number | undefined {
  if (v === undefined) return undefined;
  if (v === 'start') return true;
  if (/^\d+$/.test(v)) return Number(v);
  throw new Error(`--frozen-counts expects "start" or an integer >= 0, got ${JSON.stringify(v)}`);
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
      'frozen-counts': { type: 'string' },
      'server-cost': { type: 'boolean' },
      'cost-scale': { type: 'string' },
      'cost-cores': { type: 'string' },
      'cost-base': { type: 'string' },
      'cost-per-row': { type: 'string' },
      change: { type: 'string', multiple: true },
      maintenance: { type: 'boolean' },
      ingest: { type: 'string', multiple: true },
      'ingest-step': { type: 'string' },
      'ingest-bag': { type: 'string', multiple: true },
      'max-upload': { type: 'string' },
    },
  });
  const cost: ServerCostOptions = {
    ...(values['cost-scale'] !== undefined ? { timeScale: num('cost-scale', values['cost-scale']) } : {}),
    ...(values['cost-cores'] !== undefined ? { cores: int('cost-cores', values['cost-cores']) } : {}),
    ...(values['cost-base'] !== undefined ? { baseMs: num('cost-base', values['cost-base']) } : {}),
    ...(values['cost-per-row'] !== undefined ? { perRowMs: num('cost-per-row', values['cost-per-row']) } : {}),
  };
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
    frozenCounts: parseFrozen(values['frozen-counts']),
    serverCost: values['server-cost'] || Object.keys(cost).length > 0 ? cost : undefined,
    changes: (values.change ?? []).map(parseChange),
    maintenance: values.maintenance ?? false,
    maxUploadBytes: int('max-upload', values['max-upload']),
  };
  // A person watching wants about a second per stage; scripts and tests can go faster.
  const stepMs = int('ingest-step', values['ingest-step']) ?? 1000;
  const sandbox = await startSandbox({ ...options, ingestStepMs: stepMs });
  for (const spec of values.ingest ?? []) sandbox.simulateIngest({ ...parseIngest(spec), stepMs });
  for (const path of values['ingest-bag'] ?? []) {
    let bag: Awaited<ReturnType<Sandbox['readBag']>>;
    try {
      bag = await sandbox.readBag(path);
    } catch (err) {
      await sandbox.stop();
      throw new Error(`--ingest-bag ${path}: ${(err as Error).message}`, { cause: err });
    }
    sandbox.simulateIngest({ name: `${bag.name}.tar`, bag, stepMs });
  }
  io.stdout.write(
    `APTRUST_REGISTRY_URL=${sandbox.url}\nAPTRUST_REGISTRY_EMAIL=${sandbox.user.email}\nAPTRUST_REGISTRY_API_KEY=${sandbox.user.apiKey}\n`,
  );
  const others = sandbox.users
    .filter((u) => u !== sandbox.user)
    .map((u) => `  ${u.email} (${u.role}${u.twoFactorPending ? ', 2FA pending' : ''}, institution ${u.institutionId}) key ${u.apiKey}`);
  io.stderr.write(`sandbox registry listening on ${sandbox.url} (seed ${options.seed ?? 1}); other users:\n${others.join('\n')}\n`);
  return sandbox;
}
