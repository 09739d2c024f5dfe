// Child process for the memory figure: stream a whole crawl, keep nothing, report peak RSS.
import { clientCrawl } from './crawls.mjs';

const [url, email, apiKey, concurrency] = process.argv.slice(2);
const { records } = await clientCrawl({ url, email, apiKey }, Number(concurrency));
process.stdout.write(JSON.stringify({ records, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
