// The dashboard for each access kind, healthy and failing, and the moves an SRE makes at 3 a.m.:
// type-ahead, re-run, keyboard shortcuts, recent paths, theme. Screenshots are kept as artefacts.
import { expect, test, type Page } from '@playwright/test';
import { loadScenario } from './load-scenario';
import { freePort, startAppServer } from '../harness/app-server';

const URLS = {
  clusterip: '/diagnose?kind=clusterip&namespace=shop&service=web&port=80&client=shop/toolbox',
  nodeport: '/diagnose?kind=nodeport&namespace=shop&service=web-nodeport&port=80&node=worker-1',
  ingress: '/diagnose?kind=ingress&namespace=shop&ingress=web&host=shop.example.com&path=/cart',
};

function hop(page: Page, label: string, verdict: string) {
  return page
    .getByRole('list', { name: 'Path topology' })
    .getByRole('listitem', { name: `${label}: ${verdict}` });
}

test.describe('healthy cluster', () => {
  test.beforeAll(async () => {
    await loadScenario('healthy');
  });

  test('ClusterIP: every hop ok, golden metrics charted from Prometheus', async ({ page }) => {
    await page.goto(URLS.clusterip);
    await expect(page.getByRole('status', { name: 'Summary' })).toHaveText(
      /Every hop of the path was checked and looks healthy/,
    );
    for (const h of [
      'client pod',
      'cluster DNS',
      'Service',
      'kube-proxy',
      'endpoints',
      'backend pods',
      'nodes',
    ])
      await expect(hop(page, h, 'ok')).toBeVisible();
    const chart = page
      .getByRole('region', { name: /Backend golden metrics/ })
      .getByRole('figure', { name: 'chart: request rate' });
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
    expect(await chart.locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'test-results/browser/healthy-clusterip.png', fullPage: true });
  });

  test('NodePort: DNS and Ingress skipped with their reasons', async ({ page }) => {
    await page.goto(URLS.nodeport);
    await expect(hop(page, 'nodes', 'ok')).toBeVisible();
    await expect(page.getByRole('region', { name: /^3 DNS/ })).toContainText(
      'skipped — not on this path',
    );
    await expect(page.getByRole('region', { name: /^5 Ingress/ })).toContainText(
      'skipped — not on this path',
    );
  });

  test('type-ahead finds a Service, infers the kind and diagnoses it', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' }); // hydrated before typing
    await page
      .getByRole('combobox', { name: 'Find a Service, Ingress, route or host' })
      .fill('web-node');
    await page
      .getByRole('listbox', { name: 'Matching Services, Ingresses and routes' })
      .getByRole('option', { name: /Service shop\/web-nodeport/ })
      .click();
    await expect(page.getByLabel('Access kind')).toHaveValue('nodeport');
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue('web-nodeport');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect(page).toHaveURL(/kind=nodeport.*service=web-nodeport/);
    await expect(page.getByRole('status', { name: 'Summary' })).toBeVisible();
  });

  test('a host finds its Ingress; the diagnosis is remembered under Recent', async ({ page }) => {
    await page.goto(URLS.ingress, { waitUntil: 'networkidle' }); // hydrated: the visit is remembered
    await expect(hop(page, 'ingress controller', 'ok')).toBeVisible();
    await page.goto('/', { waitUntil: 'networkidle' });
    await expect(page.getByRole('navigation', { name: 'Recent paths' })).toContainText(
      'Ingress shop/web shop.example.com/cart',
    );
    await page
      .getByRole('combobox', { name: 'Find a Service, Ingress, route or host' })
      .fill('shop.example');
    await page.getByRole('option', { name: /Ingress shop\/web/ }).click();
    await expect(page.getByLabel('Host', { exact: true })).toHaveValue('shop.example.com');
  });
});

test.describe('failing NodePort (etp-local-no-endpoint)', () => {
  test.beforeAll(async () => {
    await loadScenario('etp-local-no-endpoint');
  });

  test('the entry node fails with the traffic policy as the reason', async ({ page }) => {
    await page.goto(URLS.nodeport);
    await expect(hop(page, 'nodes', 'fail')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Summary' })).toContainText(
      'externalTrafficPolicy Local: node worker-1 has no ready endpoint',
    );
    await page.screenshot({
      path: 'test-results/browser/etp-local-no-endpoint.png',
      fullPage: true,
    });
  });
});

test.describe('failing Ingress (ingress-5xx-controller-reload-failed)', () => {
  test.beforeAll(async () => {
    await loadScenario('ingress-5xx-controller-reload-failed');
  });

  test('the controller fails on 5xx after a failed reload, charted', async ({ page }) => {
    await page.goto(URLS.ingress);
    await expect(hop(page, 'ingress controller', 'fail')).toBeVisible();
    await expect(hop(page, 'backend pods', 'ok')).toBeVisible();
    const ingress = page.getByRole('region', { name: /^5 Ingress/ });
    await expect(
      ingress.getByRole('article').filter({ hasText: 'INGRESS_RELOAD_FAILED' }),
    ).toBeVisible();
    // Drawn as plain SVG in the first paint; pointed at, the interactive plot takes its place.
    const share = ingress.getByRole('figure', { name: /5xx share/ });
    await expect(share.locator('polyline.chart-line').first()).toHaveAttribute(
      'points',
      /^[\d.]+,[\d.]+ [\d.]+,[\d.]+/,
    );
    await share.locator('.chart-plot').hover();
    await expect(share.locator('path.recharts-line-curve').first()).toHaveAttribute(
      'd',
      /^M[\d.]+,[\d.]+L/,
    ); // a drawn line (a flat one has no height, so not 'visible')
    await page.screenshot({
      path: 'test-results/browser/ingress-5xx-controller-reload-failed.png',
      fullPage: true,
    });
  });

  test('re-run (button and key r) asks the API again; n moves to the failing hop; l copies the link', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(URLS.ingress);
    await expect(page.getByText(/^taken /)).toBeVisible(); // hydrated, full diagnosis
    const rerun = page.waitForResponse(
      (r) => r.url().endsWith('/api/diagnoses') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: /Re-run/ }).click();
    const answer = await rerun;
    expect(answer.status()).toBe(200);
    expect(
      ((await answer.json()) as { diagnosis: { summary: { hop: string } } }).diagnosis.summary.hop,
    ).toBe('ingress-controller');
    await expect(page.getByText(/^taken /)).toBeVisible();
    const byKey = page.waitForResponse((r) => r.url().endsWith('/api/diagnoses'));
    await page.keyboard.press('r');
    expect((await byKey).ok()).toBe(true);
    await page.keyboard.press('n');
    await expect(page.locator(':focus')).toHaveText('ingress controller');
    await page.keyboard.press('l');
    await expect(page.getByRole('status', { name: 'Notice' })).toHaveText('link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  });

  test('the theme toggle switches to dark and is remembered', async ({ page }) => {
    await page.goto(URLS.ingress);
    await expect(page.getByText(/^taken /)).toBeVisible(); // hydrated, full diagnosis
    await page.getByRole('button', { name: /^Theme: system/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('status', { name: 'Summary' })).toBeVisible();
    await page.screenshot({ path: 'test-results/browser/dark-theme.png', fullPage: true });
  });
});

test.describe('arriving whole or streamed', () => {
  test.beforeAll(async () => {
    await loadScenario('healthy');
  });

  const PANELS = [
    '1 Node / pod health',
    '2 Backend golden metrics',
    '3 DNS',
    '4 Service / kube-proxy',
    '5 Ingress',
    '6 Path trace',
  ];

  /** Runs `fn` against a server of its own started with `env`, stopped afterwards. */
  async function withOwnServer(env: Record<string, string>, fn: (url: string) => Promise<void>) {
    const server = await startAppServer(await freePort(), { own: true, env });
    try {
      await fn(server.url);
    } finally {
      server.stop();
    }
  }

  async function expectSixPanels(page: Page) {
    for (const name of PANELS)
      await expect(
        page.getByRole('region', { name: new RegExp(`^${name.replace('/', '\\/')}`) }),
      ).toBeVisible();
  }

  test('a diagnosis that answers within the wait arrives whole, in the first paint', async ({
    page,
  }) => {
    // A server that waits up to 20 s (the default is 700 ms, which a loaded machine may miss).
    await withOwnServer({ HOPSCOPE_WHOLE_PAGE_WAIT_MS: '20000' }, async (url) => {
      const html = await (await page.request.get(url + URLS.clusterip)).text();
      // No waiting panel to be swapped later: all six steps are in the document as sent.
      expect(html).not.toContain('waiting for its evidence');
      expect(html.match(/<section[^>]*data-step="\d"/g)?.length).toBe(6);
      await page.goto(url + URLS.clusterip);
      await expectSixPanels(page);
    });
  });

  test('a slower one streams: each step panel arrives on its own, the page usable before the last', async ({
    page,
  }) => {
    // A server that does not wait at all for the whole diagnosis streams every page.
    await withOwnServer({ HOPSCOPE_WHOLE_PAGE_WAIT_MS: '0' }, async (url) => {
      const html = await (await page.request.get(url + URLS.clusterip)).text();
      // The first bytes hold the shell and a waiting panel per step, filled in as each answers.
      expect(html.match(/waiting for its evidence/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
      await page.goto(url + URLS.clusterip);
      await expectSixPanels(page);
      await expect(page.getByRole('region', { name: /: waiting$/ })).toHaveCount(0);
    });
  });
});
