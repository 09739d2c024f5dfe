// The sandbox in its own process with the real server's cost model on (list requests wait the time
// an offset costs there, on 2 cores), answering on stdin: "cost" prints the modelled totals since
// the last "reset" as one JSON line, "reset" zeroes them.
import { createInterface } from 'node:readline';
import { startSandbox } from '../dist/src/sandbox/index.js';

const [files, timeScale] = process.argv.slice(2).map(Number);
const sandbox = await startSandbox({ port: 0, files, serverCost: { timeScale } });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, email: sandbox.user.email, apiKey: sandbox.user.apiKey })}\n`);
// Commands of the sync bench (bench/sync.mjs), each answered with one JSON line: "change SPEC"
// applies a ChangeSpec now (the batch, its ids included); "count Q" and "ids Q" are matchingIds of
// Q = {"resource", "query"} (its length, or the ids); "requests" is how many member-API requests
// the sandbox has recorded since it started; "cpu" is this process's CPU time so far (µs).
function syncCommand(line) {
  const [name, ...rest] = line.split(' ');
  const arg = rest.length > 0 ? JSON.parse(rest.join(' ')) : undefined;
  if (name === 'change') return sandbox.change(arg);
  if (name === 'count') return { count: sandbox.matchingIds(arg.resource, arg.query).length };
  if (name === 'ids') return { ids: sandbox.matchingIds(arg.resource, arg.query) };
  if (name === 'cpu') return process.cpuUsage();
  if (name === 'requests') return { requests: sandbox.requests.filter((r) => r.url.startsWith('/member-api/')).length };
  return undefined;
}
createInterface({ input: process.stdin }).on('line', (line) => {
  let answer;
  try {
    answer = syncCommand(line);
  } catch (error) {
    answer = { error: String(error?.stack ?? error) };
  }
  if (answer !== undefined) {
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    return;
  }
  if (line === 'reset') sandbox.resetCost();
  process.stdout.write(`${JSON.stringify(sandbox.cost)}\n`);
});
process.stdin.on('end', () => void sandbox.stop());
