// Figures for the diagnosis page, printed (not asserted): time from navigation to the first step
// panel and to the complete diagnosis, and the JavaScript shipped to the page, in Debian's
// Chromium against the running app (HOPSCOPE_URL) and whatever scenario the cluster holds.
//   tsx scripts/bench-dashboard.ts [runs]
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const base = process.env.HOPSCOPE_URL ?? 'http://127.0.0.1:3100';
const runs = Number(process.argv[2] ?? 5);
const path = '/diagnose?kind=clusterip&namespace=shop&service=web&port=80&client=shop/toolbox';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const shell: number[] = [];
const firstPanel: number[] = [];
const complete: number[] = [];
let jsBytes = 0;
let jsGzipBytes = 0;
let chartGzipBytes = 0;
let jsFiles = 0;
for (let i = 0; i < runs; i++) {
  // The app's local auth mode: the token it was started with (HOPSCOPE_ACCESS_TOKEN).
  const token = process.env.HOPSCOPE_ACCESS_TOKEN;
  const context = await browser.newContext({
    extraHTTPHeaders: token ? { authorization: `Bearer ${token}` } : {},
  });
  const page = await context.newPage();
  const js = new Map<string, number>();
  const jsGzip = new Map<string, number>();
  // The chart code is fetched only once a chart comes into view: counted apart.
  const chartGzip = new Map<string, number>();
  page.on('response', async (r) => {
    if (r.url().endsWith('.js') || r.headers()['content-type']?.includes('javascript')) {
      const body = await r.body().catch(() => Buffer.alloc(0));
      js.set(r.url(), body.length);
      jsGzip.set(r.url(), gzipSync(body).length);
      if (body.includes('recharts')) chartGzip.set(r.url(), gzipSync(body).length);
    }
  });
  const t0 = performance.now();
  await page.goto(base + path, { waitUntil: 'commit' });
  await page.getByRole('region').first().waitFor();
  shell.push(performance.now() - t0);
  await page.locator('section[data-step]').first().waitFor();
  firstPanel.push(performance.now() - t0);
  await page.getByRole('region', { name: /^6 Path trace/ }).waitFor();
  await page.waitForLoadState('networkidle');
  complete.push(performance.now() - t0);
  jsBytes = [...js.values()].reduce((a, b) => a + b, 0);
  jsGzipBytes = [...jsGzip.values()].reduce((a, b) => a + b, 0);
  chartGzipBytes = [...chartGzip.values()].reduce((a, b) => a + b, 0);
  jsFiles = js.size;
  await context.close();
}
await browser.close();
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
console.log(`runs: ${runs} (first run is cold)`);
console.log(
  `navigation → shell with the six waiting panels: median ${median(shell).toFixed(0)} ms (all: ${shell.map((v) => v.toFixed(0)).join(', ')})`,
);
console.log(
  `navigation → first step panel with results: median ${median(firstPanel).toFixed(0)} ms (all: ${firstPanel.map((v) => v.toFixed(0)).join(', ')})`,
);
console.log(
  `navigation → full diagnosis, page idle: median ${median(complete).toFixed(0)} ms (all: ${complete.map((v) => v.toFixed(0)).join(', ')})`,
);
console.log(
  `JavaScript shipped to the diagnosis page: ${(jsBytes / 1024).toFixed(0)} KiB uncompressed, ${(jsGzipBytes / 1024).toFixed(0)} KiB gzipped, in ${jsFiles} files; of it the chart code, fetched once a chart is in view, ${(chartGzipBytes / 1024).toFixed(0)} KiB gzipped`,
);
