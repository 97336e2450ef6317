// Figures of the diagnosis page in Debian's Chromium against a running app, read from the
// browser's own clock (from navigation start, so the harness's polling adds nothing): the first
// contentful paint (the shell, or the whole diagnosis), the first paint of a step panel with
// results, the paint of the last of the six (the complete diagnosis), and the JavaScript shipped
// (the chart code, fetched once a chart comes into view, counted apart). Step panel headings carry
// `elementtiming="step-N"` (the Element Timing API); waiting panels do not.
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export interface PageFigures {
  runs: number;
  shellMs: number[];
  firstPanelMs: number[];
  completeMs: number[];
  /** The same two as Playwright saw them, its polling and round trips included. */
  wallFirstPanelMs: number[];
  wallCompleteMs: number[];
  jsFiles: number;
  jsBytes: number;
  jsGzipBytes: number;
  chartGzipBytes: number;
}

/** Runs in the page before its own scripts: keeps the paint and element timings as they come. */
const RECORD_PAINTS = `
  window.__paints = {};
  for (const type of ['paint', 'element']) {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const key = e.entryType === 'element' ? e.identifier : e.name;
          if (!(key in window.__paints)) window.__paints[key] = e.renderTime || e.startTime;
        }
      }).observe({ type, buffered: true });
    } catch {}
  }
`;

export async function measurePage(
  base: string,
  pagePath: string,
  runs: number,
  token = process.env.HOPSCOPE_ACCESS_TOKEN,
): Promise<PageFigures> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const figures: PageFigures = {
    runs,
    shellMs: [],
    firstPanelMs: [],
    completeMs: [],
    wallFirstPanelMs: [],
    wallCompleteMs: [],
    jsFiles: 0,
    jsBytes: 0,
    jsGzipBytes: 0,
    chartGzipBytes: 0,
  };
  try {
    for (let i = 0; i < runs; i++) {
      // The app's local auth mode: the token it was started with.
      const context = await browser.newContext({
        extraHTTPHeaders: token ? { authorization: `Bearer ${token}` } : {},
      });
      const page = await context.newPage();
      const js = new Map<string, { raw: number; gz: number; chart: boolean }>();
      // Bodies are read as they come; all are awaited before the run's figures are taken.
      const reads: Promise<void>[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.js') || r.headers()['content-type']?.includes('javascript')) {
          reads.push(
            r
              .body()
              .catch(() => Buffer.alloc(0))
              .then((body) => {
                js.set(r.url(), {
                  raw: body.length,
                  gz: gzipSync(body).length,
                  chart: body.includes('recharts'),
                });
              }),
          );
        }
      });
      await page.addInitScript(RECORD_PAINTS);
      const t0 = performance.now();
      await page.goto(base + pagePath, { waitUntil: 'commit' });
      await page.locator('section[data-step]').first().waitFor();
      figures.wallFirstPanelMs.push(performance.now() - t0);
      await page.locator('section[data-step]').nth(5).waitFor();
      figures.wallCompleteMs.push(performance.now() - t0);
      const paints = await page.waitForFunction(() => {
        const p = (window as unknown as { __paints: Record<string, number> }).__paints;
        const steps = [1, 2, 3, 4, 5, 6].map((n) => p[`step-${n}`]);
        return steps.every((t) => t !== undefined) && p['first-contentful-paint'] !== undefined
          ? { fcp: p['first-contentful-paint'], steps: steps as number[] }
          : null;
      });
      const { fcp, steps } = (await paints.jsonValue())!;
      figures.shellMs.push(fcp);
      figures.firstPanelMs.push(Math.min(...steps));
      figures.completeMs.push(Math.max(...steps));
      await Promise.all(reads);
      const files = [...js.values()];
      figures.jsFiles = files.length;
      figures.jsBytes = files.reduce((a, f) => a + f.raw, 0);
      figures.jsGzipBytes = files.reduce((a, f) => a + f.gz, 0);
      figures.chartGzipBytes = files.filter((f) => f.chart).reduce((a, f) => a + f.gz, 0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
