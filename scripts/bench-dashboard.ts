// Figures for the diagnosis page, printed (not asserted): time from navigation to the first step
// panel and to the complete diagnosis, and the JavaScript shipped to the page, in Debian's
// Chromium against the running app (HOPSCOPE_URL) and whatever scenario the cluster holds.
//   tsx scripts/bench-dashboard.ts [runs] [path]
import { measurePage, percentile } from './page-figures';

const base = process.env.HOPSCOPE_URL ?? 'http://127.0.0.1:3100';
const runs = Number(process.argv[2] ?? 5);
const path =
  process.argv[3] ??
  '/diagnose?kind=clusterip&namespace=shop&service=web&port=80&client=shop/toolbox';

const f = await measurePage(base, path, runs);
const all = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
const median = (v: number[]) => percentile(v, 50).toFixed(0);
const line = (v: number[]) => `median ${median(v)} ms (all: ${all(v)})`;
console.log(`runs: ${runs} (first run is cold); times from navigation start, the browser's clock`);
console.log(`first contentful paint (the shell, or the whole diagnosis): ${line(f.shellMs)}`);
console.log(`first step panel with results painted: ${line(f.firstPanelMs)}`);
console.log(`all six step panels painted (complete diagnosis): ${line(f.completeMs)}`);
console.log(
  `as Playwright saw them (its polling included): first panel ${line(f.wallFirstPanelMs)}; ` +
    `six panels ${line(f.wallCompleteMs)}`,
);
console.log(
  `JavaScript shipped to the diagnosis page: ${(f.jsBytes / 1024).toFixed(0)} KiB uncompressed, ` +
    `${(f.jsGzipBytes / 1024).toFixed(0)} KiB gzipped, in ${f.jsFiles} files; of it the chart ` +
    `code, fetched once a chart is in view, ${(f.chartGzipBytes / 1024).toFixed(0)} KiB gzipped`,
);
