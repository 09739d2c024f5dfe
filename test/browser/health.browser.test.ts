// The health page in a real browser: headless Chromium (the system's: CHROME_PATH, else
// /usr/bin/chromium) loads the file `report health --html` wrote, from disk. Every request the page
// makes is recorded, and only the file itself may be asked for; the charts must have rendered
// (SVG bars with a size, as many as the JSON's numbers say); the problems table must hold the
// problems, a bag named <script>… among them, shown as text and never run. A full-page screenshot
// goes to test-output/health-report.png. Then the renderer's hostile fixture, whose unescaped
// markup would load an iframe and run scripts: the same checks, so escaping is tested where it
// matters, in a browser. Run by npm run test:browser (and .ci/run), not by npm test.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthHtml } from '../../src/cli/health/html.js';
import type { HealthReport } from '../../src/cli/health/model.js';
import type { WorkItemView } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxEnv, truth } from '../cli/helpers.js';
import { HOSTILE_NAME as FIXTURE_NAME, hostileReport } from '../cli/health-fixture.js';
import { runInProcess, virtualClock } from '../cli/in-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT = path.join(ROOT, 'test-output', 'health-report.png');
const HOSTILE_BAG = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">.tar';

function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium at ${candidates.join(', ')}: install Debian's chromium package, or set CHROME_PATH`);
  return found;
}

let sandbox: Sandbox;
let browser: Browser;
let report: Record<string, unknown> & Omit<HealthReport, 'storage' | 'ingests'>;
let file: string;
const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-health-browser-'));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // A failed ingest of a hostile bag name, so the problems table has it.
  sandbox.simulateIngest({ name: HOSTILE_BAG, outcome: 'failed', stepMs: 1 });
  // Until the simulated ingest has failed, however long that takes on this machine (the test's timeout bounds it).
  for (;;) {
    const [item] = await truth<WorkItemView>(sandbox, 'items', { name: HOSTILE_BAG });
    if (item?.status === 'Failed') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  file = path.join(dir, 'health.html');
  // Wide windows, so the work-queue chart and the tables reach back into the sandbox's generated history.
  const result = await runInProcess(
    ['report', 'health', '--html', file, '--format', 'json', '--days', '1200', '--problem-days', '1200', '-q'],
    {
      env: sandboxEnv(sandbox),
      clock: virtualClock(Date.now() + 60_000),
    },
  );
  expect(result.code, result.stderr).toBe(0);
  report = JSON.parse(result.stdout) as typeof report;
  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Chromium's sandbox cannot start as root (CI containers): only then is it turned off.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

interface Loaded {
  page: Page;
  requests: string[];
  errors: string[];
}

/** Opens `target` from disk, recording every request and every console error or page error. */
async function load(target: string): Promise<Loaded> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(target).href, { waitUntil: 'load' });
  return { page, requests, errors };
}

/** The rendered data bars of a chart: their series, value and drawn height. */
function bars(page: Page, chart: string) {
  return page.$$eval(`#${chart} rect.bar`, (rects) =>
    rects.map((r) => ({
      key: r.getAttribute('data-key'),
      series: r.getAttribute('data-series'),
      value: Number(r.getAttribute('data-value')),
      height: r.getBoundingClientRect().height,
    })),
  );
}

describe('the health page of a sandbox, in headless Chromium', () => {
  it('loads from disk, asks for nothing but the file itself, runs no script, and logs no error', async () => {
    const { page, requests, errors } = await load(file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    await page.close();
  });

  it('draws the charts: one bar per month with objects, per status-week with items, per fixity bucket, sized by value', async () => {
    const { page } = await load(file);
    const months = (report as unknown as { ingests: { months: { month: string; objects: number; bytes: number }[] } }).ingests.months;
    const objectBars = await bars(page, 'chart-ingest-objects');
    expect(objectBars.map((b) => [b.key, b.value])).toEqual(months.map((m) => [m.month, m.objects]));
    expect(objectBars.length).toBeGreaterThan(12);
    expect(objectBars.every((b) => b.height > 0)).toBe(true);
    expect(await bars(page, 'chart-ingest-bytes')).toHaveLength(months.filter((m) => m.bytes > 0).length);

    const queue = report.work_queue;
    const segments = queue.periods.flatMap((p) => Object.entries(p.statuses).map(([status, n]) => [p.start, status, n]));
    const queueBars = await bars(page, 'chart-work-queue');
    expect(queueBars.map((b) => [b.key, b.series, b.value])).toEqual(segments);
    expect(segments.length).toBeGreaterThan(5);
    expect(queueBars.every((b) => b.height > 0)).toBe(true);

    const fixityBars = await bars(page, 'chart-fixity');
    expect(fixityBars.map((b) => [b.key, b.value])).toEqual(report.fixity.buckets.map((b) => [b.label, b.files]));
    expect(fixityBars).toHaveLength(7);
    for (const b of fixityBars) expect(b.height > 0).toBe(b.value > 0);
    await page.close();
  });

  it('each chart is an image named by its title and described by its desc; each table has a caption', async () => {
    const { page } = await load(file);
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => ({
        role: svg.getAttribute('role'),
        label: (svg.getAttribute('aria-labelledby') ?? '')
          .split(' ')
          .map((id: string) => svg.ownerDocument.getElementById(id)?.textContent ?? '')
          .join(' | '),
      })),
    );
    expect(charts).toHaveLength(4);
    for (const c of charts) {
      expect(c.role).toBe('img');
      expect(c.label).toMatch(/^.+ \| .+The numbers are in the table below\.$/);
    }
    const captions = await page.$$eval('table', (tables) => tables.map((t) => t.caption?.textContent ?? null));
    expect(captions.every((c) => c !== null && c.length > 0)).toBe(true);
    await page.close();
  });

  it('the problems table: one row per problem, links to the Registry, the <script> bag name as text', async () => {
    const { page } = await load(file);
    const rows = await page.$$eval('#problems-h ~ .wide table tbody tr', (trs) =>
      trs.map((tr) => ({ cells: [...tr.children].map((c) => c.textContent ?? ''), link: tr.querySelector('a')?.getAttribute('href') })),
    );
    expect(rows.map((r) => Number(r.cells[0]))).toEqual(report.problems.rows.map((r) => r.id));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.cells[1])).toContain(HOSTILE_BAG);
    expect(rows[0].link).toBe(`${new URL(sandbox.url).origin}/work_items/show/${rows[0].cells[0]}`);
    expect(await page.$$eval('main script, main img', (els) => els.length)).toBe(0);

    // The picture a person looks at: the whole page.
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  });
});

describe('the renderer’s hostile fixture, in headless Chromium', () => {
  it('markup in every server string stays text: nothing loads, nothing runs, the title is ours', async () => {
    const target = path.join(dir, 'hostile.html');
    writeFileSync(target, healthHtml(hostileReport()));
    const { page, requests, errors } = await load(target);
    expect(requests).toEqual([pathToFileURL(target).href]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.title()).toBe('Registry health: https://repo.aptrust.org, 2026-12-01');
    expect(await page.$$eval('iframe, img, script', (els) => els.length)).toBe(0);
    const text = await page.$eval('main', (m) => m.textContent ?? '');
    expect(text).toContain(FIXTURE_NAME);
    expect(await page.$$eval('#chart-ingest-objects rect.bar', (r) => r.length)).toBe(3);
    expect(await page.$$eval('#chart-work-queue rect.bar', (r) => r.length)).toBe(4);
    expect(await page.$$eval('#chart-fixity rect.bar', (r) => r.length)).toBe(7);
    await page.close();
  });
});
