// Child process for the memory figures: stream a whole crawl, keep nothing, report peak RSS.
// Concurrency 0 means the plain sequential fetch loop; "empty" reports an idle node process.
import { clientCrawl, sequentialLoop } from './crawls.mjs';
import { peakRssMb } from './peak-rss.mjs';

const [url, email, apiKey, concurrency] = process.argv.slice(2);
const sandbox = { url, email, apiKey };
let records = 0;
if (url !== 'empty') {
  ({ records } = Number(concurrency) === 0 ? await sequentialLoop(sandbox) : await clientCrawl(sandbox, Number(concurrency)));
}
process.stdout.write(JSON.stringify({ records, maxRssMb: peakRssMb() }));
