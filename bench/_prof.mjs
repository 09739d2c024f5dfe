import { readFileSync } from 'node:fs';
import { clientCrawl } from './crawls.mjs';
const s = JSON.parse(readFileSync('/tmp/sbx.json','utf8'));
for (let i = 0; i < 3; i++) await clientCrawl(s, 1);
