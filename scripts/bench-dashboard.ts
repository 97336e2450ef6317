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
console.log(`runs: ${runs} (first run is cold)`);
console.log(
  `navigation → first region on screen (the shell, or the whole diagnosis): median ${median(f.shellMs)} ms (all: ${all(f.shellMs)})`,
);
console.log(
  `navigation → first step panel with results: median ${median(f.firstPanelMs)} ms (all: ${all(f.firstPanelMs)})`,
);
console.log(
  `navigation → full diagnosis, page idle: median ${median(f.completeMs)} ms (all: ${all(f.completeMs)})`,
);
console.log(
  `JavaScript shipped to the diagnosis page: ${(f.jsBytes / 1024).toFixed(0)} KiB uncompressed, ` +
    `${(f.jsGzipBytes / 1024).toFixed(0)} KiB gzipped, in ${f.jsFiles} files; of it the chart ` +
    `code, fetched once a chart is in view, ${(f.chartGzipBytes / 1024).toFixed(0)} KiB gzipped`,
);
