// The crawl contenders: a plain sequential page loop (fetch + JSON.parse, per_page 1000, sorted by
// id — what every peer does) and the client's all() at a given concurrency and paging.
import { createClient } from '../dist/src/index.js';

export async function sequentialLoop(sandbox, perPage = 1000) {
  const headers = { 'X-Pharos-API-User': sandbox.email, 'X-Pharos-API-Key': sandbox.apiKey };
  let records = 0;
  let pages = 0;
  let lastId = 0;
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${sandbox.url}/member-api/v3/items?page=${page}&per_page=${perPage}&sort=id__asc`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = JSON.parse(await response.text());
    // The same per-record work the client's consumer below does, so only the client differs.
    for (const item of body.results) {
      if (item.id <= lastId) throw new Error('out of order');
      lastId = item.id;
      records += 1;
    }
    pages += 1;
    if (body.results.length < perPage) break;
  }
  return { records, pages };
}

/**
 * all() over the work items: `paging` 'auto' crawls in windows of bag_date (the default), whose
 * order is not id order, so each id is checked once in a bitmap; 'offset' pages by id and is
 * checked in order, as the loop is.
 */
export async function clientCrawl(sandbox, concurrency, perPage = 1000, paging = 'auto') {
  const client = createClient({ baseUrl: sandbox.url, user: sandbox.email, apiKey: sandbox.apiKey, env: {} });
  let records = 0;
  let lastId = 0;
  const seen = paging === 'offset' ? undefined : new Uint8Array(4_000_000);
  for await (const item of client.workItems.all({ per_page: perPage }, { concurrency, paging })) {
    if (seen) {
      if (seen[item.id]) throw new Error(`item ${item.id} twice`);
      seen[item.id] = 1;
    } else {
      if (item.id <= lastId) throw new Error('out of order');
      lastId = item.id;
    }
    records += 1;
  }
  client.close();
  return { records };
}

export async function timed(fn) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ...result, ms, cpuMs: (used.user + used.system) / 1000 };
}
