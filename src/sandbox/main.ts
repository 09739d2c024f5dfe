// Entry point: `node dist/src/sandbox/main.js --port 0 …`. Runs until SIGINT/SIGTERM.
import { runSandboxCommand, SANDBOX_USAGE, type Sandbox } from './index.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${SANDBOX_USAGE}\n`);
    return;
  }
  // Handlers go in before startup so a signal that arrives while data is generated still
  // shuts down cleanly instead of killing the process.
  // eslint-disable-next-line prefer-const -- read by the signal handler before it is assigned
  let sandbox: Sandbox | undefined;
  let stopping = false;
  const shutdown = (): void => {
    stopping = true;
    void sandbox?.stop();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  sandbox = await runSandboxCommand(argv);
  if (stopping) await sandbox.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`aptrust-registry-sandbox: ${err instanceof Error ? err.message : String(err)}\n${SANDBOX_USAGE}\n`);
  process.exitCode = 2;
});
