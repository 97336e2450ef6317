// Figures of the diagnosis page in Debian's Chromium against a running app: navigation to the
// shell, to the first step panel with results, to the complete diagnosis (page idle), and the
// JavaScript shipped (the chart code, fetched once a chart comes into view, counted apart).
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export interface PageFigures {
  runs: number;
  shellMs: number[];
  firstPanelMs: number[];
  completeMs: number[];
  jsFiles: number;
  jsBytes: number;
  jsGzipBytes: number;
  chartGzipBytes: number;
}

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
      page.on('response', async (r) => {
        if (r.url().endsWith('.js') || r.headers()['content-type']?.includes('javascript')) {
          const body = await r.body().catch(() => Buffer.alloc(0));
          js.set(r.url(), {
            raw: body.length,
            gz: gzipSync(body).length,
            chart: body.includes('recharts'),
          });
        }
      });
      const t0 = performance.now();
      await page.goto(base + pagePath, { waitUntil: 'commit' });
      await page.getByRole('region').first().waitFor();
      figures.shellMs.push(performance.now() - t0);
      await page.locator('section[data-step]').first().waitFor();
      figures.firstPanelMs.push(performance.now() - t0);
      await page.getByRole('region', { name: /^6 Path trace/ }).waitFor();
      await page.waitForLoadState('networkidle');
      figures.completeMs.push(performance.now() - t0);
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
