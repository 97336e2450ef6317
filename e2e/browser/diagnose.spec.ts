// The dashboard in Debian's Chromium, against the built app and the real test cluster.
import { expect, test } from '@playwright/test';
import { loadScenario as load } from './load-scenario';

const PLEG_URL =
  '/diagnose?kind=clusterip&cluster=hopscope-test&namespace=shop&service=web&port=80&minutes=30';

test.describe('a failing ClusterIP path (node-pleg-notready)', () => {
  test.beforeAll(async () => {
    await load('node-pleg-notready');
  });

  test('the picker leads to the diagnosis, which names the failing hop and its cause', async ({
    page,
  }) => {
    await page.goto('/', { waitUntil: 'networkidle' }); // hydrated before typing
    await page.getByLabel('Namespace', { exact: true }).fill('shop');
    await page.getByLabel('Service', { exact: true }).fill('web');
    await page.getByLabel('Port', { exact: true }).fill('80');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect(page).toHaveURL(/\/diagnose\?/);
    const summary = page.getByRole('status', { name: 'Summary' });
    await expect(summary).toContainText('Fails at endpoints');
    await expect(summary).toContainText('PLEG is not healthy');
    const topology = page.getByRole('list', { name: 'Path topology' });
    await expect(topology.getByRole('listitem', { name: 'endpoints: fail' })).toContainText('fail');
    await expect(topology.getByRole('listitem', { name: 'Service: ok' })).toBeVisible();
    await page.screenshot({ path: 'test-results/browser/node-pleg-notready.png', fullPage: true });
  });

  test('the address is a live link: a new page shows the same diagnosis', async ({ browser }) => {
    const first = await browser.newPage();
    await first.goto(PLEG_URL);
    await expect(first.getByText(/^taken /)).toBeVisible(); // the full diagnosis, not the first wave
    const sentence = await first.getByRole('status', { name: 'Summary' }).innerText();
    const second = await browser.newPage();
    await second.goto(first.url());
    await expect(second.getByRole('status', { name: 'Summary' })).toHaveText(sentence);
  });

  test('a remediation command copies to the clipboard', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(PLEG_URL);
    await expect(page.getByText(/^taken /)).toBeVisible(); // hydrated, full diagnosis
    const button = page
      .getByRole('button', { name: /^Copy command: kubectl describe node worker-2/ })
      .first();
    await button.click();
    await expect(button).toHaveText('copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'kubectl describe node worker-2',
    );
  });

  test('Trace the path asks for step 6; without a vantage point the step says so — unknown, never ok', async ({
    page,
  }) => {
    await page.goto(PLEG_URL);
    await expect(page.getByRole('region', { name: /^6 Path trace/ })).toContainText('trace=1');
    await page.getByRole('link', { name: /Trace the path/ }).click();
    await expect(page).toHaveURL(/trace=1/);
    const step6 = page.getByRole('region', { name: /^6 Path trace/ });
    await expect(step6).toContainText('unknown');
    await expect(step6).toContainText(/asked for, but this server has no vantage point enabled/);
    await expect(page.getByText('with path trace')).toBeVisible();
  });
});

test.describe('a healthy Ingress path', () => {
  test.beforeAll(async () => {
    await load('healthy');
  });

  test('every hop checked is ok and external DNS says why it is unknown', async ({ page }) => {
    await page.goto(
      '/diagnose?kind=ingress&namespace=shop&ingress=web&host=shop.example.com&path=/cart',
    );
    const topology = page.getByRole('list', { name: 'Path topology' });
    for (const hop of ['ingress controller', 'Service', 'endpoints', 'backend pods']) {
      await expect(topology.getByRole('listitem', { name: `${hop}: ok` })).toBeVisible();
    }
    await expect(topology.getByRole('listitem', { name: 'external DNS: unknown' })).toContainText(
      'not resolved',
    );
    await page.screenshot({ path: 'test-results/browser/healthy-ingress.png', fullPage: true });
  });

  test('pages forbid framing and sniffing; the API refuses a cross-site simple request', async ({
    page,
    request,
  }) => {
    const res = await page.goto('/');
    const headers = res?.headers() ?? {};
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    const form = await request.post('/api/diagnoses', {
      headers: { 'content-type': 'text/plain' },
      data: '{"kind":"clusterip","namespace":"shop","service":"web"}',
    });
    expect(form.status()).toBe(415);
  });

  test('a path that does not exist answers 404 with a plain message, not a crash; a link that is no path 400', async ({
    page,
  }) => {
    const res = await page.goto('/diagnose?kind=clusterip&namespace=shop&service=nope');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Service shop/nope not found',
    );
    const bad = await page.goto('/diagnose?kind=clusterip&namespace=Not_A_Namespace');
    expect(bad?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('This link does not describe a path');
  });
});

test.describe('metric evidence (app-hang-stdout-blocked)', () => {
  test.beforeAll(async () => {
    await load('app-hang-stdout-blocked');
  });

  test('step 2 shows the drop in charts drawn from the real Prometheus, and the stalled log', async ({
    page,
  }) => {
    await page.goto(
      '/diagnose?kind=clusterip&namespace=shop&service=web&port=80&client=shop/toolbox&logs=1',
    );
    await expect(page.getByRole('status', { name: 'Summary' })).toContainText(
      'Fails at backend pods',
    );
    const golden = page.getByRole('region', { name: /Backend golden metrics/ });
    await expect(
      golden.getByRole('article').filter({ hasText: 'GOLDEN_TRAFFIC_DROPPED' }),
    ).toBeVisible();
    await expect(
      golden.getByRole('article').filter({ hasText: 'LOG_STALL' }).first(),
    ).toContainText('has written nothing');
    const chart = golden.getByRole('figure', { name: 'chart: request rate' });
    await expect(chart).toBeVisible();
    // Drawn in the first paint as plain SVG; the interactive plot loads when pointed at.
    await expect(chart.locator('polyline.chart-line').first()).toHaveAttribute(
      'points',
      /^[\d.]+,[\d.]+ [\d.]+,[\d.]+/,
    );
    expect(await chart.locator('polyline.chart-line').count()).toBeGreaterThanOrEqual(2);
    await chart.locator('.chart-plot').hover();
    await expect(chart.locator('path.recharts-line-curve').first()).toHaveAttribute(
      'd',
      /^M[\d.]+,[\d.]+L/,
    ); // a drawn line (a flat one has no height, so not 'visible')
    expect(await chart.locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(2); // now and a day earlier
    await page.screenshot({
      path: 'test-results/browser/app-hang-stdout-blocked.png',
      fullPage: true,
    });
  });
});
