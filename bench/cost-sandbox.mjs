// The sandbox in its own process with the real server's cost model on (list requests wait the time
// an offset costs there, on 2 cores), answering on stdin: "cost" prints the modelled totals since
// the last "reset" as one JSON line, "reset" zeroes them.
import { createInterface } from 'node:readline';
import { startSandbox } from '../dist/src/sandbox/index.js';

const [files, timeScale] = process.argv.slice(2).map(Number);
const sandbox = await startSandbox({ port: 0, files, serverCost: { timeScale } });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, email: sandbox.user.email, apiKey: sandbox.user.apiKey })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'reset') sandbox.resetCost();
  process.stdout.write(`${JSON.stringify(sandbox.cost)}\n`);
});
process.stdin.on('end', () => void sandbox.stop());
