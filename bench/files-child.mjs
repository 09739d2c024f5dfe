// Child process of the windows bench: one crawl of the member's files, reported with its wall time,
// peak RSS and the crawl's own stats. CONTENDER is windows | offset | loop.
import { createClient } from '../dist/src/index.js';
import { peakRssMb } from './peak-rss.mjs';

const [url, email, apiKey, contender, concurrency] = process.argv.slice(2);
const started = process.hrtime.bigint();
let records = 0;
let requests = 0;
let stats;
if (contender === 'loop') {
  // What every peer does: page after page, sorted by id, until a short page.
  const headers = { 'X-Pharos-API-User': email, 'X-Pharos-API-Key': apiKey };
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${url}/member-api/v3/files?page=${page}&per_page=1000&sort=id__asc`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = JSON.parse(await response.text());
    requests += 1;
    records += body.results?.length ?? 0;
    if ((body.results?.length ?? 0) < 1000) break;
  }
} else {
  const client = createClient({ baseUrl: url, user: email, apiKey, env: {} });
  const paging = contender === 'windows' ? 'auto' : 'offset';
  const crawl = client.files.all({ per_page: 1000 }, { concurrency: Number(concurrency), paging });
  // Each id once: a bitmap as large as the ids (the sandbox's ids are dense).
  const seen = new Uint8Array(4_000_000);
  for await (const file of crawl) {
    if (seen[file.id]) throw new Error(`file ${file.id} twice`);
    seen[file.id] = 1;
    records += 1;
  }
  stats = crawl.stats;
  requests = stats.requests;
  client.close();
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ records, requests, ms, maxRssMb: peakRssMb(), stats }));
