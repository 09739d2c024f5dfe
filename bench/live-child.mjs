// Child process (run with --expose-gc): the live set of a streaming crawl, i.e. heap in use plus
// external memory right after a full collection, every `every` records. Peak RSS also counts
// garbage not yet collected and memory the allocator keeps; this is what the crawl actually holds.
import { createClient } from '../dist/src/index.js';

const [url, email, apiKey, every] = process.argv.slice(2);
const client = createClient({ baseUrl: url, user: email, apiKey, env: {} });
const samples = [];
let records = 0;
for await (const _ of client.workItems.all({ per_page: 1000 })) {
  records += 1;
  if (records % Number(every) === 0) {
    globalThis.gc();
    const { heapUsed, external } = process.memoryUsage();
    samples.push({ records, liveMb: (heapUsed + external) / 1024 ** 2 });
  }
}
client.close();
process.stdout.write(JSON.stringify({ records, samples }));
