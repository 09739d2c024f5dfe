#!/usr/bin/env node
// npm run demo — start the local sandbox registry on a free port, tour it with the client (and the
// CLI), stop it. No credentials or network needed: the sandbox prints its own.
// npm run demo -- --use-env — the same tour of the Registry that APTRUST_REGISTRY_URL, _EMAIL and
// _API_KEY name (read-only, as every member API call is), e.g. a test Registry on this machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, RegistryError } from '../dist/src/index.js';
import { startSandbox } from '../dist/src/sandbox/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);
const heading = (s) => console.log(`\n${bold(`== ${s}`)}`);
const gib = (bytes) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

const useEnv = process.argv.includes('--use-env');
const sandbox = useEnv ? undefined : await startSandbox({ port: 0 });
const env = sandbox
  ? {
      APTRUST_REGISTRY_URL: sandbox.url,
      APTRUST_REGISTRY_EMAIL: sandbox.user.email,
      APTRUST_REGISTRY_API_KEY: sandbox.user.apiKey,
    }
  : {
      APTRUST_REGISTRY_URL: process.env.APTRUST_REGISTRY_URL,
      APTRUST_REGISTRY_EMAIL: process.env.APTRUST_REGISTRY_EMAIL,
      APTRUST_REGISTRY_API_KEY: process.env.APTRUST_REGISTRY_API_KEY,
    };
let exitCode = 0;
try {
  console.log(`${sandbox ? 'Sandbox registry' : 'Registry'} at ${env.APTRUST_REGISTRY_URL}, signed in as ${env.APTRUST_REGISTRY_EMAIL}.`);
  // The same three variables a CI job would set; createClient() reads them.
  const client = createClient({ env });

  heading('Inventory (every page, exactly once)');
  const objects = new Map();
  for await (const object of client.objects.all({ state: 'A' })) {
    objects.set(object.storage_option, (objects.get(object.storage_option) ?? 0) + 1);
  }
  let files = 0;
  let bytes = 0;
  for await (const file of client.files.all({ state: 'A' }, { concurrency: 4 })) {
    files += 1;
    bytes += file.size;
  }
  console.log(`${[...objects.values()].reduce((a, b) => a + b, 0)} active objects by storage option:`);
  for (const [option, n] of [...objects].sort()) console.log(`  ${option.padEnd(16)} ${n}`);
  console.log(`${files} active files, ${gib(bytes)}`);

  heading('Failed work items');
  const failed = await client.workItems.list({ status: 'Failed', sort: 'updated_at__desc', per_page: 5 });
  console.log(`${failed.count} failed; the latest ${failed.results.length}:`);
  for (const item of failed.results) console.log(`  #${item.id} ${item.action} ${item.name} — ${item.stage}: ${item.note || item.outcome}`);

  heading('A file fetched by an awkward identifier');
  let awkward;
  for await (const file of client.files.all({ per_page: 500 })) {
    if (/[ &?#%'"`]/.test(file.identifier) && /[^ -~]/.test(file.identifier)) {
      awkward = file;
      break;
    }
  }
  if (awkward) {
    const file = await client.files.get(awkward.identifier);
    console.log(`  ${JSON.stringify(file.identifier)}`);
    console.log(`  id ${file.id}, ${file.size} bytes, ${file.checksums.length} checksums, ${file.premis_events.length} events`);
  }

  heading('A failed fixity check');
  const [event] = (await client.events.list({ event_type: 'fixity check', outcome: 'Failure', per_page: 1 })).results;
  if (event) {
    console.log(`  ${event.date_time} ${event.generic_file_identifier}`);
    console.log(`  ${event.outcome_detail || event.detail}`);
  }

  heading('What bad input gets you: a clear error before any request');
  try {
    await client.workItems.list({ node__is_not_null: true });
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    console.log(`  ${error.name}: ${error.message.split(';')[0]}`);
  }

  heading('The same Registry from the CLI: aptrust-registry list items status=Failed --format table');
  const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
  // Asynchronously: the sandbox answering the CLI runs in this very process.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'list', 'items', 'status=Failed', 'per_page=5', '--format', 'table'],
    {
      env: { ...process.env, ...env, COLUMNS: '110' },
      encoding: 'utf8',
    },
  );
  process.stdout.write(stdout);
  client.close();
} catch (error) {
  console.error(error instanceof RegistryError ? `${error.name}: ${error.message}` : error);
  exitCode = 1;
} finally {
  await sandbox?.stop();
}
if (sandbox) {
  console.log(`\nSandbox stopped. Point the same code at the demo server with APTRUST_REGISTRY_URL=demo and your demo key.`);
}
process.exitCode = exitCode;
