// Child process of test/verify/memory.e2e.test.ts and bench/verify.mjs: verifies one object against a manifest with
// the built library (dist/), keeping no verdicts (collect: false), and prints its counts and
// peak memory as one JSON line. Run with a capped heap (--max-old-space-size) by the parent.
import { setInterval, clearInterval } from 'node:timers';
import { createClient, verifyObject } from '../dist/src/index.js';
import { peakRssMb } from './peak-rss.mjs';

const [url, email, key, identifier, source] = process.argv.slice(2);
let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 20);
const client = createClient({ baseUrl: url, user: email, apiKey: key, env: {} });
let seen = 0;
const started = Date.now();
const { summary } = await verifyObject(client, identifier, source, {
  collect: false,
  onFile: () => {
    seen++;
    if (seen % 5000 === 0) sample();
  },
});
clearInterval(timer);
sample();
client.close();
process.stdout.write(
  `${JSON.stringify({ counts: summary.counts, total: summary.total, outOfScope: summary.outOfScope, seen, ms: Date.now() - started, peakHeap, maxRss: Math.round(peakRssMb() * 1024 * 1024) })}\n`,
);
